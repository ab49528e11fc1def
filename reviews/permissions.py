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


# --- child death review learning and learning from reviews published elsewhere --------------


def _cdop_subgroup_ids() -> set:
    """The subgroups that own CDOP annual reports: the Child Death Overview Panel."""
    from .models import CdopReport

    return set(CdopReport.objects.order_by().values_list("subgroup_id", flat=True).distinct())


def can_record_cdop_report(user, report=None) -> bool:
    """Record or change a CDOP annual report and refer cases from it: the business unit, or the
    chair of the Child Death Overview Panel, the subgroup that owns the report. Without a saved
    report (a new one) the chair must chair a subgroup that already owns one: the business unit
    sets up the first report and so names the panel's subgroup."""
    if core.is_business_unit(user):
        return True
    chair_of = core.roles_of(user).chair_of
    if not chair_of:
        return False
    if report is not None and report.pk is not None:
        return report.subgroup_id in chair_of
    owners = _cdop_subgroup_ids() & chair_of
    if report is not None and report.subgroup_id is not None:
        return report.subgroup_id in owners
    return bool(owners)


def can_see_referrals(user) -> bool:
    """Referrals of cases from the Child Death Overview Panel name a child (by pseudonym) and
    say why their death may need a review: for those who may see case reviews, namely the
    business unit, the partnership leads and the members and chairs of the Practice Review
    subgroup (a subgroup that oversees case reviews) and of the Child Death Overview Panel (a
    subgroup that owns CDOP reports). Not agency leads, lay members or peer challengers."""
    from .models import Review

    if core.sees_everything(user):
        return True
    subgroups = core.roles_of(user).subgroups
    if not subgroups:
        return False
    if subgroups & _cdop_subgroup_ids():
        return True
    return Review.objects.filter(subgroup_id__in=subgroups).exists()


def can_record_external_review(user) -> bool:
    """Record or change learning from a review published elsewhere: the business unit or any
    subgroup chair (it is public learning, brought to whichever subgroup can use it)."""
    return core.is_business_unit(user) or core.is_subgroup_chair(user)


def can_manage_referral(user, referral) -> bool:
    """Record the review opened in response to a CDOP referral: those who may record the
    report's referrals (the business unit, the panel's chair); one with no report, the
    business unit only."""
    if referral.report_id is None:
        return core.is_business_unit(user)
    return can_see_referrals(user) and can_record_cdop_report(user, referral.report)


def can_see_case_reviews(user) -> bool:
    """Whether the person may read any case review, or the CDOP referrals that lead to one: the
    business unit, the partnership leads, the subgroups that oversee reviews or own CDOP reports,
    and anyone named on a review's panel. They must use two-factor sign-in (the core asks this
    through `partnership.two_factor.policy`, registered in extensions.py)."""
    from .selectors import reviews_visible_to

    return can_see_referrals(user) or reviews_visible_to(user).exists()


def sees_case_reviews_item(user) -> bool:
    """Whether the header shows the "Case reviews" list: case reviews are confidential, so the
    item is for those who may read one (the business unit, the partnership leads, anyone on a
    subgroup, anyone on a review's panel)."""
    from .models import PanelMember

    if core.sees_everything(user) or core.roles_of(user).subgroups:
        return True
    return PanelMember.objects.filter(user_id=user.pk).exists()


# --- referrals of cases for a learning review ------------------------------------------------


def can_refer_case(user) -> bool:
    """Refer a case for a learning review: anyone working for a partner agency (on behalf of
    their agency or as a practitioner), and the business unit (for an audit, the Child Death
    Overview Panel or a Rapid Review's outcome)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return core.is_business_unit(user) or user.agency_id is not None


def can_see_all_referrals(user) -> bool:
    """Every referral: the business unit, who screens them, and the partnership leads. Anyone
    else sees only their own and, as an agency's lead, their agency's (selectors)."""
    return core.sees_everything(user)


def can_screen_referral(user, referral=None) -> bool:
    """Screen a referral against the criteria and record the decision: the business unit."""
    return core.is_business_unit(user)


def sees_referrals_item(user) -> bool:
    """The list of referrals: for those who may refer or see them. The header's item is for
    those who see them all; an agency's lead finds them on the home page, under their agency."""
    return can_refer_case(user) or can_see_all_referrals(user)
