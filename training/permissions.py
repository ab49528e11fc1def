"""Who may see and do what in training.

- The business unit runs training: programmes, courses, sessions, attendees, imports,
  attendance, the needs assessment, the analysis, tagging impact examples, impact analyses.
- The partnership leads and the chair and members of a subgroup overseeing a training
  programme (usually the Training subgroup) read all of it.
- An agency lead reads the programme and courses, their own agency's attendees (never another
  agency's), reports their agency's training needs and coverage figures.
- Practitioners have no account: they book on the public pages and use emailed links.

Lists and detail pages go through `training.selectors` first (404 outside it) and these
predicates second (403).
"""

from partnership import permissions as core

from .models import Need, Programme


def can_manage_training(user) -> bool:
    return core.is_business_unit(user)


def oversees_training(user) -> bool:
    """Reads every training page: the business unit, partnership leads, the Training subgroup."""
    if core.sees_everything(user):
        return True
    subgroups = core.roles_of(user).subgroups
    if not subgroups:
        return False
    cached = getattr(user, "_oversees_training", None)
    if cached is None:
        cached = Programme.objects.filter(subgroup_id__in=subgroups).exists()
        user._oversees_training = cached
    return cached


def can_view_training(user) -> bool:
    """Opens the training area at all: those who oversee it, and agency leads (their agency's part)."""
    return oversees_training(user) or core.is_agency_lead(user)


def can_report_for_agency(user, agency) -> bool:
    """Reports an agency's training needs and coverage figures: its lead, or the business unit."""
    return core.is_business_unit(user) or core.is_agency_lead(user, agency)


def can_report_coverage(user) -> bool:
    """Reports coverage figures for some agency: the business unit, or an agency lead."""
    return can_manage_training(user) or core.is_agency_lead(user)


def can_add_need(user, assessment) -> bool:
    """Adds a need to the assessment: the business unit always; an agency lead while it is open."""
    if can_manage_training(user):
        return True
    return core.is_agency_lead(user) and assessment.is_open()


def can_change_need(user, need: Need, today=None) -> bool:
    """The business unit always; the agency's lead while the assessment is open."""
    if can_manage_training(user):
        return True
    return (
        need.agency_id is not None
        and can_report_for_agency(user, need.agency)
        and need.assessment.is_open(today)
    )
