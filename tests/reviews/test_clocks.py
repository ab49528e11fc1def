"""The statutory clocks of each kind of review, in each of their states."""

import datetime

import pytest

from reviews.clocks import State, clocks_for, running_clocks
from tests.factories import NotificationFactory, ReviewFactory

pytestmark = pytest.mark.django_db
D = datetime.date


def clock(review, key):
    return next(c for c in clocks_for(review) if c.key == key)


def test_a_rapid_reviews_clocks_count_working_days_over_christmas():
    notification = NotificationFactory(became_aware_on=D(2026, 12, 18), notified_on=None)
    review = ReviewFactory(notification=notification)
    panel = clock(review, "panel_notification")
    # Five working days from Friday 18 December: 21, 22, 23, 24 and (after Christmas Day and
    # the substitute Boxing Day on Monday 28th) Tuesday 29 December.
    assert panel.due == D(2026, 12, 29)
    assert panel.state(D(2026, 12, 24)) == State.RUNNING
    assert panel.describe(D(2026, 12, 24)) == "Due in 1 working day"
    assert panel.describe(D(2026, 12, 29)) == "Due today"
    assert panel.state(D(2026, 12, 30)) == State.OVERDUE
    assert panel.describe(D(2027, 1, 4)) == "Overdue by 3 working days"  # 30th, 31st, (1 January) 4th

    rapid = clock(review, "rapid_review")
    assert rapid.start == D(2026, 12, 18)  # not yet notified: counted from becoming aware
    notification.notified_on = D(2026, 12, 22)
    rapid = clock(review, "rapid_review")
    assert rapid.due == D(2027, 1, 15)
    assert rapid.state(D(2027, 1, 15)) == State.RUNNING


def test_met_and_missed():
    notification = NotificationFactory(became_aware_on=D(2026, 4, 1), notified_on=D(2026, 4, 8))
    review = ReviewFactory(notification=notification)
    panel = clock(review, "panel_notification")
    # 2, 7 (after Good Friday and Easter Monday), 8, 9, 10 April: due Friday 10th.
    assert panel.due == D(2026, 4, 10)
    assert panel.state(D(2026, 6, 1)) == State.MET
    assert panel.describe(D(2026, 6, 1)) == "Met, 2 working days early"
    review.sent_to_panel_on = D(2026, 5, 5)  # due 15 working days after 8 April: 29 April
    rapid = clock(review, "rapid_review")
    assert rapid.due == D(2026, 4, 29)
    assert rapid.state(D(2026, 6, 1)) == State.MISSED
    assert rapid.describe(D(2026, 6, 1)) == "Missed by 3 working days"  # 30 April, 1 May, (4 May) 5 May


def test_an_lcspr_runs_six_months_from_the_decision_and_needs_the_report_7_working_days_before_publication():
    rapid = ReviewFactory(decided_on=D(2026, 2, 10), decision="lcspr")
    lcspr = ReviewFactory(kind="lcspr", stage="scoping", rapid_review=rapid, reference="LCSPR-1")
    report = clock(lcspr, "lcspr_report")
    assert report.due == D(2026, 8, 10)
    assert clock(lcspr, "publication_notice").state(D(2026, 9, 1)) == State.NOT_STARTED
    lcspr.planned_publication_on = D(2026, 9, 4)
    notice = clock(lcspr, "publication_notice")
    assert notice.due == D(2026, 8, 25)  # 7 working days back over the late summer bank holiday
    lcspr.sent_to_panel_and_sos_on = D(2026, 8, 24)
    assert clock(lcspr, "publication_notice").state(D(2026, 9, 1)) == State.MET


def test_a_dhr_decides_within_a_month_and_reviews_within_six():
    notification = NotificationFactory(became_aware_on=D(2026, 1, 31))
    dhr = ReviewFactory(kind="dhr", stage="scoping", notification=notification, reference="DHR-1")
    assert clock(dhr, "dhr_decision").due == D(2026, 2, 28)
    assert clock(dhr, "dhr_review").state(D(2026, 3, 1)) == State.NOT_STARTED
    dhr.decided_on = D(2026, 2, 20)
    assert clock(dhr, "dhr_review").due == D(2026, 8, 20)


def test_other_kinds_have_no_statutory_clock():
    assert clocks_for(ReviewFactory(kind="learning_review", stage="scoping")) == []


def test_the_clock_board_lists_running_clocks_soonest_first():
    late = ReviewFactory(
        notification=NotificationFactory(became_aware_on=D(2026, 6, 1), notified_on=D(2026, 6, 3))
    )
    soon = ReviewFactory(notification=NotificationFactory(became_aware_on=D(2026, 6, 10), notified_on=None))
    done = ReviewFactory(
        notification=NotificationFactory(became_aware_on=D(2026, 6, 1), notified_on=D(2026, 6, 2)),
        sent_to_panel_on=D(2026, 6, 20),
    )
    board = running_clocks([soon, done, late], D(2026, 6, 15))
    assert [(r.pk, c.key) for r, c in board] == [
        (soon.pk, "panel_notification"),
        (late.pk, "rapid_review"),
        (soon.pk, "rapid_review"),
    ]


def test_an_lcspr_decided_on_runs_from_the_decision_before_the_lcspr_is_opened():
    """Working Together: the LCSPR's final report within six months of the decision to hold it.
    The clock starts on the Rapid Review's decision, not when someone opens the LCSPR."""
    rapid = ReviewFactory(stage="decided", decision="lcspr", decided_on=D(2026, 3, 12))
    report = clock(rapid, "lcspr_report")
    assert (report.start, report.due, report.done) == (D(2026, 3, 12), D(2026, 9, 12), None)
    assert report.state(D(2026, 4, 1)) == State.RUNNING
    assert "lcspr_report" in [c.key for _r, c in running_clocks([rapid], D(2026, 4, 1))]
    # Once the LCSPR is opened the clock is the LCSPR's, with the same dates, and only its.
    lcspr = ReviewFactory(kind="lcspr", stage="scoping", rapid_review=rapid, reference="LCSPR-2")
    assert "lcspr_report" not in [c.key for c in clocks_for(rapid)]
    assert clock(lcspr, "lcspr_report").due == D(2026, 9, 12)


@pytest.mark.parametrize("decision", ["learning_review", "national", "no_further"])
def test_only_an_lcspr_decision_starts_the_lcspr_clock(decision):
    rapid = ReviewFactory(stage="decided", decision=decision, decided_on=D(2026, 3, 12))
    assert "lcspr_report" not in [c.key for c in clocks_for(rapid)]
