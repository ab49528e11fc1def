"""A small partnership's data for the API tests: for each area, something that belongs to
`world.agency` (led by `agency_lead`) and something that belongs to `world.other_agency`
(led by `other_agency_lead`), so every test can check that one lead never sees the other's."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone

from audits.frameworks import PAN_LONDON_NAME
from audits.models import Answer, Framework, Return, Round, StandardChallenge
from partnership.models import Action, ActionPlan

from ..dashboards.factories import IndicatorFactory, IndicatorValueFactory
from ..factories import ActionFactory, ActionPlanFactory, ReviewFactory
from ..training.factories import AttendeeFactory, CourseFactory, SessionFactory


@dataclass
class Data:
    plan: ActionPlan  # in other_subgroup: nobody of the cast sits on it
    action: Action  # owned by world.agency
    other_action: Action  # owned by world.other_agency, same plan
    round: Round
    own_return: Return
    other_return: Return
    review: object  # a Rapid Review in world.subgroup, pseudonym "Child Q"
    course: object
    session: object
    indicator: object
    value: object


def build_data(world) -> Data:
    plan = ActionPlanFactory(subgroup=world.other_subgroup, title="Neglect audit plan")
    action = ActionFactory(plan=plan, owner_agency=world.agency, description="Refresh the neglect toolkit")
    other_action = ActionFactory(
        plan=plan, owner_agency=world.other_agency, description="Audit strategy discussions"
    )

    framework = Framework.objects.get(name=PAN_LONDON_NAME)
    round_ = Round.objects.create(
        framework=framework, title="Section 11 self-assessment 2026", year=2026, status="open",
        opens_on=datetime.date(2026, 9, 1), due_on=datetime.date(2026, 11, 30), subgroup=world.subgroup,
    )  # fmt: skip
    own_return = Return.objects.create(round=round_, agency=world.agency, status="submitted")
    other_return = Return.objects.create(round=round_, agency=world.other_agency, status="submitted")
    standard = framework.standards.order_by("number").first()
    levels = list(framework.rating_levels.order_by("-score"))
    for ret in (own_return, other_return):
        Answer.objects.create(
            agency_return=ret,
            requirement=standard.requirements.order_by("order", "pk").first(),
            rating=levels[0],
        )
    StandardChallenge.objects.create(
        agency_return=own_return,
        standard=standard,
        moderated_rating=levels[-1],
        recorded_by=world.business_unit,
    )

    review = ReviewFactory(subgroup=world.subgroup, title="Child Q", summary="Child Q was injured at home.")

    course = CourseFactory(title="Neglect: level 2")
    started = timezone.now() - datetime.timedelta(days=14)
    session = SessionFactory(course=course, starts_at=started, ends_at=started + datetime.timedelta(hours=3))
    AttendeeFactory(session=session, agency=world.agency, attended=True)
    AttendeeFactory(session=session, agency=world.other_agency, attended=True)
    AttendeeFactory(session=session, agency=world.other_agency, attended=False)

    indicator = IndicatorFactory(code="CSC01", title="Re-referrals within 12 months")
    value = IndicatorValueFactory(
        indicator=indicator, period_start=datetime.date(2026, 4, 1), value=Decimal("75")
    )
    return Data(
        plan=plan, action=action, other_action=other_action, round=round_, own_return=own_return,
        other_return=other_return, review=review, course=course, session=session, indicator=indicator,
        value=value,
    )  # fmt: skip


def rows(response) -> list[dict]:
    """The rows of a JSON list response."""
    assert response.status_code == 200, response.content[:500]
    return response.json()["results"]


def body(response) -> str:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return content.decode()
