"""Matrix cases for dissemination: a source's dissemination plan, an agency's cascade of a
published briefing, and feedback on a briefing.

The plan is changed by those who change the source's learning (the business unit and the
overseeing subgroup's chair); others who see the source get a 403. The emailed cascade link and
the briefing's feedback link need no account: a valid one opens for everyone, a made-up one is a
404 and a used one a 410. Signed in, a cascade is seen by those who see everything and the
agency's lead (404 for others), and confirmed by the lead or the business unit. Feedback is
given on a published briefing by everyone signed in; a draft takes none (403 for those who may
read drafts, 404 for the rest).
"""

import datetime

from django.utils import timezone

from partnership.models import Briefing, CascadeRequest, DisseminationItem
from partnership.services.dissemination import feedback_token_for, token_for

from . import Case, only, scoped
from .briefings import briefing, draft_scoped
from .learning import EDITORS, bare_source


def item(w) -> list[int]:
    row = DisseminationItem.objects.create(
        source=bare_source(w), agency=w.agency, message="Ask about the history of neglect.",
        due_on=datetime.date(2027, 1, 14),
    )  # fmt: skip
    return [row.pk]


def cascade(w, *, confirmed=False, emailed=True) -> CascadeRequest:
    now = timezone.now()
    extra = (
        {"confirmed_at": now, "method": "email", "staff_reached": 9, "confirmed_by": "Ada"}
        if confirmed
        else {}
    )
    return CascadeRequest.objects.create(
        briefing=Briefing.objects.get(pk=briefing(w, published=True)), agency=w.agency,
        due_on=datetime.date(2026, 11, 30), emailed_at=now if emailed else None,
        expires_at=now + datetime.timedelta(days=28) if emailed else None, **extra,
    )  # fmt: skip


def published_feedback_token(w) -> list[str]:
    return [feedback_token_for(Briefing.objects.get(pk=briefing(w, published=True)))]


CASCADE_SEES = {"business_unit", "partnership_lead", "agency_lead"}

CASES = [
    Case("partnership:dissemination-create", only(EDITORS), args=lambda w: [bare_source(w).pk]),
    Case("partnership:dissemination-edit", only(EDITORS), args=item),
    Case("partnership:dissemination-remove", only(EDITORS), args=item),
    Case("partnership:cascade-link", public=True, args=lambda w: [token_for(cascade(w))], label="valid"),
    Case(
        "partnership:cascade-link",
        public=True,
        default=410,
        args=lambda w: [token_for(cascade(w, confirmed=True))],
        label="used",
    ),
    Case(
        "partnership:cascade-link",
        public=True,
        default=410,
        args=lambda w: [token_for(cascade(w, emailed=False))],
        label="not emailed yet",
    ),
    Case("partnership:cascade-link", public=True, default=404, args=lambda w: ["made-up"], label="made up"),
    Case(
        "partnership:cascade-confirm",
        scoped(sees=CASCADE_SEES, may={"business_unit", "agency_lead"}),
        args=lambda w: [cascade(w).pk],
    ),
    Case(
        "partnership:cascade-confirm",
        scoped(sees=CASCADE_SEES, may=set()),
        args=lambda w: [cascade(w, confirmed=True).pk],
        label="confirmed",
    ),
    # A published briefing's reach as CSV: everyone who reads it, each seeing the rows the page
    # shows them; a draft has no reach (a 404 for all).
    Case("partnership:briefing-reach-export", args=lambda w: [cascade(w).briefing_id], label="published"),
    Case("partnership:briefing-reach-export", default=404, args=lambda w: [briefing(w)], label="draft"),
    # Every published briefing's reach at once: for those who see everything.
    Case("partnership:briefing-reach-all-export", only({"business_unit", "partnership_lead"})),
    Case("partnership:briefing-feedback", args=lambda w: [briefing(w, published=True)], label="published"),
    Case("partnership:briefing-feedback", draft_scoped(set()), args=lambda w: [briefing(w)], label="draft"),
    Case("partnership:briefing-feedback-link", public=True, args=published_feedback_token, label="valid"),
    Case(
        "partnership:briefing-feedback-link",
        public=True,
        default=404,
        args=lambda w: ["made-up"],
        label="made up",
    ),
]
