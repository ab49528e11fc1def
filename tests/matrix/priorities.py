"""Matrix cases for a priority's own pages: its page with everything linked to it, recording
progress, its measures, and starting a year's business plan.

A priority is open to everyone signed in (its page lists only the linked records each person
may open, tested in tests/partnership/test_priorities.py). Progress is recorded by the business
unit or the chair of the owning subgroup; measures and the business plan by the business unit.
"""

import datetime
from decimal import Decimal

from dashboards.models import Indicator, PriorityMeasure

from ..factories import ActionFactory, FindingFactory, PriorityFactory, ReviewFactory
from . import Case, only

BU = {"business_unit"}


def owned_priority(w):
    """A priority owned by the chair's subgroup, with an action, a case review's finding and a
    measure linked to it."""
    priority = PriorityFactory(title="Neglect", owner_subgroup=w.subgroup)
    ActionFactory(owner_agency=w.agency).priorities.add(priority)
    review = ReviewFactory(subgroup=w.subgroup)
    review.learning_source.priorities.add(priority)
    FindingFactory(source=review.learning_source).priorities.add(priority)
    indicator = Indicator.objects.create(
        code="PRI01", title="Visits on time", unit="percentage", target=Decimal("80"), frequency="quarterly"
    )
    PriorityMeasure.objects.create(
        priority=priority,
        description="Visits on time",
        indicator=indicator,
        target_date=datetime.date(2027, 3, 31),
    )
    return priority


def other_priority(w):
    return PriorityFactory(title="Exploitation", owner_subgroup=w.other_subgroup)


def measure(w):
    return PriorityMeasure.objects.create(
        priority=PriorityFactory(), description="More children say they were heard"
    )


CASES = [
    Case("partnership:priority-detail", args=lambda w: [owned_priority(w).pk], label="linked"),
    Case(
        "partnership:priority-assess",
        args=lambda w: [owned_priority(w).pk],
        label="own subgroup",
        expect=only(BU | {"subgroup_chair"}),
    ),
    Case(
        "partnership:priority-assess",
        args=lambda w: [other_priority(w).pk],
        label="other subgroup",
        expect=only(BU),
    ),
    Case("partnership:business-plan-start", expect=only(BU)),
    Case("dashboards:priority-measure-create", args=lambda w: [PriorityFactory().pk], expect=only(BU)),
    Case("dashboards:priority-measure-edit", args=lambda w: [measure(w).pk], expect=only(BU)),
    Case("dashboards:priority-measure-delete", args=lambda w: [measure(w).pk], expect=only(BU)),
]
