"""An action's timeline: its progress updates, evidence and the changes in its history (status
changes, due date moves with their reasons, completion and cancellation), newest first.

The action's history rows carry the reason the service gave (`history_change_reason`); a status
change made by a progress update is shown with that update rather than twice.
"""

import datetime
from dataclasses import dataclass

from django.utils import timezone
from django.utils.formats import date_format

from ...models import Action, ActionStatus
from ..records.history import history_who
from ..records.values import UK_DATE, display

# The reason `services.actions.action_add_update` records when an update moves the status.
UPDATE_REASON_SUFFIX = "in an update"
# The text `services.actions.action_return` gives the update that carries its reason.
RETURNED_PREFIX = "Returned at sign-off: "
DUE_DATE_REASON_PREFIX = "Due date moved from "


@dataclass
class TimelineEntry:
    """One thing that happened to an action."""

    on: datetime.date  # the day it happened (an update's own date)
    at: datetime.datetime  # when it was recorded, to order things that happened on one day
    who: str
    title: str
    kind: str  # update, evidence, created, status, due-date, reported, complete, returned, cancelled
    text: str = ""
    detail: str = ""  # a status change or a due date move, in words

    @property
    def on_display(self) -> str:
        return display(self.on)


def _label(status: str) -> str:
    return ActionStatus(status).label.lower() if status else ""


def _date(value) -> str:
    return date_format(value, UK_DATE)


def _history_entries(records: list) -> list[TimelineEntry]:
    entries, previous = [], None
    for record in records:
        reason = record.history_change_reason or ""
        when = record.history_date
        common = {"on": timezone.localdate(when), "at": when, "who": history_who(record)}
        if record.history_type == "+":
            detail = f"Due {_date(record.due_date)}"
            entries.append(TimelineEntry(title="Action added", kind="created", detail=detail, **common))
        elif previous is not None:
            if record.status != previous.status:
                if record.status == ActionStatus.AWAITING_SIGNOFF:
                    entries.append(
                        TimelineEntry(
                            title="Reported done: awaiting sign-off",
                            kind="reported",
                            text=record.impact,
                            **common,
                        )
                    )
                elif record.status == ActionStatus.COMPLETE:
                    # Completed before sign-off existed: its impact was not shown when reported.
                    reported = previous.status == ActionStatus.AWAITING_SIGNOFF
                    entries.append(
                        TimelineEntry(
                            title="Accepted as complete" if reported else "Completed",
                            kind="complete",
                            text="" if reported else record.impact,
                            **common,
                        )
                    )
                elif previous.status == ActionStatus.AWAITING_SIGNOFF:
                    pass  # a return at sign-off: shown with the update that carries its reason
                elif record.status == ActionStatus.CANCELLED:
                    entries.append(
                        TimelineEntry(
                            title="Cancelled", kind="cancelled", text=record.cancelled_reason, **common
                        )
                    )
                elif not reason.endswith(UPDATE_REASON_SUFFIX):
                    detail = f"From {_label(previous.status)} to {_label(record.status)}"
                    entries.append(
                        TimelineEntry(title="Status changed", kind="status", detail=detail, **common)
                    )
            if record.due_date != previous.due_date:
                text = reason
                if reason.startswith(DUE_DATE_REASON_PREFIX) and ": " in reason:
                    text = reason.split(": ", 1)[1]
                detail = f"From {_date(previous.due_date)} to {_date(record.due_date)}"
                entries.append(
                    TimelineEntry(title="Due date moved", kind="due-date", text=text, detail=detail, **common)
                )
        previous = record
    return entries


def action_timeline(action: Action, updates: list, evidence: list) -> list[TimelineEntry]:
    """Everything that happened to the action, newest first (one query for its history)."""
    records = list(action.history.select_related("history_user").order_by("history_date", "history_id"))
    entries = _history_entries(records)
    for update in updates:
        detail = f"Status set to {_label(update.new_status)}" if update.new_status else ""
        returned = update.text.startswith(RETURNED_PREFIX)
        entries.append(
            TimelineEntry(
                on=update.date,
                at=update.created_at,
                who=str(update.author),
                title="Returned at sign-off" if returned else "Progress update",
                kind="returned" if returned else "update",
                text=update.text.removeprefix(RETURNED_PREFIX),
                detail=detail,
            )
        )
    for item in evidence:
        entries.append(
            TimelineEntry(
                on=timezone.localdate(item.added_at),
                at=item.added_at,
                who=str(item.added_by),
                title="Evidence added",
                kind="evidence",
                text=item.description,
                detail=item.file_name or item.link,
            )
        )
    entries.sort(key=lambda e: (e.on, e.at), reverse=True)
    return entries
