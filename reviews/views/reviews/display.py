"""How a statutory clock is shown: its state as a GOV.UK tag, in words, with its source.

The review page (`_clocks.html`), the list's "next clock" column and the clock board all show a
clock the same way; the words always carry the meaning, the tag's colour only repeats it.
"""

from dataclasses import dataclass
from datetime import date

from django.urls import reverse
from django.utils.formats import date_format

from ...clocks import LABELS, Clock, State

TAG_CLASSES = {
    State.NOT_STARTED: "govuk-tag--grey",
    State.RUNNING: "govuk-tag--blue",
    State.OVERDUE: "govuk-tag--red",
    State.MET: "govuk-tag--green",
    State.MISSED: "govuk-tag--orange",
}


@dataclass(frozen=True)
class ClockView:
    """One clock as a page shows it on `today`."""

    clock: Clock
    state: str
    label: str  # "Running", "Overdue", "Met"…
    tag_class: str
    description: str  # "Due in 3 working days", "Overdue by 2 working days", "Met, 1 working day early"

    @property
    def name(self) -> str:
        return self.clock.name

    @property
    def due_short(self) -> str:
        """The due date as 31 December 2026, as every page and list shows a date."""
        return date_format(self.clock.due) if self.clock.due else ""

    @property
    def is_overdue(self) -> bool:
        return self.state == State.OVERDUE

    @property
    def is_running(self) -> bool:
        return self.state in (State.RUNNING, State.OVERDUE)

    @property
    def in_short(self) -> str:
        """For a list: "Notification to the national Panel: due in 2 working days"."""
        text = self.description
        return f"{self.name}: {text[:1].lower()}{text[1:]}"


def clock_view(clock: Clock, today: date) -> ClockView:
    state = clock.state(today)
    return ClockView(
        clock=clock,
        state=state,
        label=LABELS[state],
        tag_class=TAG_CLASSES[state],
        description=clock.describe(today),
    )


def detail_urls(reviews) -> dict[int, str]:
    """Each review's page by id, for a list of hundreds of rows: a reverse() per row is a fifth
    of the row's rendering, so the page is reversed once and each id filled in."""
    marker = "2147483647"
    pattern = reverse("reviews:review-detail", args=[int(marker)])
    return {review.pk: pattern.replace(marker, str(review.pk)) for review in reviews}


def next_running(views: list[ClockView]) -> ClockView | None:
    """The running clock that falls due soonest, if any."""
    running = [v for v in views if v.is_running]
    return min(running, key=lambda v: v.clock.due) if running else None
