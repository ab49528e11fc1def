"""Who may read and change the performance dataset and its deep dives.

The dataset is aggregate and non-personal, so everyone who holds a role in the partnership
reads it (leads, chairs, members, agency leads, lay members, peer challengers); a signed-in
person with no role gets a 403. Only the business unit, who keeps the dataset, changes
indicators, values and deep dives. A deep dive's findings, recommendations and action plan
follow the core's learning-chain rules (`partnership.permissions.can_edit_learning`).
"""

from partnership import permissions as core

from .overview.permissions import can_view_partnership_dashboard


def can_view_dataset(user) -> bool:
    return bool(core.roles_of(user).roles)


def can_manage_dataset(user) -> bool:
    return core.is_business_unit(user)


def sees_performance_data_item(user) -> bool:
    """Whether the header has its own "Performance data" item: for those with a role who do not
    have the partnership dashboard (whose sub-navigation links to the dataset)."""
    return can_view_dataset(user) and not can_view_partnership_dashboard(user)


def can_manage_priority_measures(user) -> bool:
    """Add, change and remove a priority's measures: the business unit, who keeps the dataset
    and the priorities."""
    return core.is_business_unit(user)
