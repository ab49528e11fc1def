"""Writes to training impact analyses: the business unit's report on whether a programme year's
training changed practice, a source of learning whose findings, recommendations and action
plan are recorded through the core's learning chain (partnership/views/learning/).

The rule: only the business unit records and changes them; the report date falls in or after
the programme's year. Every write names the actor in the history; a refusal is a `DomainError`.
"""

from django.db import transaction

from partnership.services import DomainError
from partnership.services.guards import require_actor
from partnership.services.history import save_tracked

from .. import permissions
from ..models import ImpactAnalysis


@transaction.atomic
def impact_analysis_save(*, analysis: ImpactAnalysis, actor) -> ImpactAnalysis:
    """Record or change an impact analysis. Its source of learning (title, date, the subgroup
    overseeing its programme) is kept in step by the model; nothing is sent."""
    require_actor(
        actor, permissions.can_manage_training, "Only the business unit can record training impact analyses."
    )
    if not (analysis.title or "").strip():
        raise DomainError("Enter the analysis's title.", field="title")
    if analysis.programme_id and analysis.reported_on and analysis.reported_on.year < analysis.programme.year:
        raise DomainError(
            f"The report date must be in or after the programme's year ({analysis.programme.year_label}).",
            field="reported_on",
        )
    analysis.title = analysis.title.strip()
    return save_tracked(analysis, actor=actor)
