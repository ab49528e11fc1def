"""Matrix cases for learning briefings and "you said, we did".

A published briefing is read by everyone signed in; a draft only by the business unit and the
partnership leads (a 404 for everyone else, so a draft drawing on a case review never leaks).
Only the business unit writes: the others get a 403 where they can see the briefing. A
published briefing cannot be published again or deleted (a 403, even for the business unit).
"""

import datetime

from partnership.models import Briefing

from . import SIGNED_IN, Case, only

DRAFT_READERS = {"business_unit", "partnership_lead"}


def briefing(w, *, published=False) -> int:
    b = Briefing.objects.create(
        title="Recognising cumulative neglect",
        what_we_found="Each agency saw part of the picture.",
        channel_newsletter=True,
        status=Briefing.Status.PUBLISHED if published else Briefing.Status.DRAFT,
        published_on=datetime.date(2026, 11, 2) if published else None,
    )
    return b.pk


def draft_scoped(may: set) -> dict[str, int]:
    """200 for `may`, 403 for the other draft readers, 404 for everyone else."""
    return {r: 200 if r in may else 403 if r in DRAFT_READERS else 404 for r in SIGNED_IN}


WRITER = {"business_unit"}

CASES = [
    Case("partnership:briefing-list"),
    Case(
        "partnership:briefing-list",
        query="theme=1&format=newsletter&channel=website&year=2026&status=draft&sort=-title&page=2",
        label="filtered",
    ),
    Case("partnership:briefing-export"),
    Case("partnership:briefing-export", query="channel=training&sort=published", label="filtered"),
    Case("partnership:briefing-create", expect=only(WRITER)),
    Case("partnership:briefing-detail", args=lambda w: [briefing(w, published=True)], label="published"),
    Case(
        "partnership:briefing-detail",
        args=lambda w: [briefing(w)],
        label="draft",
        expect=draft_scoped(DRAFT_READERS),
    ),
    Case("partnership:briefing-pdf", args=lambda w: [briefing(w, published=True)], label="published"),
    Case(
        "partnership:briefing-pdf",
        args=lambda w: [briefing(w)],
        label="draft",
        expect=draft_scoped(DRAFT_READERS),
    ),
    Case(
        "partnership:briefing-edit",
        args=lambda w: [briefing(w, published=True)],
        label="published",
        expect=only(WRITER),
    ),
    Case(
        "partnership:briefing-edit", args=lambda w: [briefing(w)], label="draft", expect=draft_scoped(WRITER)
    ),
    Case(
        "partnership:briefing-publish",
        args=lambda w: [briefing(w)],
        label="draft",
        expect=draft_scoped(WRITER),
    ),
    Case(
        "partnership:briefing-publish",
        args=lambda w: [briefing(w, published=True)],
        label="published",
        default=403,
    ),
    Case(
        "partnership:briefing-delete",
        args=lambda w: [briefing(w)],
        label="draft",
        expect=draft_scoped(WRITER),
    ),
    Case(
        "partnership:briefing-delete",
        args=lambda w: [briefing(w, published=True)],
        label="published",
        default=403,
    ),
    # You said, we did: what children said and what changed, read by everyone signed in.
    Case("partnership:you-said-we-did"),
    Case("partnership:you-said-we-did", query="year=2026&theme=1&sort=-date&page=2", label="filtered"),
    Case("partnership:you-said-we-did-export"),
    Case("partnership:you-said-we-did-export", query="year=2025", label="filtered"),
]
