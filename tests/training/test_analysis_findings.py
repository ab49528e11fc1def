"""Training against the learning: courses record the findings they answer, and the analysis
"by theme" and "by finding" (training/analysis/findings.py), hand-counted.

The data set (`learning`), as of the frozen today (30 November 2026), programme year 2026:
- Source S (open learning) with finding F ("Neglect not recognised"); its recommendations
  name agencies A (world.agency) and B (world.other_agency), A twice. Agency C is not named.
- Courses answering F: X (theme Neglect) and Y (themes Neglect and Domestic abuse); course Z
  (no theme) does not answer it; course W of the 2025 programme answers it (another year).
- X's session, 60 days ago: A attended twice and no-show once, A waiting (not a place), B
  attended, C attended, someone from another organisation no-show.
- Y's session, 30 days ago: B attended, B not yet marked, C no-show. Y's session in 10 days:
  A booked (not delivered). Z's and W's sessions: A attended (not F's courses in 2026).
- Three months on (from those who attended): on X, A1 participant "yes" (linked to F), A1's
  manager "no", B participant "partly", C participant "not able to say"; on Y, B's manager "yes";
  on Z, A participant "yes" (not F's).
"""

import csv
import io
from dataclasses import dataclass

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from partnership.models import LearningSource, Theme
from tests.factories import AgencyFactory, FindingFactory, RecommendationFactory, ThemeFactory
from tests.queries import capturing
from training.analysis.findings import findings_analysis
from training.analysis.summary import training_summary
from training.models import Attendee, Course, FollowUp

from .factories import AttendeeFactory, CourseFactory, FollowUpFactory, ProgrammeFactory, SessionFactory, at

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]
P, M = FollowUp.Respondent.PARTICIPANT, FollowUp.Respondent.MANAGER
FINDINGS = reverse("training:analysis-findings")
EXPORT = reverse("training:analysis-findings-export")


@dataclass
class Learning:
    finding: object
    x: object
    y: object
    z: object
    c: object
    linked: object  # the impact example linked to F


def place(session, agency, attended, **kw):
    return AttendeeFactory(session=session, agency=agency, attended=attended, **kw)


def learning(world) -> Learning:
    a, b, c = world.agency, world.other_agency, AgencyFactory(name="Cedar Academy Trust")
    finding = FindingFactory(title="Neglect not recognised")
    source = finding.source
    RecommendationFactory(source=source).agencies.set([a, b])
    RecommendationFactory(source=source).agencies.set([a])
    programme = ProgrammeFactory(year=2026, subgroup=world.subgroup)
    neglect = Theme.objects.get(name="Neglect")
    abuse = ThemeFactory(name="Domestic abuse (test)")
    x = CourseFactory(programme=programme, title="Neglect: cumulative harm", level=2)
    y = CourseFactory(programme=programme, title="Neglect and domestic abuse", level=3)
    z = CourseFactory(programme=programme, title="Online safety", level=1)
    w = CourseFactory(programme=ProgrammeFactory(year=2025), title="Neglect 2025")
    x.themes.set([neglect])
    y.themes.set([neglect, abuse])
    for course in (x, y, w):
        course.findings.add(finding)

    sx = SessionFactory(course=x, starts_at=at(-60))
    a1 = place(sx, a, True, follow_up_sampled=True)
    place(sx, a, True)
    place(sx, a, False)
    place(sx, a, None, status=Attendee.Status.WAITING)
    bx = place(sx, b, True, follow_up_sampled=True)
    cx = place(sx, c, True, follow_up_sampled=True)
    place(sx, None, False, organisation="Northbrook Dental Practice")
    sy = SessionFactory(course=y, starts_at=at(-30))
    by = place(sy, b, True, follow_up_sampled=True)
    place(sy, b, None)
    place(sy, c, False)
    place(SessionFactory(course=y, starts_at=at(10)), a, None)
    az = place(SessionFactory(course=z, starts_at=at(-50)), a, True, follow_up_sampled=True)
    place(SessionFactory(course=w, starts_at=at(-400)), a, True)

    linked = FollowUpFactory(attendee=a1, respondent=P, practice_changed="yes", finding=finding,
                             example="I now look at the history, not the incident.")  # fmt: skip
    FollowUpFactory(attendee=a1, respondent=M, practice_changed="no", example="")
    FollowUpFactory(attendee=bx, respondent=P, practice_changed="partly")
    FollowUpFactory(attendee=cx, respondent=P, practice_changed="not_sure")
    FollowUpFactory(attendee=by, respondent=M, practice_changed="yes")
    FollowUpFactory(attendee=az, respondent=P, practice_changed="yes")
    return Learning(finding=finding, x=x, y=y, z=z, c=c, linked=linked)


def test_by_finding_counts_the_named_agencies_and_the_others(world):
    data = learning(world)
    (row,) = findings_analysis(2026, user=world.business_unit)
    assert (row.finding_id, row.source_id) == (data.finding.pk, data.finding.source_id)
    # X (level 2) before Y (level 3); Z answers nothing, W is another year's.
    assert [c.title for c in row.courses] == ["Neglect: cumulative harm", "Neglect and domestic abuse"]
    named = {line.label: (line.places, line.attended, line.no_shows) for line in row.named}
    # A: on X, 2 attended + 1 no-show (the waiting place and Y's undelivered one do not count).
    # B: on X, 1 attended; on Y, 1 attended + 1 not yet marked: 3 places, 2 attended.
    assert named == {world.agency.name: (3, 2, 1), world.other_agency.name: (3, 2, 0)}
    # Named in all: 6 places, 4 attended, 1 no-show: 4 of 5 marked = 80.0%.
    total = row.named_total
    assert (total.places, total.attended, total.attendance_rate) == (6, 4, 80.0)
    # Others: C attended on X and no-show on Y; the other organisation's no-show on X:
    # 3 places, 1 attended, 2 no-shows: 1 of 3 = 33.3%.
    assert (row.others.places, row.others.attended, row.others.attendance_rate) == (3, 1, 33.3)
    # Follow-ups from X and Y: yes, no, partly, not able to say, yes = 5; changed: yes, partly,
    # yes = 3, 60.0%. Z's "yes" is not F's.
    assert (row.responses, row.changed, row.changed_share) == (5, 3, 60.0)
    assert [e.follow_up_id for e in row.impact_examples] == [data.linked.pk]


def test_an_agency_lead_sees_only_their_agencys_staff(world):
    learning(world)
    (row,) = findings_analysis(2026, user=world.agency_lead)
    # Only A among the named, with A's 3 places and 2 attended; nobody else's places count.
    assert [(line.label, line.places, line.attended) for line in row.named] == [(world.agency.name, 3, 2)]
    assert (row.others.places, row.others.attended) == (0, 0)
    # A1's two answers: participant yes, manager no.
    assert (row.responses, row.changed) == (2, 1)


def test_a_confidential_reviews_finding_shows_only_to_those_who_may_see_the_review(world, client_for):
    data = learning(world)
    review = LearningSource.objects.create(kind="case_review", title="Child Q", date=at(-90).date(),
                                           confidential=True, subgroup=world.other_subgroup)  # fmt: skip
    secret = FindingFactory(source=review, title="Secret finding about Child Q")
    data.x.findings.add(secret)
    assert {r.finding_title for r in findings_analysis(2026, user=world.business_unit)} == {
        "Neglect not recognised",
        "Secret finding about Child Q",
    }
    assert [r.finding_title for r in findings_analysis(2026, user=world.agency_lead)] == [
        "Neglect not recognised"
    ]
    page = client_for(world.agency_lead).get(FINDINGS, {"year": 2026})
    assert page.status_code == 200
    assert b"Neglect not recognised" in page.content and b"Child Q" not in page.content
    export = client_for(world.agency_lead).get(EXPORT, {"year": 2026}).content.decode("utf-8-sig")
    assert "Child Q" not in export
    # Nor on the course's page.
    course_page = client_for(world.agency_lead).get(data.x.get_absolute_url())
    assert b"Neglect not recognised" in course_page.content and b"Child Q" not in course_page.content
    assert b"Secret finding" in client_for(world.business_unit).get(data.x.get_absolute_url()).content


def test_the_page_and_its_csv_show_the_same_figures(world, client_for):
    learning(world)
    client = client_for(world.business_unit)
    page = client.get(FINDINGS, {"year": 2026}).content.decode()
    assert "3 of 5 follow-up answers reported a change in practice (60.0%)" in page
    assert "80.0%" in page and "33.3%" in page
    assert "I now look at the history, not the incident." in page
    response = client.get(EXPORT, {"year": 2026})
    assert response["Content-Disposition"] == 'attachment; filename="training-by-finding-2026-27.csv"'
    header, line = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    row = dict(zip(header, line, strict=True))
    assert row["Finding"] == "Neglect not recognised"
    assert row["Courses answering it"] == "Neglect: cumulative harm; Neglect and domestic abuse"
    assert (row["Named agencies: places booked"], row["Named agencies: attended"]) == ("6", "4")
    assert row["Named agencies: attendance rate (%)"] == "80.0"
    assert (row["Others: places booked"], row["Others: attended"]) == ("3", "1")
    assert (row["Follow-up answers three months on"], row["Reporting changed practice"]) == ("5", "3")
    assert row["Impact examples linked"] == "1"


def test_the_page_says_what_to_do_when_no_course_answers_a_finding(world, client_for):
    ProgrammeFactory(year=2026, subgroup=world.subgroup)
    page = client_for(world.business_unit).get(FINDINGS, {"year": 2026}).content.decode()
    assert "No course answers a finding you can see yet" in page and "Findings it answers" in page


def test_the_cost_does_not_grow_with_the_findings(world, client_for):
    data = learning(world)
    client = client_for(world.business_unit)
    client.get(FINDINGS, {"year": 2026})
    with capturing() as small:
        assert client.get(FINDINGS, {"year": 2026}).status_code == 200
    for n in range(4):
        more = FindingFactory(title=f"More {n}")
        RecommendationFactory(source=more.source).agencies.set([data.c])
        data.y.findings.add(more)
        FollowUpFactory(attendee__session=SessionFactory(course=data.y, starts_at=at(-20)), finding=more)
    with capturing() as large:
        assert client.get(FINDINGS, {"year": 2026}).status_code == 200
    assert len(large) == len(small)


def test_by_theme_adds_up_the_courses_of_each_theme(world):
    learning(world)
    summary = training_summary(2026, user=world.business_unit)
    themes = {row.label: row.figures for row in summary.by_theme}
    assert set(themes) == {"Neglect", "Domestic abuse (test)"}  # Z has no theme
    # Neglect: X (A 2+1 no-show, B 1, C 1, other 1 no-show: 6 places, 4 attended) and Y (B 1 +
    # 1 unmarked, C 1 no-show: 3 places, 1 attended): 9 places, 5 attended, 2 sessions.
    neglect = themes["Neglect"]
    assert (neglect.sessions_delivered, neglect.places_booked, neglect.attended) == (2, 9, 5)
    # Domestic abuse: Y only. Its follow-up: B's manager said yes (1 answer, 1 changed).
    abuse = themes["Domestic abuse (test)"]
    assert (abuse.sessions_delivered, abuse.places_booked, abuse.attended, abuse.no_shows) == (1, 3, 1, 1)
    assert (abuse.manager_answers, abuse.manager_changed) == (1, 1)


def test_the_overview_shows_the_themes_and_links_to_the_findings(world, client_for):
    learning(world)
    page = client_for(world.business_unit).get(reverse("training:analysis-overview"), {"year": 2026})
    content = page.content.decode()
    assert "Attendance, reaction and learning by learning theme" in content
    assert f"{FINDINGS}?year=2026" in content
    book = load_workbook(io.BytesIO(
        client_for(world.business_unit).get(reverse("training:analysis-export"), {"year": 2026}).content
    ))  # fmt: skip
    sheet = [list(r) for r in book["By theme"].iter_rows(values_only=True)]
    # Domestic abuse: Y's 3 places, 1 attended; Neglect: X's 6 and Y's 3, 5 attended.
    assert [(r[0], r[2], r[3]) for r in sheet[1:]] == [("Domestic abuse (test)", 3, 1), ("Neglect", 9, 5)]


def test_the_course_form_saves_the_findings_it_answers(world, client_for):
    programme = ProgrammeFactory(year=2026, subgroup=world.subgroup)
    finding = FindingFactory(title="Neglect not recognised")
    strength = FindingFactory(title="Good information sharing", kind="strength")
    client = client_for(world.business_unit)
    form = client.get(reverse("training:course-create")).content.decode()
    # Labelled by source; areas for improvement only.
    assert f"{finding.source.title}: Neglect not recognised" in form
    assert "Good information sharing" not in form
    data = {"programme": programme.pk, "title": "Neglect: cumulative harm", "level": "2", "format": "workshop",
            "multi_agency": "True", "provider": "partnership", "follow_up_sample_percent": "100",
            "findings": [finding.pk]}  # fmt: skip
    response = client.post(reverse("training:course-create"), data)
    course = Course.objects.get()
    assert response.status_code == 302
    assert list(course.findings.all()) == [finding]
    assert [h.finding_id for h in course.history.first().findings.all()] == [finding.pk]
    # A finding not offered (a strength) is refused next to the field, and what was typed stays.
    refused = client.post(
        reverse("training:course-edit", args=[course.pk]), {**data, "findings": [strength.pk]}
    )
    assert refused.status_code == 200
    assert "Neglect: cumulative harm" in refused.content.decode()
    assert refused.context["form"].errors["findings"]
    # Unlinking keeps the history of the link.
    client.post(reverse("training:course-edit", args=[course.pk]), {**data, "findings": []})
    assert not course.findings.exists()
    assert course.history.first().findings.count() == 0
    assert any(h.findings.count() == 1 for h in course.history.all())  # the link's history stays
    assert b"Neglect not recognised" not in client.get(course.get_absolute_url()).content
