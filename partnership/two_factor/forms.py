"""Forms of the code page, two-factor set-up and the account page, in GOV.UK wording.

Every form that asks for the current password checks it through Django's `authenticate`, so
django-axes counts a wrong one toward the account's lockout, as on the sign-in page: a session
left open cannot be used to guess the password.
"""

from django import forms
from django.contrib.auth import authenticate
from django.contrib.auth import forms as auth_forms

from ..forms.auth import new_password_hint
from .services import normalise_code

WRONG_PASSWORD = "Your password is not right. Enter the password you sign in with"  # noqa: S105 - a message


def password_is_right(request, user, password: str) -> bool:
    """Whether `password` is the person's own, asked the way signing in asks (counted by axes)."""
    if not password:
        return False
    checked = authenticate(request, username=user.get_username(), password=password)
    return checked is not None and checked.pk == user.pk


class CurrentPasswordMixin:
    """Adds a "Your password" field, checked against the signed-in person's password."""

    def add_password_field(self, request, user):
        self.request, self.user = request, user
        self.fields["password"] = forms.CharField(
            label="Your password",
            strip=False,
            error_messages={"required": "Enter your password"},
            widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        )

    def clean_password(self):
        password = self.cleaned_data.get("password", "")
        if not password_is_right(self.request, self.user, password):
            raise forms.ValidationError(WRONG_PASSWORD)
        return password


class CodeForm(forms.Form):
    """A six-digit code from an authenticator app, or (with `recovery`) a recovery code."""

    code = forms.CharField(max_length=32, strip=True)

    def __init__(self, *args, recovery: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.recovery = recovery
        field = self.fields["code"]
        if recovery:
            field.label = "Recovery code"
            field.help_text = "One of the 10 codes you saved when you set up two-factor authentication."
            field.error_messages["required"] = "Enter a recovery code"
            field.widget.attrs.update({"autocomplete": "off", "spellcheck": "false", "autofocus": True})
        else:
            field.label = "Security code"
            field.help_text = "The 6-digit code your authenticator app shows now, for example 123456."
            field.error_messages["required"] = "Enter the security code from your authenticator app"
            field.widget.attrs.update(
                {
                    "autocomplete": "one-time-code",
                    "inputmode": "numeric",
                    "spellcheck": "false",
                    "autofocus": True,
                }
            )
        field.widget.attrs["class"] = "govuk-input--width-20" if recovery else "govuk-input--width-10"

    def clean_code(self):
        code = normalise_code(self.cleaned_data.get("code", ""))
        if self.recovery:
            if not code.isalnum() or len(code) > 16:
                raise forms.ValidationError("Enter a recovery code, like k3vq-7mzd-a2bx-p5re")
        elif not (code.isdigit() and len(code) == 6):
            raise forms.ValidationError("Enter the security code: 6 numbers, like 123456")
        return code


class SetUpForm(CurrentPasswordMixin, CodeForm):
    """The first code from a new authenticator app; and the current password when turning
    two-factor sign-in on from the account page (not when made to set it up on signing in)."""

    def __init__(self, *args, request, user, ask_password: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].label = "Security code from your app"
        self.fields["code"].help_text = "Enter the 6-digit code your app shows after you add the account."
        self.fields["code"].widget.attrs.pop("autofocus", None)
        if ask_password:
            self.add_password_field(request, user)


class PasswordConfirmForm(CurrentPasswordMixin, forms.Form):
    """Only the current password: to get new recovery codes, or to reset two-factor sign-in."""

    def __init__(self, *args, request, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_password_field(request, user)


class AccountPasswordChangeForm(auth_forms.PasswordChangeForm):
    """Change a password: the current one (checked as signing in checks it), then a new one twice."""

    old_password = forms.CharField(
        label="Current password",
        strip=False,
        error_messages={"required": "Enter your current password"},
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    new_password1 = forms.CharField(
        label="New password",
        strip=False,
        help_text=new_password_hint(),
        error_messages={"required": "Enter a new password"},
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    new_password2 = forms.CharField(
        label="Confirm new password",
        strip=False,
        error_messages={"required": "Confirm your new password"},
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    error_messages = {
        "password_mismatch": "The new passwords do not match",
        "password_incorrect": "Your current password is not right. Enter the password you sign in with",
    }

    field_order = ["old_password", "new_password1", "new_password2"]

    def __init__(self, user, *args, request=None, **kwargs):
        self.request = request
        super().__init__(user, *args, **kwargs)
        self.fields["old_password"].widget.attrs.pop("autofocus", None)

    def clean_old_password(self):
        old_password = self.cleaned_data.get("old_password", "")
        if not password_is_right(self.request, self.user, old_password):
            raise forms.ValidationError(self.error_messages["password_incorrect"], code="password_incorrect")
        return old_password

    def save(self, commit=True):
        """Set the password, attributing the change in the person's history to themselves."""
        self.user._history_user = self.user
        self.user._change_reason = "Password changed"
        return super().save(commit=commit)
