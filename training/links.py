"""Signed, expiring, single-use links for people without an account (see `FormLink`).

`url_for(link)` gives the absolute address to put in an email; `resolve(token, purpose)` checks
the signature first (a made-up or altered token never reaches the database), then finds the
link and says whether it can still be used. The form's view marks the link used in the same
transaction that saves the answer (`use(link)`), so a double submit saves once.
"""

from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils import timezone

from .models import Attendee, FormLink, LinkPurpose

SALT = "training.form-link"


def token_for(link: FormLink) -> str:
    return signing.Signer(salt=f"{SALT}.{link.purpose}").sign(link.key.hex)


def url_for(link: FormLink) -> str:
    return settings.SITE_URL.rstrip("/") + reverse("training:link", args=[token_for(link)])


def link_for(attendee: Attendee, purpose: str, expires_at: datetime) -> FormLink:
    """The attendee's link for `purpose`, made once: a reminder repeats the same link."""
    link, _ = FormLink.objects.get_or_create(
        attendee=attendee, purpose=purpose, defaults={"expires_at": expires_at}
    )
    return link


@dataclass(frozen=True)
class Resolved:
    link: FormLink | None
    problem: str = ""  # "", "invalid", "expired", "used"

    @property
    def usable(self) -> bool:
        return self.link is not None and not self.problem


def resolve(token: str) -> Resolved:
    """Check a token from a URL. Never raises: a bad token is `Resolved(None, "invalid")`."""
    if ":" not in token:
        return Resolved(None, "invalid")
    for purpose in LinkPurpose.values:
        try:
            key = signing.Signer(salt=f"{SALT}.{purpose}").unsign(token)
        except signing.BadSignature:
            continue
        link = (
            FormLink.objects.select_related("attendee__session__course")
            .filter(key=key, purpose=purpose)
            .first()
        )
        if link is None:
            return Resolved(None, "invalid")
        if link.used:
            return Resolved(link, "used")
        if link.expired:
            return Resolved(link, "expired")
        return Resolved(link)
    return Resolved(None, "invalid")


def use(link: FormLink) -> bool:
    """Mark the link used; False if it was already used (a double submit or a race): call it
    inside the transaction that saves the answer and roll back when it returns False."""
    return bool(FormLink.objects.filter(pk=link.pk, used_at__isnull=True).update(used_at=timezone.now()))
