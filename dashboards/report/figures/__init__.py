"""Each section of the annual report, with its figures for one reporting year.

    sections = report_sections(2025, user=business_unit)   # [Section], in print order

Every figure is read through the owning app's selectors as `user` (the business unit, who may
see everything) and printed only as counts, kinds, dates, themes and published
recommendations: the report is for the public and the partners, so no child's pseudonym, no
review title and no confidential narrative reaches it (see `sources` and `core`). The narrative
the business unit wrote for each section is attached from `ReportNarrative`.

`progress(done, total, label)` is called before each section, so a long render can say how far
it has got.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable

from ..models import ReportNarrative, ReportSection
from . import closing, contributions, core, funding, governance, impact, measures, priorities, sources
from .base import Section, Table, Year

GATHERERS: dict[str, Callable[[Year], Section] | None] = {
    ReportSection.FOREWORD: None,
    ReportSection.SCRUTINY: contributions.scrutiny,
    ReportSection.PARTNERSHIP: core.partnership,
    ReportSection.GOVERNANCE: governance.governance,
    ReportSection.FUNDING: funding.funding,
    ReportSection.PRIORITY_PROGRESS: priorities.priority_progress,
    ReportSection.CASE_REVIEWS: sources.case_reviews,
    ReportSection.AUDITS: sources.audits,
    ReportSection.SECTION_11: sources.section11,
    ReportSection.TRAINING: measures.training,
    ReportSection.INSPECTIONS: sources.inspections,
    ReportSection.CHILD_DEATH_REVIEW: sources.child_death_review,
    ReportSection.PERFORMANCE: measures.performance,
    ReportSection.CHILDRENS_VOICE: core.childrens_voice,
    ReportSection.ACTION_PLANS: core.action_plans,
    ReportSection.WHAT_CHANGED: impact.what_changed,
    ReportSection.LEARNING_THEMES: core.learning_themes,
    ReportSection.DISSEMINATION: core.dissemination,
    ReportSection.SUBGROUP_REPORTS: contributions.subgroup_reports,
    ReportSection.PARTNER_CONTRIBUTIONS: contributions.partner_contributions,
    ReportSection.NEXT_PRIORITIES: priorities.next_priorities,
    ReportSection.GLOSSARY: closing.glossary,
    ReportSection.REPORT_A_CONCERN: closing.report_a_concern,
}


def narratives_for(year: int) -> dict[str, str]:
    return dict(ReportNarrative.objects.filter(year=year).values_list("section", "text"))


def report_sections(
    year: int, *, user, today: datetime.date | None = None, progress: Callable | None = None
) -> list[Section]:
    """The report's sections for `year`, in order, each with its narrative and figures."""
    period = Year.of(year, user, today)
    texts = narratives_for(year)
    result = []
    for index, (key, gather) in enumerate(GATHERERS.items()):
        if progress:
            progress(index, len(GATHERERS), ReportSection(key).label)
        section = gather(period) if gather else Section(key)
        section.narrative = texts.get(key, "") or section.narrative  # a gatherer may offer a default
        result.append(section)
    return result


__all__ = ["GATHERERS", "Section", "Table", "Year", "narratives_for", "report_sections"]
