"""Sign-ins, failed sign-ins and lockouts, recorded from the signals Django and django-axes send.

Connected once, from `PartnershipConfig.ready()`. Whatever signs people in (the sign-in page,
an invitation accepted, a password reset, a second factor) sends `user_logged_in`, so every
way in is logged without each view remembering to.
"""

from axes.signals import user_locked_out
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.dispatch import receiver

from ..models import SecurityEventKind
from .events import record_event


@receiver(user_logged_in, dispatch_uid="security_event_sign_in")
def record_sign_in(sender, request=None, user=None, **kwargs):
    record_event(SecurityEventKind.SIGN_IN, request=request, user=user)


def _person_for(email: str):
    """The account a typed email belongs to, if any, so a person's failures show on their
    record; the email typed is kept either way."""
    if not email:
        return None
    User = get_user_model()
    return User.objects.filter(email__iexact=email.strip()).first()


@receiver(user_login_failed, dispatch_uid="security_event_sign_in_failed")
def record_sign_in_failed(sender, credentials=None, request=None, **kwargs):
    credentials = credentials or {}
    email = str(credentials.get("username") or credentials.get("email") or "")
    record_event(
        SecurityEventKind.SIGN_IN_FAILED,
        request=request,
        user=_person_for(email),
        email=email,
        detail="Wrong email address or password, or the account is locked or inactive.",
    )


@receiver(user_locked_out, dispatch_uid="security_event_lockout")
def record_lockout(sender, request=None, username=None, ip_address=None, **kwargs):
    email = str(username or "")
    record_event(
        SecurityEventKind.LOCKOUT,
        request=request,
        user=_person_for(email),
        email=email,
        detail="Too many failed sign-ins: the account is locked for a while.",
    )
