"""Training's part under each finding in the learning panel (FINDING_PARTS): the courses that
answer it, with who attended from the agencies the source's recommendations name, hand-counted
on the data set of test_analysis_findings (see its docstring)."""

import pytest

from partnership import extensions as ext
from tests.factories import FindingFactory, RecommendationFactory
from tests.queries import capturing
from training.finding_parts import HEADING, finding_parts

from .factories import AttendeeFactory, CourseFactory, SessionFactory, at
from .test_analysis_findings import learning

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]


def test_training_registers_its_part():
    assert finding_parts in ext.registered(ext.FINDING_PARTS)


def test_the_panel_shows_the_courses_answering_each_finding(world, client_for):
    data = learning(world)
    page = client_for(world.business_unit).get(data.finding.source.get_absolute_url(), follow=True)
    content = page.content.decode().replace("&#x27;", "'")
    assert HEADING in content
    named = "(Eastmoor Health Trust, Northbrook Council Children's Services)"
    # X: A 2 attended of 3, B 1 of 1: 3 of 4 from the named; C attended, the other
    # organisation's no-show: 1 of 2 from others.
    assert f"2026/27, 3 of 4 places attended from the agencies named {named}; 1 of 2 from others" in content
    # Y: B 1 attended, 1 not marked: 1 of 2; C's no-show: 0 of 1. Its session in 10 days: nothing.
    assert f"2026/27, 1 of 2 places attended from the agencies named {named}; 0 of 1 from others" in content
    # W, 2025's: A attended.
    assert f"2025/26, 1 of 1 place attended from the agencies named {named}; 0 of 0 from others" in content
    # Newest year first, then by title (the database's collation passes over the colon).
    assert content.index("Neglect and domestic abuse") < content.index("Neglect: cumulative harm")
    assert content.index("Neglect: cumulative harm") < content.index("Neglect 2025")


def test_an_agency_lead_sees_their_own_staff_and_others_see_no_training(world, client_for):
    data = learning(world)
    url = data.finding.source.get_absolute_url()
    lead = client_for(world.agency_lead).get(url, follow=True).content.decode().replace("&#x27;", "'")
    # Only A's staff: on X 2 of 3, nobody else's.
    assert "2026/27, your agency's staff: 2 of 3 places attended from the agencies named" in lead
    assert "; 0 of 0 from others" in lead
    lay = client_for(world.lay_member).get(url, follow=True).content.decode()
    assert "Neglect not recognised" in lay and HEADING not in lay


def test_the_part_costs_the_same_queries_whatever_the_number_of_findings(world):
    data = learning(world)
    user = world.business_unit
    finding_parts(user, [data.finding], today=at(0).date())  # the person's roles, read once
    with capturing() as small:
        parts = finding_parts(user, [data.finding], today=at(0).date())
    assert [r.label for r in parts[data.finding.pk].rows] == [
        "Neglect and domestic abuse",
        "Neglect: cumulative harm",
        "Neglect 2025",
    ]
    findings = [data.finding]
    for n in range(5):
        more = FindingFactory(source=data.finding.source, title=f"More {n}")
        RecommendationFactory(source=FindingFactory().source).agencies.set([data.c])
        course = CourseFactory(programme=data.x.programme)
        course.findings.add(more)
        AttendeeFactory(session=SessionFactory(course=course, starts_at=at(-5)), attended=True)
        findings.append(more)
    with capturing() as large:
        parts = finding_parts(user, findings, today=at(0).date())
    assert len(parts) == 6
    assert len(large) == len(small) <= 3
