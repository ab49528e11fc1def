"""Small helpers the Rapid Review pages share."""

import re

from partnership.templatetags.govuk import field_anchor

from ...models import Review


def next_reference(prefix: str, year: int) -> str:
    """A suggested reference, e.g. RR-2026-3: one more than the highest used this year."""
    pattern = re.compile(rf"^{re.escape(prefix)}-{year}-(\d+)$")
    used = Review.objects.filter(reference__startswith=f"{prefix}-{year}-").values_list(
        "reference", flat=True
    )
    numbers = [int(m.group(1)) for m in (pattern.match(r) for r in used) if m]
    return f"{prefix}-{year}-{max(numbers, default=0) + 1}"


def error_items(*forms, extra=()) -> list[tuple[str, str]]:
    """(anchor, message) for an error summary over several forms (a form and its formset):
    each error links to its field; an error of no field links to the first field."""
    items = []
    for form in forms:
        fields = form.visible_fields()
        first = field_anchor(fields[0]) if fields else ""
        items.extend((first, error) for error in form.non_field_errors())
        for field in fields:
            items.extend((field_anchor(field), error) for error in field.errors)
    items.extend((anchor, message) for anchor, message in extra if message)
    return items
