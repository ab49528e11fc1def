"""The demo programmes' courses: each made whole with its learning outcomes, sessions, places,
evaluations and three-month follow-ups, or skipped whole when its programme already has it.

Places and answers are bulk-created (with their history rows) from a random generator seeded by
the course's title and year, so the demo is the same every time it is made.
"""

import random
import re
from datetime import timedelta

from simple_history.utils import bulk_create_with_history

from partnership.models import Action, Finding

from ..models import (
    Attendee,
    AttendeeSource,
    AttendeeStatus,
    Course,
    Evaluation,
    FollowUp,
    LearningOutcome,
    OutcomeConfidence,
    Programme,
    Session,
)
from . import data

# Session dates, in days from today, shared out in turn among a year's courses.
LAST_YEAR_DAYS = [
    -530,
    -500,
    -470,
    -440,
    -410,
    -385,
    -360,
    -340,
    -320,
    -300,
    -290,
    -280,
    -270,
    -262,
    -256,
    -250,
]
THIS_YEAR_DAYS = [-225, -210, -195, -180, -165, -150, -135, -120, -105, -90, -70, -45, -20, -2,
                  6, 13, 20, 27, 34, 48, 62, 76, 90, 104]  # fmt: skip
FOLLOW_UP_AFTER_DAYS = 95  # sessions at least this long ago have their three-month answers in
HEALTH = ("NGH", "ECH", "NMH", "Ambulance", "ICB")
OTHER_ORGANISATIONS = ["St Anne's Nursery", "Northbrook Foster Carers' Association", "Eastmoor Scouts"]


def course_make(d, programme: Programme, spec: dict, days: list[int]) -> int:
    """A course with its outcomes, sessions, places and answers; returns the places made."""
    rng = random.Random(f"{programme.year}:{spec['title']}")
    provider = d.agencies.get(spec.get("provider", ""))
    course = Course(
        programme=programme, title=spec["title"], level=spec["level"], format=spec["format"],
        description=f"{spec['title']}: a level {spec['level']} course in the partnership's programme.",
        multi_agency=provider is None, provider="agency" if provider else "partnership", provider_agency=provider,
        requires_manager_approval=spec.get("approval", False), follow_up_sample_percent=spec.get("sample", 100),
    )  # fmt: skip
    course.save()
    course.themes.set(d.theme_list(spec["themes"]))
    outcomes = []
    for number, text in enumerate(spec["outcomes"], start=1):
        outcome = LearningOutcome(course=course, number=number, text=text)
        outcome.save()
        outcomes.append(outcome)
    pool = (
        [a for short, a in d.agencies.items() if short in HEALTH] if provider else list(d.agencies.values())
    )
    links = _links(spec.get("links", []))
    plans = []
    first_upcoming = min((o for o in days if o > 0), default=None)
    for offset in days:
        session = _session(d, rng, course, offset)
        full = offset == first_upcoming and course.level == 2  # a waiting list to promote from
        plans += _places(rng, session, offset, pool, course, full=full)
    bulk_create_with_history([p["attendee"] for p in plans], Attendee, default_user=d.bu)
    _answers(d, rng, plans, outcomes, course, links)
    return len(plans)


def _session(d, rng: random.Random, course: Course, offset: int) -> Session:
    morning = rng.random() < 0.6
    starts = d.at(offset, 9, 30) if morning else d.at(offset, 13, 30)
    online = rng.random() < 0.25
    session = Session(
        course=course, starts_at=starts, ends_at=starts + timedelta(hours=3), online=online,
        venue="Online (Microsoft Teams): the joining link is emailed the day before" if online else rng.choice(data.VENUES),
        capacity=rng.choice([20, 24, 30]), trainer=rng.choice(data.TRAINERS),
        follow_up_sampled_at=starts + timedelta(days=91) if offset <= -FOLLOW_UP_AFTER_DAYS else None,
    )  # fmt: skip
    session.save()
    return session


def _person(rng: random.Random, index: int, agency, session) -> Attendee:
    first = data.FIRST_NAMES[index % len(data.FIRST_NAMES)]
    last = data.SURNAMES[index // len(data.FIRST_NAMES) % len(data.SURNAMES)]
    domain = re.sub(r"[^a-z0-9]", "", (agency.short_name or agency.name).lower()) if agency else "community"
    manager = rng.choice(data.MANAGERS)
    return Attendee(
        session=session, name=f"{first} {last}", email=f"{first}.{last}@{domain}.example".lower(), agency=agency,
        organisation="" if agency else rng.choice(OTHER_ORGANISATIONS),
        job_role=rng.choice(data.JOB_ROLES.get(agency.sector if agency else "voluntary", ["Practitioner"])),
        manager_name=manager,
        manager_email="" if rng.random() < 0.08 else f"{manager.replace(' ', '.')}@{domain}.example".lower(),
        source=rng.choice([AttendeeSource.BOOKED_ONLINE] * 3 + [AttendeeSource.IMPORTED]),
        booked_at=session.starts_at - timedelta(days=rng.randint(5, 40), hours=rng.randint(0, 9)),
    )  # fmt: skip


def _places(
    rng: random.Random, session: Session, offset: int, pool: list, course: Course, *, full: bool
) -> list[dict]:
    """The session's list: past sessions marked (except the last two days'), with no-shows, the
    three-month follow-up sample drawn and now and then a cancelled place; upcoming sessions
    partly booked, or (`full`) full with three on the waiting list."""
    past = offset < 0
    if past:
        booked = min(session.capacity, rng.randint(10, 16))
    elif full:
        booked = session.capacity + 3
    else:
        booked = rng.randint(4, session.capacity // 2)
    people = rng.sample(range(len(data.FIRST_NAMES) * len(data.SURNAMES)), booked + 2)
    plans = []
    for n, index in enumerate(people[:booked]):
        agency = None if rng.random() < 0.04 else rng.choice(pool)
        attendee = _person(rng, index, agency, session)
        if n >= session.capacity:
            attendee.status = AttendeeStatus.WAITING
        elif not past and course.requires_manager_approval and n >= booked - 2:
            attendee.status = AttendeeStatus.AWAITING_APPROVAL
        elif past and offset <= -3:
            attendee.attended = rng.random() < 0.88
            attendee.follow_up_sampled = (
                attendee.attended
                and offset <= -FOLLOW_UP_AFTER_DAYS
                and rng.random() * 100 < course.follow_up_sample_percent
            )
        plans.append({"attendee": attendee, "offset": offset})
    if rng.random() < 0.5:  # someone who cancelled
        cancelled = _person(rng, people[booked], rng.choice(pool), session)
        cancelled.status = AttendeeStatus.CANCELLED
        plans.append({"attendee": cancelled, "offset": offset})
    return plans


def _links(links: list[tuple[str, str]]) -> list[dict]:
    """The demo's findings and actions the course's impact examples answer (missing ones skipped)."""
    found = []
    for kind, text in links:
        if kind == "finding":
            finding = Finding.objects.filter(title=text).first()
            found += [{"finding": finding}] if finding else []
        else:
            action = Action.objects.filter(description__startswith=text).first()
            found += [{"action": action}] if action else []
    return found


def _answers(d, rng: random.Random, plans: list[dict], outcomes: list, course: Course, links: list) -> None:
    """Evaluations from about 60% of those who came; the follow-up sample's answers, three months on."""
    evaluations, follow_ups, tagged = [], [], []
    for plan in plans:
        attendee = plan["attendee"]
        if attendee.attended is not True:
            continue
        start = attendee.session.starts_at
        if rng.random() < 0.62:
            evaluations.append(Evaluation(
                attendee=attendee, overall_rating=rng.choices([2, 3, 4, 5], weights=[4, 14, 44, 38])[0],
                will_do_differently=rng.choice(data.WILL_DO), submitted_at=start + timedelta(days=rng.randint(1, 6)),
            ))  # fmt: skip
        if not attendee.follow_up_sampled:
            continue
        answered = start + timedelta(days=rng.randint(92, 104))
        participant = None
        if rng.random() < 0.6:
            participant = rng.choices(["yes", "partly", "no", "not_sure"], weights=[46, 32, 15, 7])[0]
            example = (
                rng.choice(data.PARTICIPANT_EXAMPLES) if participant != "no" and rng.random() < 0.45 else ""
            )
            follow_ups.append(FollowUp(
                attendee=attendee, respondent="participant", practice_changed=participant, example=example,
                how=rng.choice(data.HOW) if participant in ("yes", "partly") else "",
                difference_for_children=rng.choice(data.DIFFERENCE) if example else "",
                barriers=rng.choice(data.BARRIERS), submitted_at=answered,
            ))  # fmt: skip
        if attendee.manager_email and rng.random() < 0.45:
            changed = participant in ("yes", "partly")
            manager = rng.choices(["yes", "partly", "no", "not_sure"], weights=[45, 20, 25, 10] if changed else [12, 10, 63, 15])[0]  # fmt: skip
            example = (
                rng.choice(data.MANAGER_EXAMPLES)
                if manager in ("yes", "partly") and rng.random() < 0.3
                else ""
            )
            follow_ups.append(FollowUp(attendee=attendee, respondent="manager", practice_changed=manager,
                                       example=example, submitted_at=answered + timedelta(days=rng.randint(0, 9))))  # fmt: skip
    Evaluation.objects.bulk_create(evaluations)
    OutcomeConfidence.objects.bulk_create([
        OutcomeConfidence(evaluation=e, outcome=o, before=(b := rng.choice([1, 2, 2, 3, 3, 3, 4])),
                          after=min(5, b + rng.choice([0, 1, 1, 1, 2, 2])))
        for e in evaluations for o in outcomes
    ])  # fmt: skip
    examples = [f for f in follow_ups if f.example]
    for n, follow_up in enumerate(examples[: 2 * len(examples) // 3]):  # two in three tagged so far
        if n < len(links):
            follow_up.action = links[n].get("action")
            follow_up.finding = links[n].get("finding")
        tagged.append(follow_up)
    bulk_create_with_history(follow_ups, FollowUp, default_user=d.bu)
    course_themes = list(course.themes.all()[:2])
    FollowUp.themes.through.objects.bulk_create(
        [FollowUp.themes.through(followup=f, theme=t) for f in tagged for t in course_themes]
    )
