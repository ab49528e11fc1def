"""Writes for children's voice: consultations with children and young people.

A consultation is a source of learning like any other: saving it keeps its `LearningSource`
anchor in step, so its findings, recommendations and action plan are made through
`services.learning`. A consultation never names a child; the form says so.
"""

from django.db import transaction

from .. import permissions
from ..models import Consultation
from .guards import require_actor
from .history import save_tracked


@transaction.atomic
def consultation_save(*, consultation: Consultation, themes=None, priorities=None, actor) -> Consultation:
    """Record or change a consultation, its themes and the priorities its learning serves, with
    the history naming `actor`.

    Only the business unit and subgroup chairs may (checked again here, because commands and
    tasks have no view to check it).
    """
    require_actor(
        actor,
        permissions.can_record_consultation,
        "Only the business unit or a subgroup chair can record a consultation.",
    )
    save_tracked(consultation, actor=actor)
    if themes is not None:
        consultation.themes.set(themes)
    if priorities is not None:
        consultation.learning_source.priorities.set(priorities)
    return consultation
