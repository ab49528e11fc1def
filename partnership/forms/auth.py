"""Forms for signing in, resetting a password and accepting an invitation.

They are Django's own auth forms with the GOV.UK Design System's wording: labels people
recognise, error messages that say what to do, and nothing that reveals whether an email
address has an account.
"""

from django import forms
from django.conf import settings
from django.contrib.auth import forms as auth_forms
from django.urls import reverse

from ..emails import send_email_on_commit

EMAIL_FORMAT_MESSAGE = "Enter an email address in the correct format, like name@example.com"


def new_password_hint() -> str:
    """The rules of AUTH_PASSWORD_VALIDATORS in words, with the minimum length they set."""
    min_length = 8
    for validator in settings.AUTH_PASSWORD_VALIDATORS:
        if validator["NAME"].endswith("MinimumLengthValidator"):
            min_length = validator.get("OPTIONS", {}).get("min_length", min_length)
    return (
        f"Your password must be at least {min_length} characters long. Do not use a common "
        "password, a password made only of numbers, or one like your name or email address."
    )


def reset_link_lifetime() -> str:
    """How long a password reset link lasts, in words: "1 hour", "30 minutes"."""
    minutes = settings.PASSWORD_RESET_TIMEOUT // 60
    if minutes % 60 == 0:
        hours = minutes // 60
        return f"{hours} hour{'s' if hours != 1 else ''}"
    return f"{minutes} minute{'s' if minutes != 1 else ''}"


def normalise_email(value: str) -> str:
    """Email addresses are stored in lower case; sign-in and lockouts use the same form."""
    return (value or "").strip().lower()


class SignInForm(auth_forms.AuthenticationForm):
    """Email address and password.

    The email field keeps Django's name `username`, which django-axes reads to count wrong
    passwords per account. It is normalised before authenticating, so "Bea@Example.org" and
    "bea@example.org" are one account to the lockout as well as to the login.
    """

    username = forms.EmailField(
        label="Email address",
        max_length=254,
        error_messages={"required": "Enter your email address", "invalid": EMAIL_FORMAT_MESSAGE},
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false", "autofocus": True}),
    )
    password = forms.CharField(
        label="Password",
        strip=False,
        error_messages={"required": "Enter your password"},
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    error_messages = {
        "invalid_login": "Enter a correct email address and password",
        # A deactivated person is told no more than anyone with a wrong password.
        "inactive": "Enter a correct email address and password",
    }

    def clean_username(self):
        return normalise_email(self.cleaned_data.get("username"))


class PasswordResetRequestForm(auth_forms.PasswordResetForm):
    """Asks for an email address and emails a reset link if, and only if, it has an account.

    The page that follows reads the same either way, so the form never tells anyone whether
    an address is registered. The email is queued by a worker after commit, so the response
    takes as long whether or not an email was sent.
    """

    email = forms.EmailField(
        label="Email address",
        max_length=254,
        error_messages={"required": "Enter your email address", "invalid": EMAIL_FORMAT_MESSAGE},
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )

    def clean_email(self):
        return normalise_email(self.cleaned_data.get("email"))

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        """Send through the project's email path (text and HTML parts, queued after commit)."""
        user = context["user"]
        reset_path = reverse(
            "partnership:password-reset-confirm", kwargs={"uidb64": context["uid"], "token": context["token"]}
        )
        send_email_on_commit(
            to=[to_email],
            template_prefix="registration/password_reset",
            context={
                "person": user,
                "reset_url": settings.SITE_URL + reset_path,
                "valid_for": reset_link_lifetime(),
                "business_unit_email": settings.BUSINESS_UNIT_EMAIL,
            },
        )


class NewPasswordForm(auth_forms.SetPasswordForm):
    """A new password, typed twice, checked by the project's password validators.

    `user` is the person the password is for, so the similarity check can compare it with
    their name and email address.
    """

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

    error_messages = {"password_mismatch": "The passwords do not match"}

    def save(self, commit=True):
        """Set the password, attributing the change in the person's history to themselves."""
        self.user._history_user = self.user
        self.user._change_reason = "Password reset"
        return super().save(commit=commit)
