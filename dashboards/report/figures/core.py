"""Figures of the partnership core: the partnership and its priorities, children's voice,
action plans, learning themes and dissemination, read through `partnership.selectors`.

A plan that answers a confidential source (a case review) is named by its kind and date, never
by its title, which may carry a child's pseudonym.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from django.db.models import Count, Exists, OuterRef

from partnership import selectors as core
from partnership.models import ActionStatus, BriefingStatus, Finding, SourceKind
from partnership.models.organisation import PartnerStatus

from ... import charts
from ...overview.themes import ThemeFilters, theme_matrix
from . import audit_figures, review_figures
from .base import LIST_LIMIT, SELECTION, Section, Table, Year, count_of, uk_date

NO_SUBGROUP = "No subgroup"


def public_source_title(source) -> str:
    """A source's title fit to print: a confidential source is named by its kind and month."""
    if source.confidential:
        return f"{SourceKind(source.kind).label}, {source.date:%B %Y}"
    return source.title


def public_briefing_title(briefing) -> str:
    """A briefing's title fit to print: one that draws on confidential learning (a case review)
    may carry a child's pseudonym in its title, so it is named by its format and month."""
    if briefing.draws_on_confidential:
        return f"{briefing.get_format_display()}, {briefing.published_on:%B %Y}"
    return briefing.title


def partnership(year: Year) -> Section:
    """The year's priorities, the partner agencies by status and the subgroups with their remit."""
    section = Section("partnership")
    priorities = list(core.priorities_visible_to(year.user).filter(year=year.year).order_by("title"))
    agencies = list(core.agencies_visible_to(year.user).filter(active=True).order_by("name"))
    subgroups = list(core.subgroups_visible_to(year.user).filter(active=True).order_by("name"))
    statutory = [a for a in agencies if a.partner_status == PartnerStatus.STATUTORY_PARTNER]
    section.facts = [
        ("Priorities for the year", str(len(priorities))),
        ("Statutory safeguarding partners", str(len(statutory))),
        ("Relevant agencies", str(len(agencies) - len(statutory))),
        ("Subgroups", str(len(subgroups))),
    ]
    section.tables.append(
        Table(
            f"The partnership's priorities for {year.label}",
            ["Priority", "What it means"],
            [[p.title, p.description or ""] for p in priorities],
        )
    )
    section.tables.append(
        Table(
            "Partner agencies",
            ["Agency", "Sector", "Status"],
            [[a.name, a.get_sector_display(), a.get_partner_status_display()] for a in agencies],
        )
    )
    section.tables.append(
        Table("Subgroups and their remit", ["Subgroup", "Remit"], [[s.name, s.remit] for s in subgroups])
    )
    return section


def childrens_voice(year: Year) -> Section:
    """Consultations with children and young people in the year: what they said beside what
    changed as a result ("you said, we did"); and families' voice: how families took part in
    local reviews and how many audits recorded children's and families' views (counts)."""
    section = Section("childrens_voice")
    consultations = list(
        core.consultations_visible_to(year.user)
        .filter(**year.q("date"))
        .prefetch_related("themes")
        .order_by("date", "pk")
    )
    methods = Counter(c.get_method_display() for c in consultations)
    acted = sum(1 for c in consultations if c.what_changed.strip())
    section.facts = [
        ("Consultations with children and young people", str(len(consultations))),
        ("Consultations where we have said what changed", count_of(acted, len(consultations))),
    ] + [(f"{method} (number)", str(n)) for method, n in sorted(methods.items())]
    shown, caption = consultations, f"You said, we did: {year.label}"
    if len(consultations) > LIST_LIMIT:
        # The most recent few, in full: the rest are in the service.
        shown = consultations[-SELECTION:]
        caption = (
            f"You said, we did: the {len(shown)} most recent of the {len(consultations)} consultations "
            f"in {year.label}"
        )
    section.tables.append(
        Table(
            caption,
            ["Date and group", "Topic", "You said", "We did"],
            [
                [
                    f"{uk_date(c.date)}, {c.group}",
                    c.topic,
                    c.what_they_said,
                    c.what_changed or "Not yet recorded",
                ]
                for c in shown
            ],
        )
    )
    family_facts, family_table = review_figures.families_voice(year)
    section.facts += family_facts + audit_figures.families_voice(year)
    section.tables.append(family_table)
    return section


def action_plans(year: Year) -> Section:
    """Action plans and their actions on the report's date: open actions by RAG and by
    subgroup, overdue ones, and those completed and added during the year."""
    section = Section("action_plans")
    # The plans that had started by the year's end: a later plan is not part of this year's report.
    actions = core.actions_visible_to(year.user, year.as_of).filter(plan__start_date__lt=year.end)
    open_by = (
        actions.filter(status__in=[ActionStatus.NOT_STARTED, ActionStatus.ON_TRACK, ActionStatus.OFF_TRACK])
        .values("plan__subgroup__name", "rag")
        .annotate(n=Count("pk"))
        .order_by()
    )
    by_subgroup: dict[str, Counter] = defaultdict(Counter)
    totals = Counter()
    for row in open_by:
        by_subgroup[row["plan__subgroup__name"] or NO_SUBGROUP][row["rag"]] += row["n"]
        totals[row["rag"]] += row["n"]
    overdue = actions.overdue(year.as_of).count()
    completed = actions.filter(status=ActionStatus.COMPLETE, **year.q("closed_on")).count()
    added = actions.filter(**year.q("start_date")).count()
    section.facts = [
        ("Open actions", str(sum(totals.values()))),
        ("Red", str(totals["red"])),
        ("Amber", str(totals["amber"])),
        ("Green", str(totals["green"])),
        ("Overdue", str(overdue)),
        (f"Completed in {year.label}", str(completed)),
        (f"Added in {year.label}", str(added)),
    ]
    rows = [(label, dict(by_subgroup[label])) for label in sorted(by_subgroup, key=str.lower)]
    section.tables.append(
        Table(
            f"Open actions by RAG and subgroup, as at {uk_date(year.as_of)}",
            ["Subgroup", "Red", "Amber", "Green", "Total"],
            [
                [label, *(str(c.get(k, 0)) for k in ("red", "amber", "green")), str(sum(c.values()))]
                for label, c in rows
            ],
        )
    )
    if rows:
        section.charts.append(
            charts.stacked_bar_chart(
                title=f"Open actions by RAG and subgroup, as at {uk_date(year.as_of)}", rows=rows
            )
        )
    plans = core.plan_summaries(
        core.plans_visible_to(year.user).filter(start_date__lt=year.end).order_by("start_date", "pk"),
        year.as_of,
    )
    plans = [p for p in plans if p.actions_total]
    columns = ["Action plan", "Subgroup", "Actions", "Closed", "Overdue"]

    def plan_row(p) -> list[str]:
        return [
            public_source_title(p.source),
            p.subgroup.name,
            str(p.actions_total),
            str(p.actions_closed),
            str(p.actions_overdue),
        ]

    if len(plans) <= LIST_LIMIT:
        section.tables.append(Table("Progress of each action plan", columns, [plan_row(p) for p in plans]))
        return section
    # Many plans: their progress by source of learning, and the plans furthest behind.
    by_kind: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    for p in plans:
        row = by_kind[SourceKind(p.source.kind).label]
        for index, n in enumerate((1, p.actions_total, p.actions_closed, p.actions_overdue)):
            row[index] += n
    section.tables.append(
        Table(
            f"Progress of the {len(plans)} action plans, by source of learning",
            ["Source of learning", "Plans", "Actions", "Closed", "Overdue"],
            [[kind, *(str(n) for n in counts)] for kind, counts in sorted(by_kind.items())],
        )
    )
    behind = sorted(
        (p for p in plans if p.actions_overdue), key=lambda p: (-p.actions_overdue, p.start_date, p.pk)
    )[:SELECTION]
    if behind:
        section.tables.append(
            Table(
                f"The {len(behind)} action plans with the most overdue actions",
                columns,
                [plan_row(p) for p in behind],
            )
        )
    return section


def learning_themes(year: Year) -> Section:
    """Findings of the year by theme and by source type, and the themes that recur across three
    or more sources over two or more years up to this one (dashboards/overview/themes.py)."""
    section = Section("learning_themes")
    grouped = (
        core.findings_visible_to(year.user)
        .prefetch_related(None)
        .filter(**year.q("source__date"))
        .values("themes__name", "source__kind", "source_id")
        .annotate(n=Count("pk", distinct=True))
        .order_by()
    )
    findings: Counter = Counter()
    sources: dict[str, set] = defaultdict(set)
    kinds: dict[str, set] = defaultdict(set)
    for row in grouped:
        name = row["themes__name"]
        if name is None:
            continue
        findings[name] += row["n"]
        sources[name].add(row["source_id"])
        kinds[name].add(SourceKind(row["source__kind"]).label)
    ranked = sorted(findings.items(), key=lambda item: (-item[1], item[0].lower()))
    section.facts = [("Themes found this year", str(len(ranked)))]
    section.tables.append(
        Table(
            f"Findings by theme, {year.label}",
            ["Theme", "Findings", "Sources", "Found in"],
            [[name, str(n), str(len(sources[name])), ", ".join(sorted(kinds[name]))] for name, n in ranked],
        )
    )
    if ranked:
        section.charts.append(
            charts.bar_chart(
                title=f"Findings by theme, {year.label}", bars=ranked[:10], value_label="Findings"
            )
        )
    matrix = theme_matrix(year.user, ThemeFilters(year_to=year.year))
    recurring = matrix.recurring
    section.facts.append(("Recurring themes", str(len(recurring))))
    section.tables.append(
        Table(
            f"Recurring themes: in three or more sources across two or more years, up to {year.label}",
            ["Theme", "Findings", "Sources", "Years"],
            [[row.theme.name, str(row.findings), str(row.sources), str(row.year_count)] for row in recurring],
        )
    )
    return section


def dissemination(year: Year) -> Section:
    """Learning briefings published in the year, by format, audience and channel."""
    section = Section("dissemination")
    briefings = list(
        core.briefings_visible_to(year.user)
        .filter(status=BriefingStatus.PUBLISHED, **year.q("published_on"))
        .annotate(
            draws_on_confidential=Exists(
                Finding.objects.filter(briefings=OuterRef("pk"), source__confidential=True)
            )
        )
        .prefetch_related("themes")
        .order_by("published_on", "pk")
    )
    formats = Counter(b.get_format_display() for b in briefings)
    channels = Counter(c.label for b in briefings for c in b.channels)
    section.facts = [("Learning briefings published", str(len(briefings)))] + [
        (label, str(n)) for label, n in sorted(formats.items())
    ]
    section.tables.append(
        Table(
            f"Learning briefings published in {year.label}",
            ["Briefing", "Format", "For", "Published", "Shared through", "Themes"],
            [
                [
                    public_briefing_title(b),
                    b.get_format_display(),
                    b.get_audience_display(),
                    uk_date(b.published_on),
                    ", ".join(c.label for c in b.channels) or "Not recorded",
                    ", ".join(t.name for t in b.themes.all()) or "None",
                ]
                for b in briefings
            ],
        )
    )
    if channels:
        section.charts.append(
            charts.bar_chart(
                title=f"Briefings published in {year.label}, by channel",
                bars=sorted(channels.items()),
                value_label="Briefings",
            )
        )
    return section
