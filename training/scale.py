"""Training's part of `seed_scale` (see partnership/scale.py): three years' programmes, 60
courses (scaled) with their learning outcomes, 5,000 sessions (scaled) over the last three
years and the next few months, 100,000 places (twenty a session) drawn from a pool of 30,000
practitioners, attendance marked for past sessions, evaluations with confidence before and after
for most who attended, three-month follow-ups from a sample, and agencies' coverage returns.

Made with `bulk_create`, so without history rows: synthetic data for measuring speed only.
"""

from datetime import datetime, time, timedelta

from django.utils import timezone

from partnership.scale import Scale, bulk_sources

from .models import (
    Attendee,
    AttendeeStatus,
    Change,
    Course,
    CoverageReturn,
    Evaluation,
    FollowUp,
    ImpactAnalysis,
    LearningOutcome,
    Level,
    OutcomeConfidence,
    Programme,
    Respondent,
    Session,
    programme_year_of,
)
from .services.analysis import refresh_analysis_summary

PLACES = 20
OUTCOMES = 3
POOL = 30_000


def seed(rng, stdout, factor: float = 1.0) -> None:
    s = Scale.load(factor)
    this_year = programme_year_of(s.today)
    subgroup = s.subgroups["Training and Workforce"]
    programmes = [
        Programme.objects.get_or_create(
            year=year, defaults={"title": f"Training programme {year}", "subgroup": subgroup}
        )[0]
        for year in (this_year - 2, this_year - 1, this_year)
    ]
    courses = Course.objects.bulk_create(
        Course(
            programme=programmes[i % 3],
            title=f"Scale course {i}: {rng.choice(s.themes).name.removeprefix('Scale ')}",
            level=Level.values[i % 3],
            follow_up_sample_percent=20,
        )
        for i in range(1, s.n(60, minimum=3) + 1)
    )
    Course.themes.through.objects.bulk_create(
        Course.themes.through(course_id=c.pk, theme_id=rng.choice(s.themes).pk) for c in courses
    )
    outcomes = LearningOutcome.objects.bulk_create(
        LearningOutcome(course=c, number=n, text=f"Participants can explain key point {n}.")
        for c in courses
        for n in range(1, OUTCOMES + 1)
    )
    outcomes_by_course: dict[int, list] = {}
    for o in outcomes:
        outcomes_by_course.setdefault(o.course_id, []).append(o)
    tz = timezone.get_current_timezone()
    sessions = []
    for _ in range(s.n(5000)):
        day = s.today + timedelta(days=rng.randint(-1095, 90))
        starts = datetime.combine(day, time(rng.choice((9, 10, 13))), tzinfo=tz)
        sessions.append(
            Session(
                course=rng.choice(courses),
                starts_at=starts,
                ends_at=starts + timedelta(hours=3),
                online=rng.random() < 0.4,
                venue="Scale conference centre",
                capacity=PLACES + 5,
                trainer="Scale trainer",
            )
        )
    sessions = Session.objects.bulk_create(sessions, batch_size=2000)
    now = timezone.now()
    sample_before = now - timedelta(days=120)
    attendees = []
    for session in sessions:
        past = session.starts_at < now
        for k in rng.sample(range(POOL), PLACES):
            agency = s.agencies[k % len(s.agencies)]
            attended = (rng.random() < 0.9) if past else None
            attendees.append(
                Attendee(
                    session=session,
                    name=f"Practitioner {k}",
                    email=f"practitioner{k}@{agency.short_name.lower()}.scale.example",
                    agency=agency,
                    job_role="Social worker",
                    manager_name=f"Manager {k % 500}",
                    manager_email=f"manager{k % 500}@{agency.short_name.lower()}.scale.example",
                    status=AttendeeStatus.BOOKED,
                    attended=attended,
                    follow_up_sampled=bool(attended)
                    and session.starts_at < sample_before
                    and rng.random() < 0.2,
                    booked_at=session.starts_at - timedelta(days=20),
                )
            )
    Session.objects.filter(pk__in=[x.pk for x in sessions if x.starts_at < sample_before]).update(
        follow_up_sampled_at=now
    )
    attendees = Attendee.objects.bulk_create(attendees, batch_size=5000)
    evaluations, course_of = [], {x.pk: x.course_id for x in sessions}
    for a in attendees:
        if a.attended and rng.random() < 0.6:
            evaluations.append(
                Evaluation(
                    attendee=a,
                    overall_rating=rng.choice((3, 4, 4, 5, 5)),
                    will_do_differently="Ask the child directly and record their words.",
                    submitted_at=a.booked_at + timedelta(days=21),
                )
            )
    evaluations = Evaluation.objects.bulk_create(evaluations, batch_size=5000)
    OutcomeConfidence.objects.bulk_create(
        (
            OutcomeConfidence(
                evaluation=e, outcome=o, before=(b := rng.randint(1, 3)), after=min(5, b + rng.randint(0, 2))
            )
            for e in evaluations
            for o in outcomes_by_course[course_of[e.attendee.session_id]]
        ),
        batch_size=10000,
    )
    follow_ups = FollowUp.objects.bulk_create(
        (
            FollowUp(
                attendee=a,
                respondent=Respondent.PARTICIPANT,
                practice_changed=rng.choice(Change.values),
                how="I now check the chronology before every visit.",
                submitted_at=a.booked_at + timedelta(days=110),
            )
            for a in attendees
            if a.follow_up_sampled and rng.random() < 0.5
        ),
        batch_size=5000,
    )
    CoverageReturn.objects.bulk_create(
        CoverageReturn(
            agency=a,
            year=year,
            level=level,
            staff_in_scope=(n := rng.randint(50, 2000)),
            staff_trained=rng.randint(n // 2, n),
            updated_by=s.leads[a.pk],
        )
        for a in s.agencies
        for year in (this_year - 1, this_year)
        for level in Level.values
    )
    bulk_sources(
        ImpactAnalysis,
        [
            ImpactAnalysis(
                programme=programmes[1],
                title="Scale training impact analysis",
                reported_on=s.today - timedelta(days=60),
            )
        ],
    )
    for programme in programmes:  # the analysis page reads stored figures, as in production
        refresh_analysis_summary(programme.year)
    stdout.write(
        f"  training: {len(sessions)} sessions, {len(attendees)} places, {len(evaluations)} evaluations, "
        f"{len(follow_ups)} follow-ups"
    )
