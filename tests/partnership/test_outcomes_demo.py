"""The demo shows impact by design and the "did it stick?" loop: sources with intended
outcomes, one check due now, one recorded not sustained with its recurring finding; a second
run adds nothing (the whole demo's second run is tested in test_seed_demo.py)."""

import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import timezone

from dashboards.overview import themes
from partnership.demo_outcomes import MISSING_FORUM
from partnership.models import CheckState, Finding, IntendedOutcome, OutcomeResult, User
from partnership.services import outcomes as services

pytestmark = pytest.mark.django_db


def test_the_demo_has_outcomes_a_check_due_and_a_lesson_that_came_back():
    call_command("seed_demo")
    counts = (IntendedOutcome.objects.count(), Finding.objects.filter(recurring=True).count())
    call_command("seed_demo")
    assert (IntendedOutcome.objects.count(), Finding.objects.filter(recurring=True).count()) == counts

    today = timezone.localdate()
    assert IntendedOutcome.objects.values("source").distinct().count() >= 2
    states = [o.check_state(today) for o in IntendedOutcome.objects.all()]
    assert states.count(CheckState.DUE) == 1 and CheckState.PLANNED in states
    due = next(o for o in IntendedOutcome.objects.all() if o.check_state(today) == CheckState.DUE)
    # The indicator outcome due now reads the dataset and suggests a result.
    assert due.is_indicator and services.outcome_suggestion(due, today) is not None
    checked = IntendedOutcome.objects.get(result=OutcomeResult.NOT_SUSTAINED)
    assert checked.source.title == MISSING_FORUM
    recurring = Finding.objects.get(recurring=True)
    assert recurring.outcome == checked
    assert "Missing from home, care or education" in {t.name for t in recurring.themes.all()}

    business_unit = User.objects.get(email="business.unit@northbrook-scp.example")
    rows = {row.theme.name: row for row in themes.theme_matrix(business_unit).rows}
    assert rows["Missing from home, care or education"].not_sustained == 1
    # The reminder for the check due goes once.
    sent = services.send_outcome_check_reminders(today=today)
    assert [r.recipients for r in sent] == [[settings.BUSINESS_UNIT_EMAIL]]
    assert services.send_outcome_check_reminders(today=today) == []
