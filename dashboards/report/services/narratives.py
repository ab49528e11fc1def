"""The business unit's words for each section of a year's annual report: only changed texts are
saved, each with a history row naming who wrote it; none once the year is finalised."""

from __future__ import annotations

from django.db import transaction

from partnership.services.guards import require
from partnership.services.history import save_tracked

from ..models import (
    ReportNarrative,
    ReportPublication,
    ReportSection,
)
from ..permissions import can_produce_report
from .years import check_year


def narratives_save(*, year: int, texts: dict[str, str], actor) -> int:
    """Save the narrative of each section in `texts` (key -> text) for `year`; return how many
    changed. Only the business unit writes the report."""
    require(can_produce_report(actor), "Only the business unit writes the annual report.")
    check_year(year)
    require(
        not ReportPublication.objects.filter(year=year, version__isnull=False).exists(),
        "This year's report is finalised, so its sections can no longer change. Un-finalise it first, with a reason.",
    )
    existing = {n.section: n for n in ReportNarrative.objects.filter(year=year)}
    changed = 0
    with transaction.atomic():
        for key, text in texts.items():
            ReportSection(key)  # an unknown section is a programming error, not the user's
            text = (text or "").strip()
            narrative = existing.get(key)
            if narrative is None and not text:
                continue
            if narrative is not None and narrative.text == text:
                continue
            narrative = narrative or ReportNarrative(year=year, section=key)
            narrative.text = text
            narrative.updated_by = actor
            save_tracked(narrative, actor=actor)
            changed += 1
    return changed
