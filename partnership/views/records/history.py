"""The history of a record as people read it: each change compared with the version before,
with who made it, field by field, old value and new."""

import datetime
from dataclasses import dataclass, field

from django.utils.text import capfirst

from .values import display


@dataclass
class HistoryEntry:
    """One change to a record: when, who, what happened and each field's old and new value."""

    when: datetime.datetime
    who: str
    summary: str
    changes: list[tuple[str, str, str]] = field(default_factory=list)
    order: int = 0  # the history row's id, to order changes made in the same instant

    @property
    def when_display(self) -> str:
        return display(self.when)


def history_who(record) -> str:
    return str(record.history_user) if record.history_user_id else "The system"


def history_entries(history) -> list[HistoryEntry]:
    """The changes in one object's history, each compared with the version before it."""
    records = list(history.select_related("history_user").order_by("history_date", "history_id"))
    values = _ValueLabels()
    entries, previous = [], None
    for record in records:
        reason = record.history_change_reason or ""
        changes = []
        if record.history_type == "+":
            summary = "Created" + (f" ({reason.lower()})" if reason else "")
        elif record.history_type == "-":
            summary = "Deleted"
        else:
            summary = reason or "Changed"
            if previous is not None:
                delta = record.diff_against(previous)
                changes = [values.change(record, c.field, c.old, c.new) for c in delta.changes]
            if not changes and not reason:  # saved with nothing to show (such as a password)
                previous = record
                continue
        entries.append(
            HistoryEntry(record.history_date, history_who(record), summary, changes, record.history_id)
        )
        previous = record
    return entries


class _ValueLabels:
    """Turns raw history values into what people read: choice labels, names of related records."""

    def __init__(self):
        self.related: dict = {}

    def change(self, record, field_name: str, old, new) -> tuple[str, str, str]:
        model_field = record.instance_type._meta.get_field(field_name)
        return (
            capfirst(str(model_field.verbose_name)),
            self.label(model_field, old),
            self.label(model_field, new),
        )

    def label(self, model_field, value) -> str:
        if value is None or value == "":
            return ""
        if model_field.is_relation:
            key = (model_field.related_model, value)
            if key not in self.related:
                found = model_field.related_model._base_manager.filter(pk=value).first()
                self.related[key] = str(found) if found else f"deleted record {value}"
            return self.related[key]
        if model_field.choices:
            return str(dict(model_field.flatchoices).get(value, value))
        return display(value)
