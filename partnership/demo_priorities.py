"""The demo year's priorities with a plan: outcomes, owners, what serves each, the business plan
and recorded progress, so that a full year of the board cycle can be shown.

Runs after every app's demo (stage DEMO_LINKS), so the sources, findings, actions and briefings
it links exist. Idempotent: a priority that already has an outcome keeps it; links are made
only for a record with no priority yet; the business plan, its actions and the assessments are
made once (found again by their title, description or priority).

`priorities_matching(text, year)` is shared with the apps' demos (audits, courses, measures),
so that everything about neglect serves the neglect priority, and so on.
"""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from .models import (
    Action,
    ActionStatus,
    ActionUpdate,
    Agency,
    Briefing,
    Finding,
    LearningSource,
    Priority,
    PriorityAssessment,
    ProgressRating,
    SourceKind,
    Subgroup,
    User,
)
from .services import priorities as services
from .services.history import save_tracked

BUSINESS_UNIT_EMAIL = "business.unit@northbrook-scp.example"

# Priority title -> (outcome, owning subgroup, words in a record that mean it serves the priority).
PLANS = {
    "Neglect and cumulative harm": (
        "Children living with neglect are recognised sooner and helped before harm builds up: every "
        "agency uses the graded care profile, and fewer children need a second child protection plan.",
        "Learning and Improvement",
        ("neglect", "graded care", "cumulative"),
    ),
    "Exploitation and harm outside the home": (
        "Young people at risk of exploitation are known to every agency around them, and missing "
        "episodes are followed by a return home interview within 72 hours.",
        "Quality and Performance",
        ("exploitation", "missing", "outside the home", "county lines"),
    ),
    "Safeguarding babies": (
        "Fewer babies are harmed: every family hears the safer sleep message, and every agency follows "
        "the bruising protocol.",
        "Training",
        ("bab", "safer sleep", "bruising", "infant", "pre-birth"),
    ),
    "Hearing the voice of the child": (
        "Children's views shape their plans and the partnership's services, and they are told what "
        "changed as a result.",
        "Learning and Improvement",
        ("voice", "you said", "views", "listened", "young people"),
    ),
}

# The business plan's actions: priority, what will be done, owning agency (short name), days from
# today it is due, status, and (for a complete one) its impact.
BUSINESS_PLAN_ACTIONS = [
    ("Neglect and cumulative harm", "Launch the graded care profile 2 in every partner agency", "NBC", -120,
     ActionStatus.COMPLETE, "Over 400 practitioners trained; the tool is used in 70% of neglect assessments."),
    ("Neglect and cumulative harm", "Re-audit neglect cases to show the graded care profile is used", None, 110,
     ActionStatus.ON_TRACK, ""),
    ("Exploitation and harm outside the home", "Agree one exploitation screening tool with schools and police",
     "Police", -45, ActionStatus.NOT_STARTED, ""),
    ("Exploitation and harm outside the home", "Offer a return home interview within 72 hours of every missing episode",
     "NBC", -20, ActionStatus.OFF_TRACK, ""),
    ("Safeguarding babies", "Publish the safer sleep guidance and brief every health visitor", "NGH", -150,
     ActionStatus.COMPLETE, "Every health visiting team briefed; safer sleep is discussed at every new birth visit."),
    ("Safeguarding babies", "Embed the bruising protocol in every GP practice", "ICB", 75, ActionStatus.ON_TRACK, ""),
    ("Hearing the voice of the child", "Ask the young people's panel to review the business plan each quarter",
     None, 60, ActionStatus.ON_TRACK, ""),
]  # fmt: skip

# Recorded judgements, so that all three ratings appear (the voice priority is not yet assessed).
ASSESSMENTS = {
    "Neglect and cumulative harm": (
        ProgressRating.SOME_PROGRESS,
        "The graded care profile is launched and used in most neglect assessments; the re-audit that will "
        "show whether it changed practice is due in the spring.",
    ),
    "Exploitation and harm outside the home": (
        ProgressRating.LITTLE_PROGRESS,
        "The screening tool is not agreed and return home interviews are still late in a third of episodes.",
    ),
    "Safeguarding babies": (
        ProgressRating.ON_TRACK,
        "Safer sleep guidance is published and briefed; GP practices are adopting the bruising protocol.",
    ),
}


def demo_year(today=None) -> int | None:
    """The reporting year the demo shows: today's, or the latest before it with priorities."""
    today = today or timezone.localdate()
    year = today.year if today.month >= 4 else today.year - 1
    return Priority.objects.filter(year__lte=year).order_by("-year").values_list("year", flat=True).first()


def priorities_matching(text: str, year: int | None = None) -> list[Priority]:
    """The demo year's priorities whose words appear in `text` (case-insensitive)."""
    year = year if year is not None else demo_year()
    text = (text or "").lower()
    titles = [title for title, (_o, _s, words) in PLANS.items() if any(w in text for w in words)]
    return list(Priority.objects.filter(year=year, title__in=titles))


def link_once(record, text: str, year: int, actor=None) -> bool:
    """Link `record` to the priorities its `text` speaks of, unless it already has priorities.
    The link is recorded in the record's history (where it keeps one) as `actor`'s."""
    if record.priorities.exists():
        return False
    matching = priorities_matching(text, year)
    if matching:
        record._history_user = actor
        record.priorities.add(*matching)
    return bool(matching)


def _plan_priorities(year: int, bu: User) -> int:
    subgroups = {s.name: s for s in Subgroup.objects.all()}
    changed = 0
    for priority in Priority.objects.filter(year=year, title__in=list(PLANS)):
        outcome, owner, _words = PLANS[priority.title]
        if priority.outcome or priority.owner is not None:
            continue
        priority.outcome = outcome
        priority.owner_subgroup = subgroups.get(owner)
        save_tracked(priority, actor=bu)
        changed += 1
    return changed


def _link_records(year: int, bu: User) -> int:
    linked = 0
    for source in LearningSource.objects.exclude(kind=SourceKind.BUSINESS_PLAN):
        linked += link_once(source, source.title, year, bu)
    for finding in Finding.objects.select_related("source"):
        linked += link_once(finding, f"{finding.title} {finding.detail}", year, bu)
    for action in Action.objects.exclude(plan__source__kind=SourceKind.BUSINESS_PLAN):
        linked += link_once(action, action.description, year, bu)
    for briefing in Briefing.objects.all():
        linked += link_once(briefing, f"{briefing.title} {briefing.what_we_found}", year, bu)
    return linked


def _business_plan(year: int, bu: User, today) -> int:
    owner = Subgroup.objects.filter(name="Learning and Improvement").first()
    if owner is None:
        return 0
    plan = services.business_plan_start(year=year, subgroup=owner, actor=bu)
    recommendations = {r.text.removeprefix("Priority: "): r for r in plan.source.recommendations.all()}
    agencies = {a.short_name: a for a in Agency.objects.all()}
    made = 0
    for title, description, agency, due_in, status, impact in BUSINESS_PLAN_ACTIONS:
        recommendation = recommendations.get(title)
        if recommendation is None or Action.objects.filter(plan=plan, description=description).exists():
            continue
        due = today + timedelta(days=due_in)
        action = Action(
            plan=plan,
            recommendation=recommendation,
            description=description,
            owner_agency=agencies.get(agency) if agency else None,
            lead_user=bu,
            start_date=min(plan.start_date, due),
            due_date=due,
            status=status,
            impact=impact,
            closed_on=due if status == ActionStatus.COMPLETE else None,
        )
        save_tracked(action, actor=bu, reason="Created")
        action._history_user = bu
        action.priorities.add(recommendation_priority(recommendation, year))
        if status in (ActionStatus.ON_TRACK, ActionStatus.OFF_TRACK):
            update = ActionUpdate(
                action=action,
                date=today - timedelta(days=14),
                text="Reported to the subgroup: "
                + ("on course." if status == ActionStatus.ON_TRACK else "delayed, waiting on partners."),
                author=bu,
                new_status=status,
            )
            save_tracked(update, actor=bu)
        made += 1
    return made


def recommendation_priority(recommendation, year: int) -> Priority:
    return Priority.objects.get(year=year, title=recommendation.text.removeprefix("Priority: "))


def _assessments(year: int, bu: User, today) -> int:
    made = 0
    for title, (rating, evidence) in ASSESSMENTS.items():
        priority = Priority.objects.filter(year=year, title=title).first()
        if priority is None or PriorityAssessment.objects.filter(priority=priority).exists():
            continue
        services.priority_assess(
            priority=priority,
            rating=rating,
            evidence=evidence,
            on=today - timedelta(days=30),
            actor=bu,
        )
        made += 1
    return made


@transaction.atomic
def seed_priorities(stdout=None) -> None:
    bu = User.objects.filter(email=BUSINESS_UNIT_EMAIL).first()
    year = demo_year()
    if bu is None or year is None:
        return
    today = timezone.localdate()
    planned = _plan_priorities(year, bu)
    linked = _link_records(year, bu)
    actions = _business_plan(year, bu, today)
    assessed = _assessments(year, bu, today)
    if stdout:
        if planned or linked or actions or assessed:
            stdout.write(
                f"Demo priorities: {planned} plans, {linked} links, {actions} business plan actions, "
                f"{assessed} progress assessments."
            )
        else:
            stdout.write("Demo priorities: already there.")
