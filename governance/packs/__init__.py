"""The board pack's figures: one function per section, each reading the owning app through its
public modules (selectors, models, permissions) and returning plain data a template renders.

The pack is for the executive: it is built for the person asking (the business unit or a
partnership lead, who see everything), so it never shows more than their own pages would.
Each section costs a fixed number of queries whatever the amount of data.

`pack_sections(meeting, user, today)` returns the sections in the pack's reading order, a list
so that a section (the subgroups' highlight reports, overdue actions by priority) can be added.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from .sections import (
    decisions_needed,
    deep_dive,
    highlight_reports,
    overdue_actions_by_agency,
    overdue_actions_by_priority,
    red_indicators,
    section11,
    statutory_clocks,
)


@dataclass
class Section:
    """One section of the pack: its heading, anchor, the template that renders it, its data."""

    key: str
    title: str
    template: str
    data: object


def pack_sections(meeting, user, today: datetime.date) -> list[Section]:
    """The pack's sections in reading order; the subgroups' highlight reports only for a
    meeting of the executive or the board (the subgroups report to them)."""
    from ..models import Body

    highlights = (
        []
        if meeting.body == Body.SUBGROUP
        else [
            Section(
                "highlights",
                "Subgroup highlight reports",
                "governance/pack/_highlights.html",
                highlight_reports(user, meeting),
            )
        ]
    )
    return [
        Section("clocks", "Statutory clocks", "governance/pack/_clocks.html", statutory_clocks(user, today)),
        Section(
            "overdue-actions",
            "Overdue actions by agency",
            "governance/pack/_overdue_actions.html",
            overdue_actions_by_agency(user, today),
        ),
        Section(
            "overdue-by-priority",
            "Overdue actions by priority",
            "governance/pack/_overdue_actions.html",
            overdue_actions_by_priority(user, today),
        ),
        Section("section11", "Section 11", "governance/pack/_section11.html", section11(user, today)),
        Section(
            "red-indicators",
            "Performance indicators rated red",
            "governance/pack/_red_indicators.html",
            red_indicators(user, today),
        ),
        Section(
            "deep-dive",
            "Deep dive for scrutiny",
            "governance/pack/_deep_dive.html",
            deep_dive(user, meeting, today),
        ),
        *highlights,
        Section(
            "decisions",
            "Decisions needed",
            "governance/pack/_decisions.html",
            decisions_needed(user, meeting, today),
        ),
    ]


def meeting_label(meeting) -> str:
    """The meeting as a pack names it: "Executive Group, quarter 4, 14 January 2027"."""
    return f"{meeting.title}, {meeting.date.day} {meeting.date:%B %Y}"


def render_pack_body(meeting, user, today: datetime.date) -> str:
    """The pack's sections as HTML (headings from level 2, every table captioned and scoped):
    what the pack page shows, what the PDF lays out, and what a circulated version freezes."""
    from django.template.loader import render_to_string

    return render_to_string(
        "governance/pack/_body.html",
        {"meeting": meeting, "today": today, "sections": pack_sections(meeting, user, today)},
    )
