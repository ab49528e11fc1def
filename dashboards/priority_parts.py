"""The dashboards' parts of a priority's page (PRIORITY_PARTS): its measures, with the latest
value and whether it meets the target, and the indicators of the dataset linked to it.

Measures are part of the priority's plan, so everyone who sees the priority sees what they are;
their values, like the dataset itself, only those who may read the dataset
(`permissions.can_view_dataset`).
"""

from __future__ import annotations

import datetime

from django.urls import reverse

from partnership.priorities import PriorityPart, PriorityRow

from . import selectors
from .permissions import can_manage_priority_measures, can_view_dataset
from .rag import DatasetRag

RAG_TAGS = {DatasetRag.GREEN: "green", DatasetRag.AMBER: "amber", DatasetRag.RED: "red"}


def _number(value, suffix: str) -> str:
    text = f"{value:f}".rstrip("0").rstrip(".") if "." in f"{value:f}" else f"{value:f}"
    return f"{text}{suffix}"


def measure_status(measure, *, sees_values: bool) -> str:
    if not measure.indicator_id:
        return "Described in words: no indicator"
    if not sees_values:
        return "Measured by the performance dataset"
    indicator, target = measure.indicator, measure.effective_target
    parts = []
    if measure.latest is not None:
        parts.append(
            f"Latest {_number(measure.latest.value, indicator.unit_suffix)} ({measure.latest.period_label})"
        )
    else:
        parts.append("No value yet")
    if target is not None:
        by = f" by {measure.target_date.day} {measure.target_date:%B %Y}" if measure.target_date else ""
        parts.append(f"target {_number(target, indicator.unit_suffix)}{by}")
    if measure.rag == DatasetRag.GREEN:
        parts.append("meets the target")
    elif measure.rag in (DatasetRag.AMBER, DatasetRag.RED):
        parts.append("does not yet meet the target")
    return "; ".join(parts)


def priority_parts(priority, user, *, today: datetime.date) -> list[PriorityPart]:
    sees_values = can_view_dataset(user)
    manages = can_manage_priority_measures(user)
    measures = selectors.priority_measures_of(priority)
    met = sum(1 for m in measures if m.rag == DatasetRag.GREEN) if sees_values else 0
    missed = sum(1 for m in measures if m.rag in (DatasetRag.AMBER, DatasetRag.RED)) if sees_values else 0
    rows = []
    for m in measures:
        label = m.description + (f" ({m.indicator})" if m.indicator_id else "")
        url = m.indicator.get_absolute_url() if m.indicator_id and sees_values else ""
        if manages:
            url = reverse("dashboards:priority-measure-edit", args=[m.pk])
        rows.append(
            PriorityRow(
                label,
                url,
                status=measure_status(m, sees_values=sees_values),
                tag=RAG_TAGS.get(m.rag, "") if sees_values else "",
                detail="Change or remove this measure" if manages else "",
            )
        )
    measured = [m for m in measures if m.indicator_id]
    parts = [
        PriorityPart(
            heading="Measures",
            rows=rows,
            evidence=(
                f"Of {len(measured)} measure{'s' if len(measured) != 1 else ''} with an indicator, "
                f"{met} meet{'s' if met == 1 else ''} the target and {missed} do{'es' if missed == 1 else ''} not yet."
                if sees_values
                else f"{len(measures)} measure{'s' if len(measures) != 1 else ''} say how the partnership will know."
            ),
            empty="No measure yet: say how the partnership will know it has achieved this priority.",
            on_track=met,
            behind=missed,
            add_url=reverse("dashboards:priority-measure-create", args=[priority.pk]) if manages else "",
            add_label="Add a measure" if manages else "",
        )
    ]
    if sees_values:
        indicators = selectors.with_latest(
            selectors.indicators_visible_to(user).filter(priorities=priority).order_by("code")
        )
        parts.append(
            PriorityPart(
                heading="Indicators",
                rows=[
                    PriorityRow(
                        str(i),
                        i.get_absolute_url(),
                        status=(
                            f"Latest {_number(i.latest.value, i.unit_suffix)} ({i.latest.period_label})"
                            if i.latest
                            else "No value yet"
                        ),
                    )
                    for i in indicators
                ],
                evidence=f"{len(indicators)} indicator{'s' if len(indicators) != 1 else ''} of the dataset "
                "are watched for this priority.",
                empty="No indicator is linked yet. Link one from its edit page.",
            )
        )
    return parts
