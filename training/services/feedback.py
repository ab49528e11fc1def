"""Evaluation and impact: the on-the-day evaluation, the three-month follow-up, its sample, and
the business unit's tagging of impact examples.

Rules kept here and nowhere else:

- An answer arrives through an emailed single-use link. The answer is saved and the link
  marked used in ONE transaction, marking first: `links.use(link)` is an UPDATE that only
  succeeds while the link is unused, so on PostgreSQL a second submission of the same link (a
  double click, two tabs, a race) waits for the first to commit and then finds it used. It is
  refused with `LinkUnusable("used")` and nothing is saved twice. An expired link, or a link
  for another purpose, is refused the same way.
- An evaluation gives an overall rating and, for every learning outcome of the course, the
  confidence before and after, each 1 to 5.
- A line manager's follow-up answers only "have you seen a change" and "an example": the
  participant's other questions are never stored against a manager.
- The three-month follow-up goes to a sample of those who attended, drawn once per session,
  reproducibly: `random.Random(session.pk)` picks ceil(percent x attended / 100) of the
  attendees marked attended (ordered by pk), the draw is recorded on each attendee and on the
  session, and drawing again returns the recorded sample unchanged.
- Only the business unit tags an impact example, and only with an action and a finding they
  can see (the core selectors), so nobody links what they cannot see.

Practitioners and managers have no account: their answers carry no acting user in history.
"""

import random

from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_update_with_history

from partnership import selectors as core_selectors
from partnership.services import DomainError
from partnership.services.guards import require_actor
from partnership.services.history import save_tracked

from .. import links
from ..models import (
    Attendee,
    AttendeeStatus,
    Change,
    Course,
    Evaluation,
    FollowUp,
    FormLink,
    LinkPurpose,
    OutcomeConfidence,
    Respondent,
    Session,
)
from ..permissions import can_manage_training
from .analysis import course_year, schedule_summary_refresh

SCORES = range(1, 6)
FOLLOW_UP_PURPOSES = {
    LinkPurpose.FOLLOW_UP_PARTICIPANT: Respondent.PARTICIPANT,
    LinkPurpose.FOLLOW_UP_MANAGER: Respondent.MANAGER,
}


class LinkUnusable(DomainError):
    """The link cannot take an answer: `problem` is "used", "expired" or "invalid" (the words of
    `links.resolve`, so the view can show the booking area's link_problem page)."""

    MESSAGES = {
        "used": "This link has already been used: your answer was saved the first time.",
        "expired": "This link has expired.",
        "invalid": "This link is not for this form.",
    }

    def __init__(self, problem: str):
        super().__init__(self.MESSAGES[problem])
        self.problem = problem


def _check_open(link: FormLink, purposes) -> None:
    if link.purpose not in purposes:
        raise LinkUnusable("invalid")
    if link.used:
        raise LinkUnusable("used")
    if link.expired:
        raise LinkUnusable("expired")


def _score(value, field: str, message: str) -> int:
    try:
        score = int(value)
    except (TypeError, ValueError):
        raise DomainError(message, field=field) from None
    if score not in SCORES:
        raise DomainError(message, field=field)
    return score


# --- answers -----------------------------------------------------------------------------------


def evaluation_submit(
    *,
    link: FormLink,
    overall_rating: int,
    confidences: dict[int, tuple[int, int]],
    will_do_differently: str = "",
    comments: str = "",
) -> Evaluation:
    """Save an attendee's evaluation of the session from their EVALUATION link, once.

    `confidences` maps each of the course's learning outcome ids to (before, after). Raises
    DomainError for a missing or out-of-range answer and LinkUnusable for a used or expired
    link; nothing is saved then.
    """
    _check_open(link, {LinkPurpose.EVALUATION})
    attendee = link.attendee
    rating = _score(overall_rating, "overall_rating", "Choose a rating from 1 to 5.")
    outcome_ids = list(attendee.session.course.outcomes.order_by("number").values_list("pk", flat=True))
    unknown = set(confidences) - set(outcome_ids)
    if unknown:
        raise DomainError("Answer only for the course's learning outcomes.")
    scores = {}
    for outcome_id in outcome_ids:
        before, after = confidences.get(outcome_id, (None, None))
        scores[outcome_id] = (
            _score(before, f"outcome_{outcome_id}_before", "Choose how confident you were before, 1 to 5."),
            _score(after, f"outcome_{outcome_id}_after", "Choose how confident you are now, 1 to 5."),
        )
    with transaction.atomic():
        if not links.use(link):
            raise LinkUnusable("used")
        if Evaluation.objects.filter(attendee=attendee).exists():
            raise DomainError("An evaluation of this session has already been received from you.")
        evaluation = Evaluation.objects.create(
            attendee=attendee,
            overall_rating=rating,
            will_do_differently=(will_do_differently or "").strip(),
            comments=(comments or "").strip(),
        )
        OutcomeConfidence.objects.bulk_create(
            OutcomeConfidence(evaluation=evaluation, outcome_id=pk, before=before, after=after)
            for pk, (before, after) in scores.items()
        )
        schedule_summary_refresh(course_year(attendee.session.course_id))
    link.used_at = timezone.now()
    return evaluation


def follow_up_submit(
    *,
    link: FormLink,
    practice_changed: str,
    how: str = "",
    example: str = "",
    difference_for_children: str = "",
    barriers: str = "",
) -> FollowUp:
    """Save a three-month follow-up answer from a participant's or line manager's link, once.

    The link's purpose says who answers. A manager answers "have you seen a change" and "an
    example" only; anything else passed for a manager is not stored.
    """
    _check_open(link, FOLLOW_UP_PURPOSES)
    respondent = FOLLOW_UP_PURPOSES[LinkPurpose(link.purpose)]
    if practice_changed not in Change.values:
        question = (
            "Say whether your practice has changed."
            if respondent == Respondent.PARTICIPANT
            else "Say whether you have seen a change in their practice."
        )
        raise DomainError(question, field="practice_changed")
    answer = FollowUp(
        attendee=link.attendee,
        respondent=respondent,
        practice_changed=practice_changed,
        example=(example or "").strip(),
    )
    if respondent == Respondent.PARTICIPANT:
        answer.how = (how or "").strip()
        answer.difference_for_children = (difference_for_children or "").strip()
        answer.barriers = (barriers or "").strip()
    with transaction.atomic():
        if not links.use(link):
            raise LinkUnusable("used")
        save_tracked(answer, actor=None)
        schedule_summary_refresh(course_year(link.attendee.session.course_id))
    link.used_at = timezone.now()
    return answer


# --- the three-month sample ------------------------------------------------------------------


def sample_size(percent: int, attended: int) -> int:
    """ceil(percent x attended / 100), in whole numbers (no floating point surprises)."""
    return -(-percent * attended // 100)


def choose_sample(seed: int, percent: int, attended: list) -> list:
    """The draw itself, without recording it: `attended` ordered by pk, seeded with the
    session's id, so the same session always gives the same sample."""
    chosen = random.Random(seed).sample(attended, sample_size(percent, len(attended)))
    return sorted(chosen, key=lambda a: getattr(a, "pk", a))


def follow_up_sample_draw(session: Session) -> list[Attendee]:
    """Draw the session's three-month follow-up sample once, and return it (ordered by pk).

    The session row is locked while drawing, so two jobs at once draw once. A session already
    drawn returns its recorded sample: nothing changes, even if attendance changed since.
    """
    with transaction.atomic():
        locked = Session.objects.select_for_update().get(pk=session.pk)
        if locked.follow_up_sampled_at is not None:
            session.follow_up_sampled_at = locked.follow_up_sampled_at
            return list(Attendee.objects.filter(session=locked, follow_up_sampled=True).order_by("pk"))
        percent = Course.objects.values_list("follow_up_sample_percent", flat=True).get(pk=locked.course_id)
        attended = list(
            Attendee.objects.filter(session=locked, status=AttendeeStatus.BOOKED, attended=True).order_by(
                "pk"
            )
        )
        chosen = choose_sample(locked.pk, percent, attended)
        for attendee in chosen:
            attendee.follow_up_sampled = True
        if chosen:
            # Every row drawn gets the same value: one plain UPDATE rather than bulk_update's
            # CASE per row (slow to build for thousands), then their history rows as before.
            Attendee.objects.filter(pk__in=[a.pk for a in chosen]).update(follow_up_sampled=True)
            bulk_update_with_history(chosen, Attendee, [], default_change_reason="Drawn for the follow-up")
        locked.follow_up_sampled_at = timezone.now()
        locked._history_user = None
        locked.save(update_fields=["follow_up_sampled_at"])
        if chosen:
            schedule_summary_refresh(course_year(locked.course_id))
    session.follow_up_sampled_at = locked.follow_up_sampled_at
    return chosen


# --- results: tagging impact examples ---------------------------------------------------------


def impact_example_tag(*, follow_up: FollowUp, themes, action=None, finding=None, actor) -> FollowUp:
    """Tag an impact example with themes and link it to the action and/or finding it answers.

    Business unit only. The action must be one the actor can see
    (`partnership.selectors.actions_visible_to`) and the finding likewise
    (`findings_visible_to`); passing None removes a link.
    """
    require_actor(actor, can_manage_training, "Only the business unit can tag impact examples.")
    if not follow_up.example.strip():
        raise DomainError("Only an answer that gives an example can be tagged.")
    if action is not None and not core_selectors.actions_visible_to(actor).filter(pk=action.pk).exists():
        raise DomainError("Choose an action you can see.", field="action")
    if finding is not None and not core_selectors.findings_visible_to(actor).filter(pk=finding.pk).exists():
        raise DomainError("Choose a finding you can see.", field="finding")
    with transaction.atomic():
        follow_up.action = action
        follow_up.finding = finding
        save_tracked(follow_up, actor=actor, reason="Impact example tagged")
        follow_up.themes.set(themes)
    return follow_up
