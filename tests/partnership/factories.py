"""Factories of the partnership core's tests beyond tests/factories.py."""

import datetime

from partnership.models import ActionStatus
from tests.factories import ActionFactory


class AwaitingActionFactory(ActionFactory):
    """An action its owner reported done (impact stated), awaiting the subgroup's sign-off."""

    status = ActionStatus.AWAITING_SIGNOFF
    impact = "Every assessment now records the words of the child."
    reported_complete_on = datetime.date(2026, 9, 1)
