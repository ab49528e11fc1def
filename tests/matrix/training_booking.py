"""Matrix cases for training booking: the public booking pages and emailed links (anyone, signed
in or not) and the business unit's cancel of a place.

A place is seen through `attendees_visible_to`: the business unit, the partnership leads, the
subgroup overseeing the programme and the attendee's own agency's lead; everyone else (another
agency's lead, lay members, peer challengers, people without a role) gets a 404. Of those who
see it, only the business unit may cancel it (403 for the rest).
"""

import datetime

from django.utils import timezone

from tests.training.factories import AttendeeFactory, ProgrammeFactory, SessionFactory
from training import links
from training.models import LinkPurpose
from training.views.booking.public import done_url

from . import SIGNED_IN, Case

EVERYONE = ("anonymous", *SIGNED_IN)


def attendee(w, *, overseen=True):
    programme = ProgrammeFactory(subgroup=w.subgroup if overseen else w.other_subgroup)
    session = SessionFactory(course__programme=programme)
    return AttendeeFactory(session=session, agency=w.agency)


def cancel_expect(*, overseen: bool, ok: int = 200) -> dict[str, int]:
    sees = {"business_unit", "partnership_lead", "agency_lead"}
    if overseen:
        sees |= {"subgroup_chair", "subgroup_member"}
    return {r: ok if r == "business_unit" else 403 if r in sees else 404 for r in SIGNED_IN}


def token(purpose, *, expired=False):
    def args(w):
        place = attendee(w)
        expires = timezone.now() + (datetime.timedelta(days=-1) if expired else datetime.timedelta(days=7))
        return [links.token_for(links.link_for(place, purpose, expires))]

    return args


def session_pk(w):
    return [SessionFactory(course__programme=ProgrammeFactory(subgroup=w.subgroup)).pk]


def done_args(w):
    place = attendee(w)
    return [place.session_id, done_url(place, already=False).rstrip("/").rsplit("/", 1)[-1]]


CASES = [
    Case("training:book", public=True),
    Case("training:book", public=True, query="level=2&month=2026-12", label="filtered"),
    Case("training:book-session", public=True, args=session_pk),
    Case("training:book-done", public=True, args=done_args),
    Case("training:link", public=True, args=token(LinkPurpose.CANCEL), label="cancel"),
    Case("training:link", public=True, args=token(LinkPurpose.APPROVE), label="approve"),
    Case(
        "training:link",
        public=True,
        default=410,
        args=token(LinkPurpose.CANCEL, expired=True),
        label="expired",
    ),
    Case("training:link", public=True, default=404, args=lambda w: ["not-a-real-token:abc"], label="invalid"),
    Case(
        "training:attendee-cancel",
        expect=cancel_expect(overseen=True),
        args=lambda w: [attendee(w).pk],
        label="overseen",
    ),
    Case(
        "training:attendee-cancel",
        expect=cancel_expect(overseen=False),
        args=lambda w: [attendee(w, overseen=False).pk],
        label="not overseen",
    ),
    Case(
        "training:attendee-cancel",
        expect=cancel_expect(overseen=True, ok=302),
        args=lambda w: [attendee(w).pk],
        method="post",
        label="post",
    ),
]
