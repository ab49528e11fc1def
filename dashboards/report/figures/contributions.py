"""The contributors' parts of the annual report: the text each contributor starts from, and the
three sections that print what the business unit approved.

`starting_text(contribution)` is the template a contributor opens: headings to write under and,
for a subgroup or an agency, its own figures of the year (counts only, never a child's details or
a confidential source's title), read through the apps' selectors as the business unit who asked
(the figures are the same whoever writes: a vice-chair asked instead of the chair sees their
subgroup's real counts).

The sections: the scrutineer's assessment, "Our subgroups' reports" and "Partners'
contributions" print only approved contributions, each under its subgroup's or agency's name.
"""

from __future__ import annotations

import datetime

from audits import selectors as audits_selectors
from partnership import selectors as core
from partnership.models import ActionStatus, SourceKind
from training import selectors as training_selectors

from ..models import ContributionKind, ReportContribution
from ..selectors import approved_contributions
from .base import Section, Year, uk_date

SCRUTINEER_HEADINGS = (
    "How well the arrangements worked",
    "How the partners worked together and held each other to account",
    "How well the partnership learned from reviews, audits and training, and what changed for children and families",
    "What should improve",
)
SUBGROUP_HEADINGS = ("What the subgroup did this year", "What difference it made", "What comes next")
AGENCY_HEADINGS = (
    "What our agency did for the partnership's priorities",
    "What we learned and changed in practice",
    "What comes next",
)


def _block(headings) -> str:
    return "\n\n".join(f"{heading}\n\n[Write here]" for heading in headings)


def _actions_figures(actions, year: Year) -> list[str]:
    open_actions = actions.open()
    return [
        f"Actions open on {uk_date(year.as_of)}: {open_actions.count()}",
        f"of which overdue: {actions.overdue(year.as_of).count()}",
        f"Actions completed in {year.label}: "
        f"{actions.filter(status=ActionStatus.COMPLETE, **year.q('closed_on')).count()}",
    ]


def _subgroup_figures(contribution: ReportContribution, year: Year) -> list[str]:
    actions = core.actions_visible_to(year.user, year.as_of).filter(
        plan__subgroup=contribution.subgroup, plan__start_date__lt=year.end
    )
    lines = _actions_figures(actions, year)
    sources = (
        core.sources_visible_to(year.user)
        .filter(subgroup=contribution.subgroup, **year.q("date"))
        .values_list("kind", flat=True)
    )
    kinds: dict[str, int] = {}
    for kind in sources:
        kinds[kind] = kinds.get(kind, 0) + 1
    overseen = ", ".join(f"{SourceKind(k).label.lower()}: {n}" for k, n in sorted(kinds.items()))
    lines.append(f"Sources of learning it oversaw in {year.label}: {overseen or 'none'}")
    return lines


def _agency_figures(contribution: ReportContribution, year: Year) -> list[str]:
    agency = contribution.agency
    actions = core.actions_visible_to(year.user, year.as_of).filter(
        owner_agency=agency, plan__start_date__lt=year.end
    )
    lines = _actions_figures(actions, year)
    round_ = audits_selectors.current_round(year.user, opened_before=year.end)
    if round_ is not None:
        returned = audits_selectors.returns_visible_to(year.user).filter(round=round_, agency=agency).first()
        status = returned.get_status_display().lower() if returned else "not invited"
        lines.append(f"Section 11 return ({round_.title}): {status}")
    trained = (
        training_selectors.attendees_visible_to(year.user)
        .filter(agency=agency, attended=True, **year.q("session__starts_at__date"))
        .count()
    )
    lines.append(f"Staff who attended the partnership's training in {year.label}: {trained}")
    return lines


def starting_text(contribution: ReportContribution, *, today: datetime.date | None = None) -> str:
    """The template a contributor starts from (see the module docstring)."""
    if contribution.kind == ContributionKind.SCRUTINEER:
        return _block(SCRUTINEER_HEADINGS)
    year = Year.of(contribution.year, contribution.requested_by or contribution.author, today)
    if contribution.kind == ContributionKind.SUBGROUP:
        figures, headings = _subgroup_figures(contribution, year), SUBGROUP_HEADINGS
    else:
        figures, headings = _agency_figures(contribution, year), AGENCY_HEADINGS
    intro = f"Your figures for {year.label} (from the service; keep, change or remove them):\n" + "\n".join(
        f"- {line}" for line in figures
    )
    return f"{intro}\n\n{_block(headings)}"


# --- the report's sections ----------------------------------------------------------------------


def _section(key: str, year: Year, kind: str, missing: str) -> Section:
    section = Section(key)
    approved = approved_contributions(year.year, kind)
    section.contributions = [
        ("" if kind == ContributionKind.SCRUTINEER else c.heading, c.text) for c in approved
    ]
    if not approved:
        section.notes.append(missing)
    return section


def scrutiny(year: Year) -> Section:
    return _section(
        "scrutiny",
        year,
        ContributionKind.SCRUTINEER,
        "The independent scrutineer's assessment is not yet approved.",
    )


def subgroup_reports(year: Year) -> Section:
    return _section(
        "subgroup_reports", year, ContributionKind.SUBGROUP, "No subgroup's report has been approved yet."
    )


def partner_contributions(year: Year) -> Section:
    return _section(
        "partner_contributions",
        year,
        ContributionKind.AGENCY,
        "No partner's contribution has been approved yet.",
    )
