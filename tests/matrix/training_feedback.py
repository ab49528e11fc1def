"""Matrix cases for training feedback: the evaluation and follow-up forms behind emailed links
(anyone, signed in or not: the link is the key) and the impact examples pages.

Impact examples are read by those who oversee training: the business unit, the partnership
leads, and the chair and members of the subgroup overseeing a programme (`world.subgroup`
here; with `other_subgroup` they get a 403). Agency leads, lay members, peer challengers,
people with no role and a superuser with no role get a 403. Only the business unit tags.
"""

import datetime

from django.utils import timezone

from tests.training.factories import (
    AttendeeFactory,
    FollowUpFactory,
    LearningOutcomeFactory,
    ProgrammeFactory,
    SessionFactory,
)
from training import links
from training.models import LinkPurpose

from . import SIGNED_IN, Case, only

EVERYONE = ("anonymous", *SIGNED_IN)
OVERSEERS = {"business_unit", "partnership_lead", "subgroup_chair", "subgroup_member"}


def example(w, *, overseen=True):
    programme = ProgrammeFactory(subgroup=w.subgroup if overseen else w.other_subgroup)
    session = SessionFactory(course__programme=programme)
    attendee = AttendeeFactory(session=session, agency=w.agency, attended=True, follow_up_sampled=True)
    return FollowUpFactory(attendee=attendee)


def readers(overseen=True) -> dict[str, int]:
    return only(OVERSEERS if overseen else OVERSEERS - {"subgroup_chair", "subgroup_member"})


def token(purpose, *, used=False):
    def args(w):
        programme = ProgrammeFactory(subgroup=w.subgroup)
        session = SessionFactory(course__programme=programme)
        LearningOutcomeFactory(course=session.course, number=1)
        attendee = AttendeeFactory(session=session, attended=True)
        link = links.link_for(attendee, purpose, timezone.now() + datetime.timedelta(days=7))
        if used:
            links.use(link)
        return [links.token_for(link)]

    return args


def no_args(make):
    """Args for a URL without any, after making the data the page shows."""

    def args(w):
        make(w)
        return []

    return args


CASES = [
    Case("training:link", public=True, args=token(LinkPurpose.EVALUATION), label="evaluation"),
    Case(
        "training:link",
        public=True,
        args=token(LinkPurpose.FOLLOW_UP_PARTICIPANT),
        label="follow-up participant",
    ),
    Case("training:link", public=True, args=token(LinkPurpose.FOLLOW_UP_MANAGER), label="follow-up manager"),
    Case(
        "training:link",
        public=True,
        default=410,
        args=token(LinkPurpose.EVALUATION, used=True),
        label="evaluation used",
    ),
    Case("training:impact-example-list", expect=readers(), args=no_args(example), label="overseen"),
    Case(
        "training:impact-example-list",
        expect=readers(overseen=False),
        args=no_args(lambda w: example(w, overseen=False)),
        label="not overseen",
    ),
    Case(
        "training:impact-example-list",
        expect=readers(),
        args=no_args(example),
        query="tagged=no&respondent=participant&year=2026",
        label="filtered",
    ),
    Case("training:impact-example-export", expect=readers(), args=no_args(example)),
    Case(
        "training:impact-example-detail", expect=readers(), args=lambda w: [example(w).pk], label="overseen"
    ),
    Case(
        "training:impact-example-detail",
        expect=readers(overseen=False),
        args=lambda w: [example(w, overseen=False).pk],
        label="not overseen",
    ),
    Case("training:impact-example-tag", expect=only({"business_unit"}), args=lambda w: [example(w).pk]),
    Case(
        "training:impact-example-tag",
        expect=only({"business_unit"}, status_ok=302),
        args=lambda w: [example(w).pk],
        method="post",
        data=lambda w: {"themes": [], "action": "", "finding": ""},
        label="post",
    ),
]
