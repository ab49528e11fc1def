"""The statutory clocks of case reviews, counted in working days or calendar months.

Each timescale is a setting (REVIEW_CLOCKS in settings) with its source written beside it. A
clock starts from a known date, falls due on a computed date and is met or missed when the
thing it times is done. `clocks_for(review)` lists a review's clocks; pages, the clock board,
the warning job and the annual report all read them from here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from dateutil.relativedelta import relativedelta
from django.conf import settings

from partnership.working_days import add_working_days, working_days_between

from .models import Decision, Review, ReviewKind


class State:
    NOT_STARTED = "not_started"
    RUNNING = "running"
    OVERDUE = "overdue"
    MET = "met"
    MISSED = "missed"


LABELS = {
    State.NOT_STARTED: "Not started",
    State.RUNNING: "Running",
    State.OVERDUE: "Overdue",
    State.MET: "Met",
    State.MISSED: "Missed",
}


@dataclass(frozen=True)
class Clock:
    """One statutory timescale of one review."""

    key: str
    name: str
    source: str
    start: date | None
    due: date | None
    done: date | None
    held: str = ""  # why the thing it times waits, e.g. "Held: inquest on 3 March 2027"

    def state(self, today: date) -> str:
        if self.due is None:
            return State.NOT_STARTED
        if self.done is not None:
            return State.MET if self.done <= self.due else State.MISSED
        return State.RUNNING if today <= self.due else State.OVERDUE

    def is_running(self, today: date) -> bool:
        return self.state(today) in (State.RUNNING, State.OVERDUE)

    def working_days_left(self, today: date) -> int | None:
        """Working days from today to the due date: negative once overdue."""
        if self.due is None:
            return None
        return working_days_between(today, self.due)

    def describe(self, today: date) -> str:
        """In words, e.g. "Due in 3 working days", "Overdue by 2 working days", "Met"."""
        state = self.state(today)
        if state == State.NOT_STARTED:
            return "Not started"
        if state == State.MET:
            early = working_days_between(self.done, self.due)
            return "Met" + (f", {plural(early)} early" if early > 0 else " on the due date")
        if state == State.MISSED:
            return f"Missed by {plural(working_days_between(self.due, self.done))}"
        left = working_days_between(today, self.due)
        if state == State.OVERDUE:
            return f"Overdue by {plural(-left)}"
        return "Due today" if left == 0 else f"Due in {plural(left)}"


def plural(n: int) -> str:
    return f"{n} working day{'s' if n != 1 else ''}"


# The fields `clocks_for` reads: a page listing many reviews for their clocks loads only these
# (`reviews.only(*CLOCK_FIELDS)`, with the notification and the Rapid Review selected).
CLOCK_FIELDS = (
    "kind",
    "opened_on",
    "decision",
    "decided_on",
    "sent_to_panel_on",
    "final_report_on",
    "planned_publication_on",
    "published_on",
    "sent_to_panel_and_sos_on",
    "publication_held_until",
    "publication_held_by",
    "notification__became_aware_on",
    "notification__notified_on",
    "rapid_review__decided_on",
)


def _rules() -> dict:
    return settings.REVIEW_CLOCKS


def _clock(key: str, start: date | None, due: date | None, done: date | None, held: str = "") -> Clock:
    rule = _rules()[key]
    return Clock(
        key=key, name=rule["name"], source=rule["source"], start=start, due=due, done=done, held=held
    )


def _working(start: date | None, key: str) -> date | None:
    return add_working_days(start, _rules()[key]["working_days"]) if start else None


def _months(start: date | None, key: str) -> date | None:
    return start + relativedelta(months=_rules()[key]["months"]) if start else None


def decision_date(review: Review) -> date | None:
    """When it was decided to hold this review: its own decision date, or its Rapid Review's."""
    if review.decided_on:
        return review.decided_on
    return review.rapid_review.decided_on if review.rapid_review_id else None


def follow_on_opened(review: Review) -> bool:
    """Whether the review a Rapid Review decided on has been opened. Lists read it from the
    `has_follow_on` annotation of `selectors.reviews_visible_to` (one query for all rows)."""
    known = getattr(review, "has_follow_on", None)
    return review.follow_on_reviews.exists() if known is None else known


def notification_clocks(notification, *, aware=None, sent_to_panel_on=None) -> list[Clock]:
    """The clocks a serious incident notification starts: the Panel told within 5 working days
    of the local authority becoming aware, and the Rapid Review sent to the Panel within 15 of
    the notification (counted from becoming aware until the Panel is notified)."""
    aware = notification.became_aware_on if notification else aware
    notified = notification.notified_on if notification else None
    started = notified or aware
    return [
        _clock("panel_notification", aware, _working(aware, "panel_notification"), notified),
        _clock("rapid_review", started, _working(started, "rapid_review"), sent_to_panel_on),
    ]


def clocks_for(review: Review) -> list[Clock]:
    """The statutory clocks that apply to a review, in the order they run."""
    notification = review.notification
    clocks = []
    if review.kind == ReviewKind.RAPID_REVIEW:
        clocks.extend(
            notification_clocks(
                notification, aware=review.opened_on, sent_to_panel_on=review.sent_to_panel_on
            )
        )
        # The LCSPR's six months run from the decision to hold it, not from the day someone
        # opens it: until it is opened, the Rapid Review that decided it carries its clock.
        if review.decision == Decision.LCSPR and review.decided_on and not follow_on_opened(review):
            decided = review.decided_on
            clocks.append(_clock("lcspr_report", decided, _months(decided, "lcspr_report"), None))
    elif review.kind == ReviewKind.LCSPR:
        decided = decision_date(review)
        clocks.append(
            _clock("lcspr_report", decided, _months(decided, "lcspr_report"), review.final_report_on)
        )
        publication = review.published_on or review.planned_publication_on
        notice_due = (
            add_working_days(publication, -_rules()["publication_notice"]["working_days"])
            if publication
            else None
        )
        # Parallel proceedings hold the publication (and so this notice) back: the board says why.
        held = f"Held: {review.publication_hold}" if review.publication_hold else ""
        clocks.append(
            _clock("publication_notice", publication, notice_due, review.sent_to_panel_and_sos_on, held)
        )
    elif review.kind == ReviewKind.DHR:
        notified = notification.became_aware_on if notification else review.opened_on
        clocks.append(_clock("dhr_decision", notified, _months(notified, "dhr_decision"), review.decided_on))
        clocks.append(
            _clock(
                "dhr_review",
                review.decided_on,
                _months(review.decided_on, "dhr_review"),
                review.final_report_on,
            )
        )
    return clocks


def running_clocks(reviews, today: date) -> list[tuple[Review, Clock]]:
    """Every running or overdue clock of these reviews, soonest due first."""
    pairs = [(review, clock) for review in reviews for clock in clocks_for(review) if clock.is_running(today)]
    return sorted(pairs, key=lambda pair: (pair[1].due, pair[0].pk))
