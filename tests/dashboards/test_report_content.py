"""How the annual report reads: long lists summarised as a published report does, the child
death review's latest report while the year's is not out, and the demo filling every section of
both the previous and the current reporting year."""

import datetime
import re

import pytest
import time_machine

from dashboards.report.figures import base, core, report_sections, sources
from dashboards.report.figures.base import Year
from reviews.models import CdopReport
from tests.factories import ActionFactory, ActionPlanFactory, ConsultationFactory

pytestmark = pytest.mark.django_db
D = datetime.date
TODAY = "2026-11-30 12:00:00+00:00"


def table(section, starts: str):
    found = [t for t in section.tables if t.caption.startswith(starts)]
    assert found, f"no table {starts!r} in {[t.caption for t in section.tables]}"
    return found[0]


@time_machine.travel(TODAY, tick=False)
def test_a_few_plans_are_listed_one_by_one(world):
    plan = ActionPlanFactory(subgroup=world.subgroup, start_date=D(2025, 6, 1))
    ActionFactory(plan=plan, start_date=D(2025, 6, 1), due_date=D(2025, 9, 1))  # overdue
    section = core.action_plans(Year.of(2025, world.business_unit))
    rows = table(section, "Progress of each action plan").rows
    assert [row[2:] for row in rows] == [["1", "0", "1"]]


@time_machine.travel(TODAY, tick=False)
def test_many_plans_are_summarised_by_source_with_the_furthest_behind(world, monkeypatch):
    monkeypatch.setattr(core, "LIST_LIMIT", 2)
    monkeypatch.setattr(core, "SELECTION", 2)
    # Three plans from consultations: 2 overdue actions, 1 overdue and 1 done, none overdue.
    plans = [ActionPlanFactory(subgroup=world.subgroup, start_date=D(2025, 5, day)) for day in (1, 2, 3)]
    for plan, due_dates in zip(
        plans, [[D(2025, 8, 1), D(2025, 9, 1)], [D(2025, 8, 1)], [D(2026, 8, 1)]], strict=True
    ):
        for due in due_dates:
            ActionFactory(plan=plan, start_date=plan.start_date, due_date=due)
    ActionFactory(plan=plans[1], start_date=plans[1].start_date, due_date=D(2025, 8, 1), status="complete",
                  closed_on=D(2025, 7, 1), impact="Every referral now names the school.")  # fmt: skip
    # A plan starting after the year is not part of its report.
    late = ActionPlanFactory(subgroup=world.subgroup, start_date=D(2026, 6, 1))
    ActionFactory(plan=late, start_date=late.start_date, due_date=D(2026, 7, 1))

    section = core.action_plans(Year.of(2025, world.business_unit))
    captions = [t.caption for t in section.tables]
    assert "Progress of each action plan" not in captions
    summary = table(section, "Progress of the 3 action plans, by source of learning")
    kind = plans[0].source.get_kind_display()
    # Plans 3; actions 2 + 2 + 1 = 5; closed 1; overdue on 31 March 2026: 2 + 1 = 3.
    assert summary.rows == [[kind, "3", "5", "1", "3"]]
    behind = table(section, "The 2 action plans with the most overdue actions")
    assert [row[2:] for row in behind.rows] == [["2", "0", "2"], ["2", "1", "1"]]
    facts = dict(section.facts)
    assert facts["Open actions"] == "4" and facts["Overdue"] == "3"  # the later plan's action left out


@time_machine.travel(TODAY, tick=False)
def test_many_consultations_show_the_most_recent_few(world, monkeypatch):
    monkeypatch.setattr(core, "LIST_LIMIT", 2)
    monkeypatch.setattr(core, "SELECTION", 2)
    for day in (1, 2, 3):
        ConsultationFactory(date=D(2025, 10, day), topic=f"Topic {day}")
    section = core.childrens_voice(Year.of(2025, world.business_unit))
    shown = table(section, "You said, we did: the 2 most recent of the 3 consultations in 2025/26")
    assert [row[1] for row in shown.rows] == ["Topic 2", "Topic 3"]
    assert dict(section.facts)["Consultations with children and young people"] == "3"


@time_machine.travel(TODAY, tick=False)
def test_the_child_death_review_gives_the_latest_report_until_the_years_is_out(world):
    CdopReport.objects.create(year=2025, deaths_reviewed=14, modifiable_deaths=3, subgroup=world.subgroup,
                              categories={"Perinatal or neonatal event": 14}, published_on=D(2026, 8, 1))  # fmt: skip
    this_year = sources.child_death_review(Year.of(2025, world.business_unit))
    assert not this_year.notes and dict(this_year.facts)["Deaths reviewed by the panel"] == "14"

    next_year = sources.child_death_review(Year.of(2026, world.business_unit))
    assert next_year.notes == [
        "The Child Death Overview Panel's report for 2026/27 is not published yet; "
        "the figures below are from its latest report, for 2025/26."
    ]
    facts = dict(next_year.facts)
    assert facts["Deaths reviewed by the panel (2025/26 report)"] == "14"
    assert facts["Deaths with modifiable factors (2025/26 report)"] == "3 of 14"
    assert next_year.tables[0].caption == "Deaths reviewed in 2025/26, by category"

    assert sources.child_death_review(Year.of(2024, world.business_unit)).notes == [
        "The Child Death Overview Panel's report for 2024/25 is not recorded yet."
    ]


def test_a_chart_prints_once_above_the_table_of_its_figures():
    chart = type("Chart", (), {"title": "By kind"})()
    lone = type("Chart", (), {"title": "By channel"})()
    figures = base.Table("By kind", ["Kind", "N"], [["A", "1"]])
    other = base.Table("Decisions", ["Decision", "N"], [])
    section = base.Section("case_reviews", tables=[figures, other], charts=[chart, lone])
    assert section.blocks == [(lone, None), (chart, figures), (None, other)]


@time_machine.travel(TODAY, tick=False)
def test_the_demo_fills_every_section_of_the_previous_and_the_current_year():
    from django.core.management import call_command

    from partnership.models import Role, User
    from reviews.models import NotifiedChild

    call_command("seed_demo", verbosity=0)
    unit = User.objects.filter(role_assignments__role=Role.BUSINESS_UNIT).first()
    pseudonyms = set(NotifiedChild.objects.values_list("pseudonym", flat=True))
    assert pseudonyms
    for year in (2025, 2026):
        sections = {s.key: s for s in report_sections(year, user=unit)}
        # For the public: no child's pseudonym in any figure or table (a briefing's title included).
        printed = " ".join(
            [str(x) for s in sections.values() for fact in s.facts for x in fact]
            + [str(cell) for s in sections.values() for t in s.tables for row in t.rows for cell in row]
            + [t.caption for s in sections.values() for t in s.tables]
        )
        # As a whole word: "Child S" is not in "Local Child Safeguarding Practice Review".
        assert not [p for p in pseudonyms if re.search(rf"\b{re.escape(p)}\b", printed)], year
        for key, section in sections.items():
            assert section.narrative, f"{year}: {key} has no words"
            if key == "foreword":
                continue
            if key in ("scrutiny", "subgroup_reports", "partner_contributions"):
                # Written by the contributors: the demo's last complete year has them approved.
                assert section.contributions or year != 2025, f"{year}: {key} has no contribution"
                continue
            assert section.facts or any(t.rows for t in section.tables), f"{year}: {key} is empty"
            for label, value in section.facts:
                assert value not in ("0 of 0",), f"{year}: {key}: {label} {value}"
        facts = {key: dict(s.facts) for key, s in sections.items()}
        label = f"{year}/{str(year + 1)[-2:]}"
        assert int(facts["case_reviews"]["Rapid Reviews decided"]) >= 1, year
        assert int(facts["case_reviews"]["Reviews published"]) >= 1, year
        assert int(facts["audits"]["Multi-agency audits"]) >= 1, year
        assert int(facts["audits"]["Single-agency audits reported to the partnership"]) >= 1, year
        assert int(facts["inspections"]["Inspections"]) >= 1, year
        assert int(facts["dissemination"]["Learning briefings published"]) >= 1, year
        voice = facts["childrens_voice"]["Consultations where we have said what changed"]
        done, _of, held = voice.split()
        assert done == held, f"{year}: you said, we did {voice}"
        assert table(sections["next_priorities"], "Priorities agreed for").rows, year
        assert int(facts["learning_themes"]["Recurring themes"]) >= 1, year
        assert f"in {label}" in table(sections["audits"], "Multi-agency audits").caption
    # The last complete year (2025/26): every priority assessed and measured, impact statements of
    # actions completed in it, "did it stick?" checks recorded in it, and a review's actions.
    sections = {s.key: s for s in report_sections(2025, user=unit)}
    progress = dict(sections["priority_progress"].facts)
    assert int(progress["Priorities for the year"]) >= 3 and "Not yet assessed" not in progress
    assert table(sections["priority_progress"], "How we measure each priority").rows
    assert any(
        note.startswith("We made little or no progress on") for note in sections["priority_progress"].notes
    )
    changed = dict(sections["what_changed"].facts)
    assert int(changed["Impact statements printed in this section"]) >= 1
    assert int(changed['"Did it stick?" checks recorded']) >= 1
    responses = [
        row[2] for row in table(sections["case_reviews"], "Every published review's recommendations").rows
    ]
    assert "Accepted" in responses
