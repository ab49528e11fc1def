"""Writes of a priority's measures: added, changed and removed by the business unit.

The business unit keeps the performance dataset and the partnership's priorities, so only it
changes the measures that join them (checked here again: commands have no view). Every change is
recorded in history naming the person who acted.
"""

from __future__ import annotations

from django.db import transaction

from partnership.services.guards import require_actor
from partnership.services.history import delete_tracked, save_tracked

from ..models import PriorityMeasure
from ..permissions import can_manage_priority_measures

MANAGERS_ONLY = "Only the business unit can change a priority's measures."


@transaction.atomic
def priority_measure_save(*, measure: PriorityMeasure, actor) -> PriorityMeasure:
    """Add or change a measure. A target needs an indicator (the model's check says so)."""
    require_actor(actor, can_manage_priority_measures, MANAGERS_ONLY)
    return save_tracked(measure, actor=actor)


@transaction.atomic
def priority_measure_delete(*, measure: PriorityMeasure, actor) -> None:
    """Remove a measure; its history keeps what it was."""
    require_actor(actor, can_manage_priority_measures, MANAGERS_ONLY)
    delete_tracked(measure, actor=actor)
