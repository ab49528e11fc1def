"""Writes for learning briefings: write a draft, change it, publish it, or delete a draft.

Rules enforced here (and nowhere else):
- only the business unit writes briefings (`permissions.can_write_briefings`), checked again
  here because commands and the demo have no view;
- a briefing links only findings its author may see; findings already linked that the author
  may not see are kept, never silently dropped by someone who could not see them;
- publishing moves a draft to published once, on a date, when its sections are complete (all
  six for a 7-minute briefing, "what we found" for any other format), it goes out through at
  least one channel, and the publisher has confirmed that nothing in it identifies a child:
  a published briefing is read by every practitioner;
- publishing asks each agency the briefing's sources name to cascade it (services/dissemination);
- only a draft is deleted.
Every change is saved with history naming the actor.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from .. import permissions, selectors
from ..models import BRIEFING_SECTIONS, Briefing, BriefingChannel, BriefingFormat, BriefingStatus
from ..models.briefings import channel_field
from . import DomainError
from .dissemination import cascades_request
from .guards import require_actor
from .history import delete_tracked, save_tracked

WRITERS_ONLY = "Only the business unit can write learning briefings."


def _set_channels(briefing: Briefing, channels) -> None:
    chosen = {BriefingChannel(c).value for c in channels}
    for channel in BriefingChannel:
        setattr(briefing, channel_field(channel.value), channel.value in chosen)


def _set_links(briefing: Briefing, *, findings, themes, actor, priorities=None) -> None:
    """Link the chosen findings (each one the actor may see) and themes; keep any linked
    finding the actor may not see."""
    if findings is not None:
        findings = list(findings)
        if actor is not None:
            visible = set(selectors.findings_visible_to(actor).values_list("pk", flat=True))
            if any(f.pk not in visible for f in findings):
                raise DomainError("Choose findings from the list.", field="findings")
            kept = [f for f in briefing.findings.all() if f.pk not in visible] if briefing.pk else []
            findings += kept
        briefing.findings.set(findings)
    if themes is not None:
        briefing.themes.set(themes)
    if priorities is not None:
        briefing.priorities.set(priorities)


@transaction.atomic
def briefing_create(
    *, briefing: Briefing, channels=(), findings=None, themes=None, priorities=None, actor
) -> Briefing:
    """Save a new briefing as a draft, with its channels, findings and themes."""
    require_actor(actor, permissions.can_write_briefings, WRITERS_ONLY)
    if briefing.pk is not None:
        raise DomainError("This briefing already exists.")
    briefing.status = BriefingStatus.DRAFT
    briefing.published_on = None
    _set_channels(briefing, channels)
    save_tracked(briefing, actor=actor, reason="Briefing written")
    _set_links(briefing, findings=findings, themes=themes, priorities=priorities, actor=actor)
    return briefing


@transaction.atomic
def briefing_update(
    *, briefing: Briefing, channels=None, findings=None, themes=None, priorities=None, actor
) -> Briefing:
    """Change a briefing, draft or published (a published one can be corrected; its published
    date can be changed, but not removed)."""
    require_actor(actor, permissions.can_write_briefings, WRITERS_ONLY)
    if briefing.pk is None:
        raise DomainError("Write the briefing before changing it.")
    stored = Briefing.objects.select_for_update().get(pk=briefing.pk)
    if stored.status == BriefingStatus.DRAFT:
        briefing.published_on = None  # a draft has no published date until it is published
    elif briefing.published_on is None:
        raise DomainError("Enter the date it was published.", field="published_on")
    briefing.status = stored.status
    if channels is not None:
        _set_channels(briefing, channels)
    save_tracked(briefing, actor=actor, reason="Briefing changed")
    _set_links(briefing, findings=findings, themes=themes, priorities=priorities, actor=actor)
    if not briefing.is_draft:
        cascades_request(briefing=briefing)  # findings linked since: their agencies are asked too
    return briefing


def missing_for_publication(briefing: Briefing) -> list[str]:
    """What a briefing still needs before it can be published, in words, or an empty list."""
    required = (
        BRIEFING_SECTIONS
        if briefing.format == BriefingFormat.SEVEN_MINUTE
        else [s for s in BRIEFING_SECTIONS if s[0] == "what_we_found"]
    )
    missing = [
        f'the "{heading}" section' for name, heading in required if not getattr(briefing, name).strip()
    ]
    if not briefing.channels:
        missing.append("at least one channel it goes out through")
    return missing


@transaction.atomic
def briefing_publish(
    *,
    briefing: Briefing,
    no_child_identified: bool,
    published_on: datetime.date | None = None,
    actor,
) -> Briefing:
    """Publish a draft: everyone signed in can then read it. Refused unless the publisher
    confirms nothing in it identifies a child, and unless it is complete."""
    require_actor(actor, permissions.can_write_briefings, WRITERS_ONLY)
    locked = Briefing.objects.select_for_update().get(pk=briefing.pk)
    if locked.status != BriefingStatus.DRAFT:
        raise DomainError("This briefing has already been published.")
    if not no_child_identified:
        raise DomainError(
            "Confirm that nothing in the briefing could identify a child.", field="no_child_identified"
        )
    missing = missing_for_publication(locked)
    if missing:
        raise DomainError("Before publishing, add " + ", ".join(missing) + ".")
    locked.status = BriefingStatus.PUBLISHED
    locked.published_on = published_on or timezone.localdate()
    save_tracked(locked, actor=actor, reason="Briefing published")
    cascades_request(briefing=locked)  # each named agency is asked to cascade it (emailed by a job)
    return locked


@transaction.atomic
def briefing_delete(*, briefing: Briefing, actor) -> None:
    """Delete a draft. A published briefing went out to practitioners and stays on the record."""
    require_actor(actor, permissions.can_write_briefings, WRITERS_ONLY)
    locked = Briefing.objects.select_for_update().get(pk=briefing.pk)
    if locked.status != BriefingStatus.DRAFT:
        raise DomainError("Only a draft can be deleted; this briefing has been published.")
    delete_tracked(locked, actor=actor, reason="Draft briefing deleted")
