"""Retention: each kind of record is kept for a set period, then deleted or anonymised.

How it fits together
- `settings.RETENTION` says, for each kind (a key such as "security_events"), how many months
  it is kept and what happens then: "delete" or "anonymise". Every number and action can be
  changed from the environment (RETENTION_<KEY>_MONTHS, RETENTION_<KEY>_ACTION).
- A `RetentionRule` says how to find the records of one kind whose period has run out, and
  how to delete or anonymise them. The core's rules are in `retention_rules.py`; each app may
  offer a `<app>/retention.py` with a `RULES` list, registered as `extensions.RETENTION_RULES`
  as the reminder jobs are (the core imports no app).
- `apply_retention` (the `apply_retention` command) lists what is due; unless it is a dry run
  it acts, one rule at a time in its own transaction, and writes a `retention` event to the
  security log for each rule that changed something. Files go from storage once the
  transaction has committed. Each rule finds only records not yet dealt with, so running it
  twice does nothing the second time.

The periods chosen (see `retention_rules.py` and each app's `retention.py` for the reasons)
are defaults for the partnership's own records policy to confirm or change; none is a
statutory figure unless its rule says so.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.db.models import Min, QuerySet
from django.utils import timezone

from .. import extensions
from ..models import SecurityEventKind
from .events import record_event

logger = logging.getLogger("partnership.security")

ACTIONS = ("delete", "anonymise")


@dataclass(frozen=True)
class RetentionRule:
    """One kind of record's retention (see the module docstring).

    `find(cutoff, action)` returns the records whose clock started before `cutoff` (an aware
    datetime: now minus the period) and that `action` has not dealt with yet. `actions` maps
    "delete" and/or "anonymise" to a function that takes those records and returns how many
    it changed. `oldest(records)` gives the date the oldest one's clock started, for the
    dry-run listing. `counts_from` says in words when the clock starts.
    """

    key: str
    label: str
    counts_from: str
    find: Callable[[datetime, str], QuerySet]
    actions: dict[str, Callable[[QuerySet], int]]
    oldest: Callable[[QuerySet], date | datetime | None]


def oldest_of(field_name: str) -> Callable[[QuerySet], date | datetime | None]:
    """An `oldest` for records whose clock starts at one of their own fields."""

    def oldest(queryset: QuerySet):
        return queryset.aggregate(oldest=Min(field_name))["oldest"]

    return oldest


def delete_with_files(queryset: QuerySet, *, file_field: str = "file", chunk: int = 500) -> int:
    """Delete each record (through the model, so its history notes the deletion) and, once the
    transaction commits, its file from storage. Returns how many records were deleted."""
    model = queryset.model
    storage = model._meta.get_field(file_field).storage
    pks = list(queryset.values_list("pk", flat=True))
    names: list[str] = []
    for start in range(0, len(pks), chunk):
        for obj in model._default_manager.filter(pk__in=pks[start : start + chunk]):
            name = getattr(obj, file_field).name
            obj._change_reason = "Deleted: its retention period ended"
            obj.delete()
            if name:
                names.append(name)
    transaction.on_commit(lambda: _delete_files(storage, names))
    return len(pks)


def _delete_files(storage, names: list[str]) -> None:
    for name in names:
        try:
            storage.delete(name)
        except OSError:
            # The row is gone either way; a file left behind is reported, not fatal.
            logger.exception("retention: could not delete the file %s", name)


def retention_rules() -> list[RetentionRule]:
    """The core's rules, then each installed app's (`extensions.RETENTION_RULES`), in app order."""
    return extensions.registered(extensions.RETENTION_RULES)


def policy_for(rule: RetentionRule) -> tuple[int, str]:
    """(months, action) for `rule` from settings.RETENTION; ImproperlyConfigured if absent or
    invalid (the system check `partnership.security.checks` reports the same at start-up)."""
    problem = policy_problem(rule)
    if problem:
        raise ImproperlyConfigured(problem)
    policy = settings.RETENTION[rule.key]
    return int(policy["months"]), policy["action"]


def policy_problem(rule: RetentionRule) -> str:
    """What is wrong with `rule`'s setting, or "" when it is usable."""
    policy = getattr(settings, "RETENTION", {}).get(rule.key)
    if not isinstance(policy, dict):
        return f'RETENTION has no entry for "{rule.key}" ({rule.label}): give it "months" and "action".'
    months, action = policy.get("months"), policy.get("action")
    if not isinstance(months, int) or isinstance(months, bool) or months < 1:
        return f'RETENTION["{rule.key}"]["months"] must be a whole number of months, at least 1.'
    if action not in rule.actions:
        allowed = " or ".join(f'"{a}"' for a in rule.actions)
        return (
            f'RETENTION["{rule.key}"]["action"] must be {allowed} for {rule.label.lower()}, not "{action}".'
        )
    return ""


@dataclass
class Due:
    """What one rule finds due (and, unless a dry run, what it did)."""

    rule: RetentionRule
    months: int
    action: str
    count: int
    oldest: date | datetime | None
    done: int | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def verb(self) -> str:
        return "deleted" if self.action == "delete" else "anonymised"

    def line(self) -> str:
        oldest = self.oldest
        if isinstance(oldest, datetime):
            oldest = timezone.localtime(oldest).date()
        since = f", the oldest from {oldest:%d/%m/%Y}" if oldest else ""
        head = f"{self.rule.label} ({self.rule.key}): kept {self.months} months from {self.rule.counts_from}"
        if self.done is not None:
            return f"{head}. {self.verb.capitalize()} {self.done}{since}."
        return f"{head}. {self.count} due to be {self.verb}{since}."


def apply_retention(*, now: datetime | None = None, dry_run: bool = False) -> list[Due]:
    """Find what each rule has due and, unless `dry_run`, delete or anonymise it and log it.

    Each rule acts in a transaction of its own, with its `retention` security event, so a
    failure in one leaves the others done and logged. Safe to run any number of times.
    """
    now = now or timezone.now()
    results = []
    for rule in retention_rules():
        months, action = policy_for(rule)
        cutoff = now - relativedelta(months=months)
        due_records = rule.find(cutoff, action)
        count = due_records.count()
        due = Due(rule, months, action, count, rule.oldest(due_records) if count else None)
        if count and not dry_run:
            with transaction.atomic():
                due.done = rule.actions[action](rule.find(cutoff, action))
                record_event(
                    SecurityEventKind.RETENTION,
                    detail=(
                        f"{rule.label}: {due.verb} {due.done} record(s) kept longer than {months} months "
                        f"from {rule.counts_from}."
                    ),
                )
        results.append(due)
    return results
