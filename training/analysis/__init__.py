"""The training analysis: whether the programme reached people and made a difference.

One entry point, computed by a fixed handful of aggregate queries whatever the data's size:

    summary = training_summary(2026, user=request.user, level=2)
    summary.overall.attendance_rate          # 91.3 (a percentage), or None with no data
    summary.by_course / by_level / by_agency # [Row(key, label, figures: Figures)]
    summary.outcomes                         # confidence before/after per learning outcome
    summary.impact_examples                  # follow-up examples, with themes and links
    summary.coverage                         # agencies' coverage returns, per level
    summary.as_dict()                        # the same as plain dicts

The figures, by Kirkpatrick level: reaction (evaluation response rate, mean overall rating),
learning (confidence before and after, per outcome and overall), behaviour (the three-month
follow-up's response rates, the share of participants and of managers who report changed
practice, and whether participant and manager agree), results (impact examples); with
attendance and no-shows, and the agencies' own coverage returns. `figures.py` defines each.

It feeds the analysis pages and their XLSX export (training/views/analysis/), the training
impact analysis page, the dashboards and the annual report.
"""

import datetime

from django.conf import settings
from django.utils import timezone

from ..models import Programme
from .figures import CoverageRow, Figures, ImpactExample, LevelCoverage, OutcomeRow, Row
from .summary import OTHER_ORGANISATIONS, TrainingSummary, agencies_in_view, training_summary


def programme_year_of(day: datetime.date | None = None) -> int:
    """The programme year a day falls in: 2026 for April 2026 to March 2027 (the reporting
    year starts in the month REPORTING_YEAR_START_MONTH)."""
    day = day or timezone.localdate()
    return day.year if day.month >= settings.REPORTING_YEAR_START_MONTH else day.year - 1


def programme_years() -> list[int]:
    """The years that have a training programme, latest first."""
    return list(Programme.objects.order_by("-year").values_list("year", flat=True))


def programmes_by_year() -> dict[int, Programme]:
    """Every training programme by its year, latest first."""
    return {p.year: p for p in Programme.objects.order_by("-year")}


__all__ = [
    "OTHER_ORGANISATIONS",
    "CoverageRow",
    "Figures",
    "ImpactExample",
    "LevelCoverage",
    "OutcomeRow",
    "Row",
    "TrainingSummary",
    "agencies_in_view",
    "programme_year_of",
    "programme_years",
    "programmes_by_year",
    "training_summary",
]
