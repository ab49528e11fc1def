"""RAG of a performance indicator's value against its target: one rule, used everywhere.

- green: on target or better (at or above it when higher is better, at or below when lower is);
- amber: worse than the target by no more than the tolerance, which is
  `settings.DATASET_AMBER_TOLERANCE_PERCENT` per cent of the target (10% by default);
- red: worse than that;
- grey: no target, or no value, so there is nothing to judge.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models


class DatasetRag(models.TextChoices):
    RED = "red", "Red"
    AMBER = "amber", "Amber"
    GREEN = "green", "Green"
    GREY = "grey", "No target or no value"


def _decimal(value) -> Decimal:
    return value if isinstance(value, Decimal) else Decimal(str(value))


def dataset_rag(value, target, *, higher_is_better: bool, tolerance_percent=None) -> DatasetRag:
    """The RAG of `value` against `target` (see the module docstring)."""
    if value is None or target is None:
        return DatasetRag.GREY
    value, target = _decimal(value), _decimal(target)
    if tolerance_percent is None:
        tolerance_percent = settings.DATASET_AMBER_TOLERANCE_PERCENT
    tolerance = abs(target) * _decimal(tolerance_percent) / 100
    shortfall = (target - value) if higher_is_better else (value - target)
    if shortfall <= 0:
        return DatasetRag.GREEN
    if shortfall <= tolerance:
        return DatasetRag.AMBER
    return DatasetRag.RED
