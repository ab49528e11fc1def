"""Writes to the performance dataset: indicators, their values and deep dives.

Only the business unit keeps the dataset (checked here again, because commands and tasks have
no view). Every save is validated by the model's own rules (a value starts its period, a
percentage is at most 100) and recorded in history naming the person who acted.
"""

from __future__ import annotations

from django.db import IntegrityError, transaction

from partnership.services import DomainError
from partnership.services.guards import require_actor
from partnership.services.history import delete_tracked, save_tracked

from ..models import DeepDive, Indicator, IndicatorValue
from ..permissions import can_manage_dataset

MANAGERS_ONLY = "Only the business unit can change the performance dataset."


@transaction.atomic
def indicator_save(*, indicator: Indicator, themes=None, priorities=None, actor) -> Indicator:
    """Add or change an indicator and its themes. Its code must be unused by any other.

    Changing an indicator's frequency is refused once it has values: they were stored against
    the periods of the old frequency."""
    require_actor(actor, can_manage_dataset, MANAGERS_ONLY)
    indicator.code = indicator.code.strip().upper()
    if Indicator.objects.filter(code__iexact=indicator.code).exclude(pk=indicator.pk).exists():
        raise DomainError(indicator.reference_taken_message(), field="code")
    if indicator.pk is not None:
        before = Indicator.objects.filter(pk=indicator.pk).values_list("frequency", flat=True).first()
        if before and before != indicator.frequency and indicator.values.exists():
            raise DomainError(
                "The frequency cannot change once the indicator has values: add a new indicator instead",
                field="frequency",
            )
    save_tracked(indicator, actor=actor)
    if priorities is not None:
        indicator.priorities.set(priorities)
    if themes is not None:
        indicator.themes.set(themes)
    return indicator


@transaction.atomic
def indicator_value_save(*, value: IndicatorValue, actor) -> IndicatorValue:
    """Record or correct an indicator's value for one period (one value a period)."""
    require_actor(actor, can_manage_dataset, MANAGERS_ONLY)
    duplicate = IndicatorValue.objects.filter(indicator=value.indicator_id, period_start=value.period_start)
    if value.period_start and duplicate.exclude(pk=value.pk).exists():
        raise DomainError(
            f"There is already a value for {value.period_label}: change that one instead",
            field="period_start",
        )
    try:
        with transaction.atomic():
            return save_tracked(value, actor=actor)
    except IntegrityError as exc:  # a value for the period saved by someone else meanwhile
        raise DomainError(f"There is already a value for {value.period_label}", field="period_start") from exc


@transaction.atomic
def indicator_value_delete(*, value: IndicatorValue, actor) -> None:
    """Remove a value entered in error; its history keeps what it was and who removed it."""
    require_actor(actor, can_manage_dataset, MANAGERS_ONLY)
    delete_tracked(value, actor=actor, reason="Deleted")


@transaction.atomic
def deep_dive_save(*, deep_dive: DeepDive, indicators=None, themes=None, priorities=None, actor) -> DeepDive:
    """Record or change a deep dive (its learning source is kept in step by the model), the
    indicators and themes it is about and the priorities its learning serves."""
    require_actor(actor, can_manage_dataset, MANAGERS_ONLY)
    save_tracked(deep_dive, actor=actor)
    if indicators is not None:
        deep_dive.indicators.set(indicators)
    if themes is not None:
        deep_dive.themes.set(themes)
    if priorities is not None:
        deep_dive.learning_source.priorities.set(priorities)
    return deep_dive
