"""Dashboards' models: the performance dataset and its deep dives (see each module)."""

from ..report.models import (
    ReportContribution,
    ReportNarrative,
    ReportPublication,
    ReportSection,
    ReportStatus,
    ReportVersion,
)
from .dataset import DeepDive, Frequency, Indicator, IndicatorValue, Unit
from .priorities import PriorityMeasure

__all__ = [
    "DeepDive",
    "Frequency",
    "Indicator",
    "IndicatorValue",
    "PriorityMeasure",
    "ReportContribution",
    "ReportNarrative",
    "ReportPublication",
    "ReportSection",
    "ReportStatus",
    "ReportVersion",
    "Unit",
]
