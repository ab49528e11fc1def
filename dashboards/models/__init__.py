"""Dashboards' models: the performance dataset and its deep dives (see each module)."""

from ..report.models import ReportNarrative, ReportPublication, ReportSection, ReportStatus, ReportVersion
from .dataset import DeepDive, Frequency, Indicator, IndicatorValue, Unit
from .priorities import PriorityMeasure

__all__ = [
    "DeepDive",
    "Frequency",
    "Indicator",
    "IndicatorValue",
    "PriorityMeasure",
    "ReportNarrative",
    "ReportPublication",
    "ReportSection",
    "ReportStatus",
    "ReportVersion",
    "Unit",
]
