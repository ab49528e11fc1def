"""The audits section's deeper part: the key findings of the multi-agency audits reported in the
year (their strengths, areas for improvement and what changed), each re-audit's grades before and
after, and the performance deep dives of the year with what they found.

An audit's overview (strengths, areas for improvement) and a deep dive's findings are written
for the partnership about practice, not about a child (the cases audited are pseudonymised and
never printed), so they are printed as written.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from audits import selectors as audits_selectors
from partnership import selectors as core
from partnership.models import ActionStatus

from ... import selectors as dataset_selectors
from .base import Section, Table, Year, count_of, uk_date


def add_key_findings(section: Section, year: Year, multi: list) -> None:
    """The key findings of the multi-agency audits reported in the year, and what changed: their
    actions completed (of those agreed) on the year's last day."""
    reported = [a for a in multi if year.contains(a.reported_on)]
    actions: dict[int, Counter] = defaultdict(Counter)
    for source_id, status in (
        core.actions_visible_to(year.user, year.as_of)
        .filter(plan__source__in=[a.learning_source_id for a in reported])
        .exclude(status=ActionStatus.CANCELLED)
        .values_list("plan__source_id", "status")
    ):
        actions[source_id][status] += 1

    def changed(audit) -> str:
        counts = actions[audit.learning_source_id]
        total = sum(counts.values())
        if not total:
            return "No actions agreed yet"
        return f"{counts[ActionStatus.COMPLETE]} of {total} actions complete"

    section.facts.append(("Multi-agency audits reported", str(len(reported))))
    section.tables.append(
        Table(
            f"Key findings of the multi-agency audits reported in {year.label}",
            ["Audit", "Strengths", "Areas for improvement", "What changed"],
            [
                [
                    a.title,
                    a.strengths or "Not recorded",
                    a.areas_for_improvement or "Not recorded",
                    changed(a),
                ]
                for a in reported
            ],
        )
    )
    rows, counts = [], Counter()
    for audit in multi:
        if audit.repeats_id is None:
            continue
        comparison = audits_selectors.audit_comparison(year.user, audit)
        counts.update(comparison.counts)
        for line in comparison.lines:
            if line.earlier_line is None:
                continue
            rows.append(
                [
                    f"{audit.title}: {line.line.number}. {line.line.text}",
                    line.before.summary,
                    line.after.summary,
                    line.change_label,
                ]
            )
    if rows:
        section.facts.append(
            (
                "Re-audit lines of enquiry improved, unchanged, worse",
                f"{counts['improved']}, {counts['same']}, {counts['worse']}",
            )
        )
    section.tables.append(
        Table(
            f"Re-audits in {year.label}: cases meeting the standard (good or outstanding), before and after",
            ["Re-audit and line of enquiry", "Before", "After", "Change"],
            rows,
        )
    )


def add_deep_dives(section: Section, year: Year) -> None:
    """The performance deep dives of the year: what was looked at and what was found."""
    dives = list(
        dataset_selectors.deep_dives_visible_to(year.user)
        .filter(**year.q("date"))
        .prefetch_related("themes")
        .order_by("date", "pk")
    )
    section.facts.append(("Performance deep dives", str(len(dives))))
    section.tables.append(
        Table(
            f"Performance deep dives in {year.label} and what they found",
            ["Deep dive", "Reported", "What was found", "Themes"],
            [
                [
                    d.title,
                    uk_date(d.date),
                    d.findings_summary or "Not recorded yet",
                    ", ".join(t.name for t in d.themes.all()) or "None",
                ]
                for d in dives
            ],
        )
    )


def families_voice(year: Year) -> list[tuple[str, str]]:
    """How many of the year's multi-agency audits recorded the views of children and families
    (a count: the views themselves are about the cases audited)."""
    audits = list(
        audits_selectors.multi_agency_audits_visible_to(year.user)
        .filter(**year.q("learning_source__date"))
        .values_list("childrens_views", flat=True)
    )
    heard = sum(1 for views in audits if views.strip())
    return [
        ("Multi-agency audits that recorded children's and families' views", count_of(heard, len(audits)))
    ]
