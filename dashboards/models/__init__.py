"""Dashboards' models: the performance dataset and its deep dives (see each module)."""

from ..report.models import ReportNarrative, ReportSection, ReportStatus, ReportVersion
from .dataset import DeepDive, Frequency, Indicator, IndicatorValue, Unit

__all__ = [
    "DeepDive",
    "Frequency",
    "Indicator",
    "IndicatorValue",
    "ReportNarrative",
    "ReportSection",
    "ReportStatus",
    "ReportVersion",
    "Unit",
]
