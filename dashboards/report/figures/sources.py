"""Figures of the sources of learning outside the core: case reviews, audits, Section 11,
inspections and child death review, each read through its app's selectors.

Case reviews are about children, so nothing here prints a review's title (a pseudonym), its
summary or its rationale: only counts by kind and decision, the statutory clocks' outcomes, and
for published reviews their reference, dates and published recommendations.
"""

from __future__ import annotations

from collections import Counter

from django.db.models import Count

from audits import selectors as audits_selectors
from partnership import selectors as core
from reviews import clocks as review_clocks
from reviews import selectors as reviews_selectors
from reviews.models import Decision, Publication, ReviewKind

from ... import charts, periods
from . import audit_figures, review_figures
from .base import LIST_LIMIT, Section, Table, Year, count_of, number, percent, uk_date

CLOCK_STATES = (
    review_clocks.State.MET,
    review_clocks.State.MISSED,
    review_clocks.State.RUNNING,
    review_clocks.State.OVERDUE,
)


def case_reviews(year: Year) -> Section:
    """Reviews opened in the year by kind, Rapid Review decisions made in it, the statutory
    clocks that fell due in it (met, missed, still running or overdue on the report's date),
    the reviews published in it, and (`review_figures`) every review's recommendations with the
    response and their status now, and the learning from other areas' and national reviews."""
    section = Section("case_reviews")
    reviews = list(
        reviews_selectors.reviews_visible_to(year.user)
        .select_related("notification", "rapid_review")
        .order_by("opened_on", "pk")
    )
    opened = Counter(r.get_kind_display() for r in reviews if year.contains(r.opened_on))
    rapid = [r for r in reviews if r.kind == ReviewKind.RAPID_REVIEW and year.contains(r.decided_on)]
    decisions = Counter(r.get_decision_display() for r in rapid if r.decision)
    to_lcspr = sum(1 for r in rapid if r.decision == Decision.LCSPR)
    published = [r for r in reviews if year.contains(r.published_on)]
    section.facts = [
        ("Case reviews opened", str(sum(opened.values()))),
        ("Rapid Reviews decided", str(len(rapid))),
        ("Rapid Reviews that led to an LCSPR", count_of(to_lcspr, len(rapid))),
        ("Reviews published", str(len(published))),
    ]
    section.tables.append(
        Table(
            f"Case reviews opened in {year.label}, by kind",
            ["Kind of review", "Opened"],
            [[kind, str(n)] for kind, n in sorted(opened.items())],
        )
    )
    if opened:
        section.charts.append(
            charts.bar_chart(
                title=f"Case reviews opened in {year.label}, by kind",
                bars=sorted(opened.items()),
                value_label="Opened",
            )
        )
    section.tables.append(
        Table(
            f"Rapid Review decisions made in {year.label}",
            ["Decision", "Rapid Reviews"],
            [[label, str(n)] for label, n in sorted(decisions.items())],
        )
    )
    outcomes: dict[str, Counter] = {}
    for review in reviews:
        for clock in review_clocks.clocks_for(review):
            if year.contains(clock.due):
                outcomes.setdefault(clock.name, Counter())[clock.state(year.as_of)] += 1
    section.tables.append(
        Table(
            f"Statutory timescales due in {year.label}, as at {uk_date(year.as_of)}",
            ["Timescale", "Met", "Missed", "Still running", "Overdue", "Met on time"],
            [
                [name]
                + [str(counts[state]) for state in CLOCK_STATES]
                + [percent(100 * counts[review_clocks.State.MET] / sum(counts.values()))]
                for name, counts in sorted(outcomes.items())
            ],
        )
    )
    publishing = [r for r in published if r.publication_decision in (Publication.FULL, Publication.SUMMARY)]
    recommendations = list(
        core.recommendations_visible_to(year.user)
        .filter(source__in=[r.learning_source_id for r in publishing])
        .select_related("source")
        .order_by("source__date", "reference")
    )
    section.tables.append(
        Table(
            f"Reviews published in {year.label}",
            ["Reference", "Kind of review", "Published", "Publication", "Recommendations"],
            [
                [
                    r.reference,
                    r.get_kind_display(),
                    uk_date(r.published_on),
                    r.get_publication_decision_display() or "Not recorded",
                    str(sum(1 for rec in recommendations if rec.source_id == r.learning_source_id)),
                ]
                for r in published
            ],
        )
    )
    review_figures.add_recommendations(section, year, reviews)
    review_figures.add_learning_from_others(section, year)
    return section


def audits(year: Year) -> Section:
    """Multi-agency audits dated in the year (status, agencies, cases, findings, themes), the key
    findings of those reported in it and the re-audits' before and after (`audit_figures`), the
    year's deep dives, and the single-agency audits reported to the partnership in it."""
    section = Section("audits")
    multi = list(
        audits_selectors.multi_agency_audits_visible_to(year.user)
        .filter(**year.q("learning_source__date"))
        .annotate(
            n_findings=Count("learning_source__findings", distinct=True),
            n_agencies=Count("participants__agency", distinct=True),
            n_cases=Count("cases", distinct=True),
        )
        .prefetch_related("themes")
        .order_by("planned_on", "pk")
    )
    single = list(
        audits_selectors.single_agency_audits_visible_to(year.user)
        .filter(**year.q("reported_on"))
        .select_related("agency")
        .prefetch_related("themes")
        .order_by("reported_on", "pk")
    )
    section.facts = [
        ("Multi-agency audits", str(len(multi))),
        ("Cases audited together", str(sum(a.n_cases for a in multi))),
        ("Findings from multi-agency audits", str(sum(a.n_findings for a in multi))),
        ("Single-agency audits reported to the partnership", str(len(single))),
    ]
    section.tables.append(
        Table(
            f"Multi-agency audits in {year.label}",
            ["Audit", "Status", "Agencies", "Cases", "Findings", "Themes"],
            [
                [
                    a.title,
                    a.get_status_display(),
                    str(a.n_agencies),
                    str(a.n_cases),
                    str(a.n_findings),
                    ", ".join(t.name for t in a.themes.all()) or "None recorded",
                ]
                for a in multi
            ],
        )
    )
    audit_figures.add_key_findings(section, year, multi)
    audit_figures.add_deep_dives(section, year)
    if len(single) <= LIST_LIMIT:
        section.tables.append(
            Table(
                f"Single-agency audits reported in {year.label}",
                ["Agency", "Audit", "Reported", "Themes"],
                [
                    [
                        a.agency.name,
                        a.title,
                        uk_date(a.reported_on),
                        ", ".join(t.name for t in a.themes.all()) or "None",
                    ]
                    for a in single
                ],
            )
        )
        return section
    # Many audits: how many each agency reported and their commonest themes (the audits
    # themselves are in the service).
    by_agency: dict[str, list] = {}
    for a in single:
        count, themes = by_agency.setdefault(a.agency.name, [0, Counter()])
        by_agency[a.agency.name][0] = count + 1
        themes.update(t.name for t in a.themes.all())
    section.tables.append(
        Table(
            f"Single-agency audits reported in {year.label}, by agency",
            ["Agency", "Audits reported", "Commonest themes"],
            [
                [name, str(count), ", ".join(t for t, _ in themes.most_common(2)) or "None"]
                for name, (count, themes) in sorted(
                    by_agency.items(), key=lambda item: (-item[1][0], item[0])
                )
            ],
        )
    )
    return section


def section11(year: Year) -> Section:
    """The Section 11 round people were working on among those opened by the year's end
    (`audits.selectors.current_round`, as on the dashboard): how many returns are complete
    (submitted, in challenge or accepted) and the average rating per standard."""
    section = Section("section11")
    round_ = audits_selectors.current_round(year.user, opened_before=year.end)
    if round_ is None:
        section.notes.append("No Section 11 round had opened by the end of the year.")
        return section
    grid = audits_selectors.heatmap(round_)
    statuses = Counter(row["return"].get_status_display() for row in grid["rows"])
    complete = sum(
        1 for row in grid["rows"] if row["return"].status in ("submitted", "challenge", "accepted")
    )
    max_score = max((lv.score for lv in round_.framework.rating_levels.all()), default=None)
    section.facts = [
        ("Round", round_.title),
        ("Opened", uk_date(round_.opens_on)),
        ("Returns due", uk_date(round_.due_on)),
        ("Agencies invited", str(len(grid["rows"]))),
        ("Returns completed", count_of(complete, len(grid["rows"]))),
    ]
    section.tables.append(
        Table(
            f"{round_.title}: returns by status",
            ["Status", "Returns"],
            [[s, str(n)] for s, n in sorted(statuses.items())],
        )
    )
    scale = f" (out of {max_score})" if max_score else ""
    section.tables.append(
        Table(
            f"{round_.title}: average rating per standard{scale}",
            ["Standard", "Agencies rated", "Average rating"],
            [
                [f"{s['standard'].number}. {s['standard'].title}", str(s["rated"]), number(s["average"])]
                for s in grid["summary"]
            ],
        )
    )
    section.charts.append(
        charts.bar_chart(
            title=f"{round_.title}: average rating per standard{scale}",
            # The standards' titles are long: the chart names each by number, the table beside it in full.
            bars=[(f"Standard {s['standard'].number}", s["average"]) for s in grid["summary"]],
            value_label="Average rating",
        )
    )
    return section


def inspections(year: Year) -> Section:
    """Inspections published in the year (or started in it and not yet published), with the
    number of recommendations each made."""
    section = Section("inspections")
    found = [
        i
        for i in audits_selectors.inspections_visible_to(year.user)
        .annotate(n_recommendations=Count("learning_source__recommendations", distinct=True))
        .prefetch_related("agencies")
        .order_by("started_on", "pk")
        if year.contains(i.published_on) or (i.published_on is None and year.contains(i.started_on))
    ]
    section.facts = [
        ("Inspections", str(len(found))),
        ("Recommendations made to partner agencies", str(sum(i.n_recommendations for i in found))),
    ]
    section.tables.append(
        Table(
            f"Inspections in {year.label}",
            ["Inspectorate", "Inspection", "Agencies", "Published", "Judgement", "Recommendations"],
            [
                [
                    i.get_inspectorate_display(),
                    i.title,
                    ", ".join(a.short_name or a.name for a in i.agencies.all()),
                    uk_date(i.published_on),
                    i.judgement or "None given",
                    str(i.n_recommendations),
                ]
                for i in found
            ],
        )
    )
    return section


def child_death_review(year: Year) -> Section:
    """The Child Death Overview Panel's report for the year: deaths reviewed, those with
    modifiable factors, by category, and how many cases were referred for review (a count).

    The panel reports after its year ends, so while the year's report is not recorded yet the
    section gives the panel's latest earlier report, saying which year it covers."""
    section = Section("child_death_review")
    report = (
        reviews_selectors.cdop_reports_visible_to(year.user)
        .filter(year__lte=year.year)
        .annotate(n_referrals=Count("referrals", distinct=True))
        .order_by("-year")
        .first()
    )
    if report is None:
        section.notes.append(f"The Child Death Overview Panel's report for {year.label} is not recorded yet.")
        return section
    if report.year != year.year:
        reported = periods.year_label(report.year)
        section.notes.append(
            f"The Child Death Overview Panel's report for {year.label} is not published yet; "
            f"the figures below are from its latest report, for {reported}."
        )
        year = Year.of(report.year, year.user, year.today)
    suffix = f" ({year.label} report)" if section.notes else ""
    section.facts = [
        ("Deaths reviewed by the panel" + suffix, str(report.deaths_reviewed)),
        (
            "Deaths with modifiable factors" + suffix,
            count_of(report.modifiable_deaths, report.deaths_reviewed),
        ),
        ("Cases referred for a review" + suffix, str(report.n_referrals)),
        ("Panel's report published", uk_date(report.published_on)),
    ]
    categories = sorted((report.categories or {}).items())
    section.tables.append(
        Table(
            f"Deaths reviewed in {year.label}, by category",
            ["Category", "Deaths reviewed"],
            [[c, str(n)] for c, n in categories],
        )
    )
    if categories:
        section.charts.append(
            charts.bar_chart(
                title=f"Deaths reviewed in {year.label}, by category",
                bars=categories,
                value_label="Deaths reviewed",
            )
        )
    return section
