"""One way of saying that a reference is already taken, for every record whose reference (or
code) is unique: a case review, a serious incident notification, a recommendation within its
source, a Section 11 requirement within its standard, an indicator.

Django would say "Review with this Reference already exists."; a form (the ModelForm's own
check), a service (`save_tracked` validates before saving) and a service's own earlier check
all say instead, naming the reference, "A case review with reference LCSPR-2026-01 already
exists. Use a different reference."
"""

from django.core.exceptions import ValidationError


class UniqueReference:
    """Mixed into a model (before its Django base): `REFERENCE_TAKEN` says what already has the
    reference, formatted with the record being saved as `obj`; the model's unique check (a
    unique field or a UniqueConstraint that includes it) then uses it."""

    REFERENCE_FIELD = "reference"
    REFERENCE_TAKEN = "A record with reference {obj.reference} already exists"

    def reference_taken_message(self) -> str:
        label = self._meta.get_field(self.REFERENCE_FIELD).verbose_name
        return f"{self.REFERENCE_TAKEN.format(obj=self)}. Use a different {label}."

    def unique_error_message(self, model_class, unique_check):
        if self.REFERENCE_FIELD in unique_check:
            # No params: the reference is shown as typed, never read as a %-format.
            return ValidationError(self.reference_taken_message(), code="unique")
        return super().unique_error_message(model_class, unique_check)
