"""Who may see and do what with case reviews (special-category data about children).

A review's detail is for the business unit, the partnership leads, the subgroup that oversees
it (the Practice Review subgroup) and the people named on its panel. An agency lead sees only
the recommendations and actions addressed to their agency (through the core's learning chain)
and the agency summary requests sent to their agency. Pages ask `selectors.reviews_visible_to`
first (a 404 outside it) and these predicates second (a 403).
"""

from partnership import permissions as core


def can_open_review(user) -> bool:
    """Record a notification, open a review, run its stages: the business unit."""
    return core.is_business_unit(user)


def can_manage_review(user, review) -> bool:
    """Change a review's details, panel, chronology, documents and stage."""
    return core.is_business_unit(user) or core.is_subgroup_chair(user, review.subgroup)


def can_decide(user, review) -> bool:
    """Record the safeguarding partners' decision: the business unit records it, a partnership
    lead may record it themselves."""
    return core.is_business_unit(user) or core.is_partnership_lead(user)


def can_answer_request(user, request) -> bool:
    """Answer an agency summary request: the lead of the agency it is addressed to."""
    return core.is_agency_lead(user, request.agency) or core.is_business_unit(user)


def can_read_access_log(user) -> bool:
    return core.is_business_unit(user)
