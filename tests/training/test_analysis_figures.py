"""The training analysis's figures, checked against a small data set computed by hand.

`build_data()` makes the data set; the other analysis test modules reuse it. Every expected
number below is written out by hand with its arithmetic in a comment, never computed by the
code under test.
"""

import datetime
from dataclasses import dataclass

import pytest
from django.utils import timezone

from partnership.models import Theme
from tests.factories import ActionFactory, AgencyFactory, FindingFactory, ThemeFactory
from tests.queries import capturing
from tests.training.factories import (
    AttendeeFactory,
    CourseFactory,
    CoverageReturnFactory,
    EvaluationFactory,
    FollowUpFactory,
    LearningOutcomeFactory,
    OutcomeConfidenceFactory,
    ProgrammeFactory,
    SessionFactory,
)
from training.analysis.summary import training_summary
from training.models import Attendee, FollowUp, programme_year_of

pytestmark = pytest.mark.django_db

# The analysis is run as of this moment: "today" in the brief.
NOW = timezone.make_aware(datetime.datetime(2026, 11, 30, 12, 0))
P, M = FollowUp.Respondent.PARTICIPANT, FollowUp.Respondent.MANAGER


def at(month: int, day: int, year: int = 2026) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(year, month, day, 9, 30))


@dataclass
class Data:
    a: object  # agency A (world.agency), the agency lead's
    b: object  # agency B (world.other_agency)
    x: object  # course X, level 1, outcomes X1 and X2
    y: object  # course Y, level 2, outcome Y1
    z: object  # course Z, level 3, never delivered
    action: object
    finding: object
    theme: object


def person(session, agency, *, attended, rating=None, confidences=(), sampled=False, answers=(), **kw):
    """An attendee with their evaluation (rating and (outcome, before, after) confidences) and
    follow-up answers ((respondent, practice_changed, example))."""
    attendee = AttendeeFactory(
        session=session, agency=agency, attended=attended, follow_up_sampled=sampled, **kw
    )
    if rating is not None:
        evaluation = EvaluationFactory(attendee=attendee, overall_rating=rating)
        for outcome, before, after in confidences:
            OutcomeConfidenceFactory(evaluation=evaluation, outcome=outcome, before=before, after=after)
    made = []
    for respondent, changed, example in answers:
        made.append(
            FollowUpFactory(
                attendee=attendee, respondent=respondent, practice_changed=changed, example=example
            )
        )
    return attendee, made


def build_data(world) -> Data:
    """The hand-computed data set (see the module's tests for every figure it gives).

    Programme 2026: course X (level 1; outcomes X1, X2), Y (level 2; outcome Y1), Z (level 3, no
    sessions). Agencies A and B, and one person from another organisation. Also things that
    must NOT count: a waiting and a cancelled place, a future session, a cancelled session, a
    2025 course, a 2025 coverage return.
    """
    a, b = world.agency, world.other_agency
    programme = ProgrammeFactory(year=2026)
    x = CourseFactory(programme=programme, title="X: Safeguarding awareness", level=1)
    y = CourseFactory(programme=programme, title="Y: Neglect and the graded care profile", level=2)
    z = CourseFactory(programme=programme, title="Z: Specialist child interviewing", level=3)
    x1 = LearningOutcomeFactory(course=x, number=1, text="Recognise signs of neglect")
    x2 = LearningOutcomeFactory(course=x, number=2, text="Know how to make a referral")
    y1 = LearningOutcomeFactory(course=y, number=1, text="Use the graded care profile")
    theme = Theme.objects.get(name="Voice of the child")  # one of the default themes
    action = ActionFactory(owner_agency=b, description="Ask every child for their view")
    finding = FindingFactory(title="Children's views were not recorded")

    x_s1 = SessionFactory(course=x, starts_at=at(6, 10), ends_at=at(6, 10) + datetime.timedelta(hours=3))
    _a1, a1_answers = person(x_s1, a, attended=True, rating=5, confidences=[(x1, 2, 4), (x2, 3, 4)], sampled=True,
                             answers=[(P, "yes", "I now ask the child directly."), (M, "yes", "Her records quote the child.")])  # fmt: skip
    person(x_s1, a, attended=True, rating=3, confidences=[(x1, 1, 3), (x2, 2, 2)], sampled=True,
           answers=[(P, "partly", ""), (M, "no", "")])  # fmt: skip
    person(x_s1, b, attended=True, sampled=True, answers=[(P, "no", ""), (M, "no", "")])
    person(x_s1, b, attended=False)
    person(x_s1, a, attended=None, status=Attendee.Status.WAITING)
    person(x_s1, a, attended=True, status=Attendee.Status.CANCELLED)
    a1_answers[0].themes.set([theme])
    a1_answers[0].action = action
    a1_answers[0].finding = finding
    a1_answers[0].save()

    x_s2 = SessionFactory(course=x, starts_at=at(7, 1), ends_at=at(7, 1) + datetime.timedelta(hours=3))
    person(x_s2, b, attended=True, rating=4, confidences=[(x1, 3, 5)])
    person(x_s2, None, attended=True, organisation="St Anne's Nursery")
    person(x_s2, a, attended=None)

    y_s1 = SessionFactory(course=y, starts_at=at(9, 15), ends_at=at(9, 15) + datetime.timedelta(hours=3))
    person(y_s1, a, attended=True, rating=2, confidences=[(y1, 2, 3)], sampled=True,
           answers=[(P, "yes", "I used the graded care profile at a home visit."), (M, "not_sure", "")])  # fmt: skip
    person(y_s1, b, attended=False)
    person(y_s1, b, attended=True, sampled=True, answers=[(P, "not_sure", "")])
    future = SessionFactory(course=y, starts_at=at(12, 10), ends_at=at(12, 10) + datetime.timedelta(hours=3))
    person(future, a, attended=None)
    cancelled = SessionFactory(course=y, starts_at=at(8, 1), ends_at=at(8, 1) + datetime.timedelta(hours=3),
                               status="cancelled")  # fmt: skip
    person(cancelled, a, attended=True, rating=1)

    old = CourseFactory(programme=ProgrammeFactory(year=2025), title="W: Last year's course", level=1)
    old_session = SessionFactory(course=old, starts_at=at(6, 1, 2025), ends_at=at(6, 1, 2025))
    person(
        old_session, a, attended=True, rating=1, sampled=True, answers=[(P, "yes", "Last year's example.")]
    )

    CoverageReturnFactory(agency=a, year=2026, level=1, staff_in_scope=200, staff_trained=150)
    CoverageReturnFactory(agency=a, year=2026, level=2, staff_in_scope=50, staff_trained=20)
    CoverageReturnFactory(agency=b, year=2026, level=1, staff_in_scope=100, staff_trained=90)
    CoverageReturnFactory(agency=b, year=2026, level=3, staff_in_scope=8, staff_trained=2)
    CoverageReturnFactory(agency=a, year=2025, level=1, staff_in_scope=999, staff_trained=1)
    return Data(a=a, b=b, x=x, y=y, z=z, action=action, finding=finding, theme=theme)


def summary(**kwargs):
    return training_summary(2026, as_of=NOW, **kwargs)


def row(rows, key):
    return next(r for r in rows if r.key == key).figures


# --- the figures of the whole year -------------------------------------------------------------


def test_overall_attendance_and_evaluation(world):
    build_data(world)
    f = summary().overall
    # Sessions delivered: X on 10/6 and 1/7, Y on 15/9 = 3 (Y's future and cancelled ones are not).
    assert f.sessions_delivered == 3
    # Confirmed places on them: X 4 + 3, Y 3 = 10 (waiting and cancelled places are not).
    assert f.places_booked == 10
    # Attended: X a1 a2 a3 b1 b2 = 5, Y c1 c3 = 2, so 7; no-shows X 1 + Y 1 = 2; not marked 1.
    assert (f.attended, f.no_shows, f.not_marked) == (7, 2, 1)
    # Attendance rate: 7 / (7 + 2) = 77.77… -> 77.8%; no-shows 2 / 9 = 22.2%.
    assert f.attendance_rate == 77.8
    assert f.no_show_rate == 22.2
    # Evaluations: a1, a2, b1, c1 = 4 of 7 attended = 57.14… -> 57.1%.
    assert f.evaluations == 4
    assert f.evaluation_rate == 57.1
    # Mean rating: (5 + 3 + 4 + 2) / 4 = 3.5.
    assert f.mean_rating == 3.5


def test_overall_confidence(world):
    build_data(world)
    f = summary().overall
    # Answers: a1 X1 2->4, a1 X2 3->4, a2 X1 1->3, a2 X2 2->2, b1 X1 3->5, c1 Y1 2->3 = 6.
    assert f.confidence_answers == 6
    # Before: (2 + 3 + 1 + 2 + 3 + 2) / 6 = 13 / 6 = 2.1666… -> 2.17.
    assert f.confidence_before == 2.17
    # After: (4 + 4 + 3 + 2 + 5 + 3) / 6 = 21 / 6 = 3.5.
    assert f.confidence_after == 3.5
    # Shift: (21 - 13) / 6 = 1.333… -> 1.33.
    assert f.confidence_shift == 1.33


def test_overall_follow_up(world):
    build_data(world)
    f = summary().overall
    # Sampled (and attended): a1, a2, a3, c1, c3 = 5.
    assert f.sampled == 5
    # Participants answered: a1 yes, a2 partly, a3 no, c1 yes, c3 not sure = 5 of 5 = 100%.
    assert (f.participant_answers, f.participant_rate) == (5, 100.0)
    # Changed practice (yes or partly): a1, a2, c1 = 3 of 5 = 60%.
    assert (f.participant_changed, f.participant_changed_share) == (3, 60.0)
    # Managers answered: a1 yes, a2 no, a3 no, c1 not sure = 4 of 5 = 80%.
    assert (f.manager_answers, f.manager_rate) == (4, 80.0)
    # Managers seeing change: a1 = 1 of 4 = 25%.
    assert (f.manager_changed, f.manager_changed_share) == (1, 25.0)
    # Pairs where both said yes/partly/no: a1 (yes, yes), a2 (partly, no), a3 (no, no) = 3
    # (c1's manager could not say; c3 has no manager answer). Agreeing: a1, a3 = 2 of 3 = 66.7%.
    assert (f.pairs, f.pairs_agreeing, f.agreement_rate) == (3, 2, 66.7)
    # Impact examples: a1's participant and manager, c1's participant = 3 (2025's is not counted).
    assert f.impact_examples == 3


# --- per course, level and agency --------------------------------------------------------------


def test_per_course(world):
    d = build_data(world)
    s = summary()
    assert [r.label for r in s.by_course] == [d.x.title, d.y.title, d.z.title]  # by level, then title
    x = row(s.by_course, d.x.pk)
    # X: 2 sessions; places 4 + 3 = 7; attended 5, no-shows 1, not marked 1; 5 / 6 = 83.3%.
    assert (x.sessions_delivered, x.places_booked, x.attended, x.no_shows, x.not_marked) == (2, 7, 5, 1, 1)
    assert x.attendance_rate == 83.3
    # Evaluations a1, a2, b1 = 3 of 5 = 60%; mean (5 + 3 + 4) / 3 = 4.0.
    assert (x.evaluation_rate, x.mean_rating) == (60.0, 4.0)
    # Confidence: 5 answers, before 11 / 5 = 2.2, after 18 / 5 = 3.6, shift 7 / 5 = 1.4.
    assert (x.confidence_before, x.confidence_after, x.confidence_shift) == (2.2, 3.6, 1.4)
    # Follow-up: sampled 3; participants 3/3 = 100%, changed 2/3 = 66.7%; managers 3/3 = 100%,
    # seeing change 1/3 = 33.3%; pairs 3, agreeing 2 = 66.7%; examples 2 (a1's two).
    assert (x.sampled, x.participant_rate, x.participant_changed_share) == (3, 100.0, 66.7)
    assert (x.manager_rate, x.manager_changed_share, x.agreement_rate) == (100.0, 33.3, 66.7)
    assert x.impact_examples == 2

    y = row(s.by_course, d.y.pk)
    # Y: 1 session; places 3; attended 2, no-shows 1; 2 / 3 = 66.7%.
    assert (y.sessions_delivered, y.places_booked, y.attended, y.no_shows) == (1, 3, 2, 1)
    assert y.attendance_rate == 66.7
    # Evaluations c1 = 1 of 2 = 50%, mean 2.0; confidence 2 -> 3, shift 1.0.
    assert (y.evaluation_rate, y.mean_rating) == (50.0, 2.0)
    assert (y.confidence_before, y.confidence_after, y.confidence_shift) == (2.0, 3.0, 1.0)
    # Sampled 2; participants 2/2 = 100%, changed 1/2 = 50%; managers 1/2 = 50%, seeing change
    # 0/1 = 0%; no pairs (c1's manager could not say, c3's did not answer): no agreement rate.
    assert (y.participant_rate, y.participant_changed_share, y.manager_rate) == (100.0, 50.0, 50.0)
    assert (y.manager_changed_share, y.pairs, y.agreement_rate) == (0.0, 0, None)

    z = row(s.by_course, d.z.pk)
    # Z was never delivered: zeros, and no rates rather than 0%.
    assert (z.sessions_delivered, z.places_booked, z.attendance_rate, z.mean_rating) == (0, 0, None, None)


def test_per_level(world):
    build_data(world)
    s = summary()
    assert [r.key for r in s.by_level] == [1, 2, 3]
    # Level 1 is course X, level 2 course Y, level 3 course Z (never delivered).
    assert (row(s.by_level, 1).places_booked, row(s.by_level, 1).attendance_rate) == (7, 83.3)
    assert (row(s.by_level, 2).places_booked, row(s.by_level, 2).mean_rating) == (3, 2.0)
    assert (row(s.by_level, 3).sessions_delivered, row(s.by_level, 3).places_booked) == (0, 0)


def test_per_agency(world):
    d = build_data(world)
    s = summary()
    assert [r.label for r in s.by_agency] == [d.b.name, d.a.name, "Other organisations"]  # by name
    a = row(s.by_agency, d.a.pk)
    # A: places a1, a2 (X 10/6), b3 (X 1/7), c1 (Y) = 4; attended a1, a2, c1 = 3; no-shows 0;
    # not marked b3 = 1; 3 / 3 = 100%. Sessions its staff attended: X 10/6 and Y 15/9 = 2.
    assert (a.places_booked, a.attended, a.no_shows, a.not_marked, a.attendance_rate) == (4, 3, 0, 1, 100.0)
    assert a.sessions_delivered == 2
    # Evaluations 3 of 3 = 100%; mean (5 + 3 + 2) / 3 = 3.333… -> 3.33.
    assert (a.evaluation_rate, a.mean_rating) == (100.0, 3.33)
    # Confidence: 5 answers, before (2 + 3 + 1 + 2 + 2) / 5 = 2.0, after (4 + 4 + 3 + 2 + 3) / 5
    # = 3.2, shift 6 / 5 = 1.2.
    assert (a.confidence_before, a.confidence_after, a.confidence_shift) == (2.0, 3.2, 1.2)
    # Sampled a1, a2, c1 = 3; participants 3/3, changed 3/3 = 100%; managers a1, a2, c1 = 3/3,
    # seeing change a1 = 1/3 = 33.3%; pairs a1 (agree), a2 (disagree) = 1/2 = 50%; examples 3.
    assert (a.participant_rate, a.participant_changed_share, a.manager_changed_share) == (100.0, 100.0, 33.3)
    assert (a.pairs, a.agreement_rate, a.impact_examples) == (2, 50.0, 3)

    b = row(s.by_agency, d.b.pk)
    # B: places a3, a4, b1, c2, c3 = 5; attended a3, b1, c3 = 3; no-shows a4, c2 = 2; 3/5 = 60%.
    # Sessions its staff attended: X 10/6, X 1/7, Y 15/9 = 3.
    assert (b.places_booked, b.attended, b.no_shows, b.attendance_rate, b.sessions_delivered) == (
        5,
        3,
        2,
        60.0,
        3,
    )
    # Evaluations b1 = 1 of 3 = 33.3%, mean 4.0; confidence 3 -> 5, shift 2.0.
    assert (b.evaluation_rate, b.mean_rating, b.confidence_shift) == (33.3, 4.0, 2.0)
    # Sampled a3, c3 = 2; participants 2/2 = 100%, changed 0/2 = 0%; managers a3 = 1/2 = 50%,
    # seeing change 0%; pairs a3 (no, no) agree = 1/1 = 100%.
    assert (b.participant_rate, b.participant_changed_share, b.manager_rate) == (100.0, 0.0, 50.0)
    assert (b.pairs, b.agreement_rate) == (1, 100.0)

    other = row(s.by_agency, None)
    # The nursery practitioner: 1 place, attended, no evaluation (0 of 1 = 0%), no mean.
    assert (other.places_booked, other.attendance_rate, other.evaluation_rate, other.mean_rating) == (
        1,
        100.0,
        0.0,
        None,
    )


def test_per_outcome(world):
    d = build_data(world)
    outcomes = {(o.course_id, o.number): o for o in summary().outcomes}
    x1, x2, y1 = outcomes[(d.x.pk, 1)], outcomes[(d.x.pk, 2)], outcomes[(d.y.pk, 1)]
    # X1: a1 2->4, a2 1->3, b1 3->5: before 6/3 = 2.0, after 12/3 = 4.0, shift 2.0.
    assert (x1.answers, x1.before, x1.after, x1.shift) == (3, 2.0, 4.0, 2.0)
    # X2: a1 3->4, a2 2->2: before 5/2 = 2.5, after 6/2 = 3.0, shift 0.5.
    assert (x2.answers, x2.before, x2.after, x2.shift) == (2, 2.5, 3.0, 0.5)
    # Y1: c1 2->3 (the cancelled session's evaluation has no confidences and is not counted).
    assert (y1.answers, y1.before, y1.after, y1.shift) == (1, 2.0, 3.0, 1.0)


def test_impact_examples_with_themes_and_links(world):
    d = build_data(world)
    examples = summary(user=world.business_unit).impact_examples
    # Newest first: c1's (made last), then a1's manager's and participant's.
    assert [e.example for e in examples] == [
        "I used the graded care profile at a home visit.",
        "Her records quote the child.",
        "I now ask the child directly.",
    ]
    tagged = examples[2]
    assert (tagged.respondent, tagged.practice_changed, tagged.agency, tagged.course) == (
        "Participant", "Yes", d.a.name, d.x.title
    )  # fmt: skip
    assert tagged.themes == ["Voice of the child"]
    assert tagged.action[1] == "Ask every child for their view"
    assert tagged.finding[1] == "Children's views were not recorded"
    assert tagged.finding[2].endswith(f"#finding-{d.finding.pk}")


def test_coverage_per_agency(world):
    d = build_data(world)
    s = summary()
    rows = {r.agency_id: r for r in s.coverage}
    assert list(rows) == [d.b.pk, d.a.pk]  # by agency name; the 2025 return is not shown
    a, b = rows[d.a.pk], rows[d.b.pk]
    # A: level 1 150/200 = 75%, level 2 20/50 = 40%, no level 3 return; total 170/250 = 68%.
    assert (a.levels[1].percent, a.levels[2].percent, a.levels[3].returned) == (75.0, 40.0, False)
    assert (a.total.trained, a.total.in_scope, a.total.percent) == (170, 250, 68.0)
    # B: level 1 90/100 = 90%, level 3 2/8 = 25%; total 92/108 = 85.18… -> 85.2%.
    assert (b.levels[1].percent, b.levels[3].percent, b.total.percent) == (90.0, 25.0, 85.2)
    total = s.coverage_total
    # Level 1 240/300 = 80%, level 2 20/50 = 40%, level 3 2/8 = 25%; all 262/358 = 73.18… -> 73.2%.
    assert (total.levels[1].percent, total.levels[2].percent, total.levels[3].percent) == (80.0, 40.0, 25.0)
    assert total.total.percent == 73.2


# --- filters -----------------------------------------------------------------------------------


def test_filter_by_course_level_and_agency(world):
    d = build_data(world)
    # One course: the year's figures are course X's.
    by_course = summary(course=d.x).overall
    assert (by_course.sessions_delivered, by_course.places_booked, by_course.attendance_rate) == (2, 7, 83.3)
    # Level 2: course Y only; coverage shows level 2 only (A's 20/50).
    level2 = summary(level=2)
    assert [r.key for r in level2.by_course] == [d.y.pk]
    assert [r.key for r in level2.by_level] == [2]
    assert (level2.overall.places_booked, level2.overall.mean_rating) == (3, 2.0)
    assert [(r.agency_id, r.levels[2].percent) for r in level2.coverage] == [(d.a.pk, 40.0)]
    # Agency B: B's figures; sessions are those B's staff attended (3).
    agency_b = summary(agency=d.b).overall
    assert (agency_b.sessions_delivered, agency_b.places_booked, agency_b.attendance_rate) == (3, 5, 60.0)
    # Agency A and course X: sessions X 10/6 only (A's b3 on 1/7 was not marked); places 3.
    a_x = summary(agency=d.a, course=d.x).overall
    assert (a_x.sessions_delivered, a_x.places_booked, a_x.attended) == (1, 3, 2)


def test_a_year_without_a_programme_is_empty(world):
    build_data(world)
    s = training_summary(2030, as_of=NOW)
    assert s.programme is None
    assert (s.overall.places_booked, s.by_course, s.coverage) == (0, [], [])


def test_programme_year_of():
    # April to March: 31/3/2027 is in 2026/27, 1/4/2027 in 2027/28.
    assert programme_year_of(datetime.date(2027, 3, 31)) == 2026
    assert programme_year_of(datetime.date(2027, 4, 1)) == 2027


def test_as_dict_is_plain(world):
    d = build_data(world)
    data = summary().as_dict()
    assert data["year_label"] == "2026/27"
    assert data["overall"]["attendance_rate"] == 77.8
    assert data["by_course"][0]["label"] == d.x.title
    assert data["coverage_total"]["total"]["percent"] == 73.2


# --- cost --------------------------------------------------------------------------------------


def add_more(world, n: int) -> None:
    """More of everything: courses, outcomes, sessions, agencies, places, answers, examples."""
    programme = ProgrammeFactory(year=2026)
    theme = ThemeFactory()
    for i in range(n):
        agency = AgencyFactory()
        course = CourseFactory(programme=programme, level=1 + i % 3)
        outcome = LearningOutcomeFactory(course=course, number=1)
        session = SessionFactory(course=course, starts_at=at(5, 1 + i), ends_at=at(5, 1 + i))
        for _j in range(3):
            _attendee, answers = person(
                session, agency, attended=True, rating=4, confidences=[(outcome, 2, 4)], sampled=True,
                answers=[(P, "yes", "An example."), (M, "partly", "Another.")],
            )  # fmt: skip
            answers[0].themes.set([theme])
            answers[0].action = ActionFactory()
            answers[0].finding = FindingFactory()
            answers[0].save()
        CoverageReturnFactory(agency=agency, year=2026, level=1)


@pytest.mark.parametrize("user_role", ["business_unit", "agency_lead", "subgroup_member"])
def test_query_count_does_not_grow_with_the_data(world, user_role):
    build_data(world)
    user = getattr(world, user_role)
    with capturing() as small:
        summary(user=user)
    add_more(world, 6)
    user = type(user).objects.get(pk=user.pk)  # no cached roles
    with capturing() as large:
        summary(user=user)
    assert len(large) == len(small)
    assert len(small) <= 14
