"""Recording a response the partnership awaited (partnership.models.responses). The caller
checks who may record it; this keeps the rules every response shares."""

from datetime import date

from ..models.responses import AwaitedResponse
from .guards import require
from .history import save_tracked


def response_record(
    awaiting: AwaitedResponse,
    *,
    received_on: date,
    response: str,
    actor,
    responder: str,
    not_before: date,
    not_before_message: str,
) -> AwaitedResponse:
    """Record when the response arrived (not before `not_before`: the day it was asked for) and
    what `responder` ("the agency") said, and who recorded it."""
    require(bool(response.strip()), f"Enter {responder}'s response", field="response")
    require(received_on >= not_before, not_before_message, field="received_on")
    awaiting.response_received_on, awaiting.response = received_on, response.strip()
    awaiting.response_recorded_by = actor
    return save_tracked(awaiting, actor=actor)
