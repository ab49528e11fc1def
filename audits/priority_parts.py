"""The audits' part of a priority's page (PRIORITY_PARTS): the multi-agency audits that serve
it, with their stage, read through `multi_agency_audits_visible_to` so a person sees only the
audits they could open anyway."""

from __future__ import annotations

import datetime

from django.db.models import Q

from partnership.priorities import PriorityPart, PriorityRow

from . import selectors
from .models import AuditStatus


def priority_parts(priority, user, *, today: datetime.date) -> list[PriorityPart]:
    # Linked from the audit's own form, or as a source of learning from its learning panel.
    audits = list(
        selectors.multi_agency_audits_visible_to(user)
        .filter(Q(priorities=priority) | Q(learning_source__priorities=priority))
        .distinct()
        .order_by("-planned_on", "pk")
    )
    reported = sum(1 for a in audits if a.status == AuditStatus.REPORTED)
    return [
        PriorityPart(
            heading="Audits",
            rows=[
                PriorityRow(
                    a.title,
                    a.get_absolute_url(),
                    a.get_status_display(),
                    detail=f"Planned {a.planned_on.day} {a.planned_on:%B %Y}",
                )
                for a in audits
            ],
            evidence=f"{len(audits)} multi-agency audit{'s' if len(audits) != 1 else ''} serve this priority, "
            f"{reported} reported.",
            empty="No audit is linked yet. Link one from the audit's details.",
            shows_sources=frozenset(a.learning_source_id for a in audits),
        )
    ]
