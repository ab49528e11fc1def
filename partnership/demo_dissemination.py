"""Demo dissemination: a dissemination plan on the demo review behind the Child P briefing,
every published demo briefing's cascades (as publishing asks for them), some of them confirmed
by the agency's lead (how, and how many staff) and the rest awaiting, and a little feedback from
practitioners.

Runs after the demo briefings (stage DEMO_LINKS, registered after them). Idempotent: a plan row
is added only if its source has none for that agency, cascades are asked for only where missing,
confirmations are made only while a briefing has none, and feedback only while it has none, so
a second run changes nothing.
"""

from datetime import timedelta

from django.db import transaction

from .models import Agency, Briefing, BriefingFeedback, CascadeRequest, DisseminationItem, LearningSource
from .services import dissemination as services

# Per published demo briefing (by title): the agencies (by short name) that have confirmed their
# cascade, with how, how many staff it reached and who confirmed; the others stay awaiting (or
# overdue), their leads emailed by the reminders.
CONFIRMED = {
    "Child P: recognising cumulative neglect": {
        "NBC": ("team_meeting", 64, "Hannah Okafor"),
        "EYA": ("supervision", 38, "Sam Okafor"),
    },
}

FEEDBACK = {
    "Child P: recognising cumulative neglect": [
        (5, "Use the graded care profile before I close a neglect referral."),
        (4, "Look back over the chronology before I call a concern low level."),
        (4, "See the children on their own and ask about their day."),
        (3, ""),
    ],
}


@transaction.atomic
def seed_dissemination(stdout=None) -> None:
    made = {"plan rows": 0, "cascades": 0, "confirmed": 0, "feedback": 0}
    child_p = Briefing.objects.filter(title__in=list(CONFIRMED)).first()
    if child_p is not None:
        made["plan rows"] = _plan(child_p)
    for briefing in Briefing.objects.filter(status=Briefing.Status.PUBLISHED).order_by("pk"):
        made["cascades"] += len(services.cascades_request(briefing=briefing))
        made["confirmed"] += _confirm(briefing)
        if not briefing.feedback.exists():
            for rating, line in FEEDBACK.get(briefing.title, []):
                BriefingFeedback.objects.create(briefing=briefing, rating=rating, will_do_differently=line)
                made["feedback"] += 1
    if stdout and any(made.values()):
        stdout.write("Demo dissemination: " + ", ".join(f"{n} {what}" for what, n in made.items()) + ".")


def _plan(briefing: Briefing) -> int:
    """The review's plan, made at its start: the early years settings, whom no recommendation
    names, and the GP practices must hear the neglect learning within six weeks."""
    source = LearningSource.objects.filter(findings__briefings=briefing).distinct().first()
    if source is None:
        return 0
    due = briefing.published_on + timedelta(days=42)
    made = 0
    for agency in Agency.objects.filter(short_name="EYA"):
        if not DisseminationItem.objects.filter(source=source, agency=agency).exists():
            DisseminationItem.objects.create(
                source=source, agency=agency, due_on=due,
                message="Early years staff see neglect first: use the graded care profile and keep a chronology.",
            )  # fmt: skip
            made += 1
    if not DisseminationItem.objects.filter(source=source, agency=None).exists():
        DisseminationItem.objects.create(
            source=source, audience="GP practices", due_on=due,
            message="Missed health appointments are a pattern to record and share, not a single event.",
        )  # fmt: skip
        made += 1
    return made


def _confirm(briefing: Briefing) -> int:
    plan = CONFIRMED.get(briefing.title, {})
    cascades = CascadeRequest.objects.filter(briefing=briefing, agency__short_name__in=list(plan))
    if not plan or briefing.cascade_requests.filter(confirmed_at__isnull=False).exists():
        return 0
    for cascade in cascades.select_related("agency"):
        method, staff, name = plan[cascade.agency.short_name]
        services.confirm_as_product(cascade=cascade, method=method, staff_reached=staff, confirmed_by=name)
    return len(cascades)
