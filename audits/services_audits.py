"""Writes to the audit programme, multi-agency and single-agency audits, and inspections.

The rules: the business unit sets up programmes, multi-agency audits and inspections and
records an audit's lines of enquiry, participants, case sample, workshop and overview; an
agency taking part records its OWN findings (its agency lead), the business unit any agency's;
an agency lead reports their own agency's single-agency audits. Every write names the actor in
the history; a refusal is a `DomainError` (with the field it is about, where there is one).
Each service re-checks permission, because commands and tasks have no view to check it.
"""

from django.db import transaction

from partnership.services import DomainError
from partnership.services.history import save_tracked
from partnership.uploads import check_upload

from . import permissions
from .models import (
    AgencyAuditFinding,
    AuditCase,
    AuditParticipant,
    AuditProgramme,
    AuditStatus,
    Inspection,
    LineOfEnquiry,
    MultiAgencyAudit,
    SingleAgencyAudit,
)


def _require(allowed: bool, message: str) -> None:
    if not allowed:
        raise DomainError(message)


def _require_manager(actor) -> None:
    _require(
        permissions.can_manage_audits(actor), "Only the business unit can change audits and inspections."
    )


# --- the programme and the audit itself ---------------------------------------------------


@transaction.atomic
def programme_save(*, programme: AuditProgramme, actor) -> AuditProgramme:
    """Set up or change a year's audit programme (one per year)."""
    _require_manager(actor)
    return save_tracked(programme, actor=actor)


@transaction.atomic
def audit_save(*, audit: MultiAgencyAudit, themes=None, actor) -> MultiAgencyAudit:
    """Set up or change a multi-agency audit and its themes."""
    _require_manager(actor)
    if audit.programme_id and audit.planned_on:
        year = audit.programme.year
        if not (year <= audit.planned_on.year <= year + 1):
            raise DomainError(
                f"The planned date must fall in the programme's year ({audit.programme}).", field="planned_on"
            )
    save_tracked(audit, actor=actor)
    if themes is not None:
        audit.themes.set(themes)
    return audit


@transaction.atomic
def line_of_enquiry_add(*, audit: MultiAgencyAudit, text: str, actor) -> LineOfEnquiry:
    """Add a key line of enquiry, numbered after the last one."""
    _require_manager(actor)
    if not text.strip():
        raise DomainError("Enter the line of enquiry.", field="text")
    last = audit.lines_of_enquiry.order_by("-number").values_list("number", flat=True).first() or 0
    return save_tracked(LineOfEnquiry(audit=audit, number=last + 1, text=text.strip()), actor=actor)


@transaction.atomic
def participant_add(*, audit: MultiAgencyAudit, agency, auditor: str, no_previous_involvement: bool,
                    actor) -> AuditParticipant:  # fmt: skip
    """An agency takes part, with its auditor, who must have had no previous involvement in the
    cases (the point of the method: practitioners audit their own agency's work with fresh eyes)."""
    _require_manager(actor)
    if not no_previous_involvement:
        raise DomainError(
            "Confirm that the auditor had no previous involvement in the cases audited.",
            field="no_previous_involvement",
        )
    if not auditor.strip():
        raise DomainError("Enter the auditor's name.", field="auditor")
    if audit.participants.filter(agency=agency).exists():
        raise DomainError(f"{agency} is already taking part in this audit.", field="agency")
    participant = AuditParticipant(
        audit=audit, agency=agency, auditor=auditor.strip(), no_previous_involvement=True
    )
    return save_tracked(participant, actor=actor)


@transaction.atomic
def case_add(*, audit: MultiAgencyAudit, pseudonym: str, notes: str, actor) -> AuditCase:
    """Add a case to the sample, by pseudonym only."""
    _require_manager(actor)
    pseudonym = pseudonym.strip()
    if not pseudonym:
        raise DomainError('Enter a pseudonym, for example "Child A".', field="pseudonym")
    if audit.cases.filter(pseudonym__iexact=pseudonym).exists():
        raise DomainError(f"{pseudonym} is already in the case sample.", field="pseudonym")
    return save_tracked(AuditCase(audit=audit, pseudonym=pseudonym, notes=notes.strip()), actor=actor)


@transaction.atomic
def agency_finding_record(*, audit: MultiAgencyAudit, agency, line_of_enquiry: LineOfEnquiry, grade: str,
                          finding: str, actor) -> AgencyAuditFinding:  # fmt: skip
    """Record (or replace) one agency's finding and grade on one line of enquiry.

    An agency lead records only their own agency's findings, and only for an audit their agency
    takes part in; the business unit records any participating agency's."""
    _require(
        permissions.can_record_audit_finding(actor, audit, agency),
        "You can record findings only for your own agency, in an audit it takes part in.",
    )
    if not audit.participants.filter(agency=agency).exists():
        raise DomainError(f"{agency} is not taking part in this audit.", field="agency")
    if line_of_enquiry.audit_id != audit.pk:
        raise DomainError("Choose one of this audit's lines of enquiry.", field="line_of_enquiry")
    if not finding.strip():
        raise DomainError("Enter the agency's finding.", field="finding")
    record = AgencyAuditFinding.objects.filter(
        audit=audit, agency=agency, line_of_enquiry=line_of_enquiry
    ).first()
    record = record or AgencyAuditFinding(audit=audit, agency=agency, line_of_enquiry=line_of_enquiry)
    record.grade, record.finding, record.recorded_by = grade, finding.strip(), actor
    return save_tracked(record, actor=actor)


@transaction.atomic
def workshop_record(*, audit: MultiAgencyAudit, workshop_on, attendees: str, notes: str,
                    actor) -> MultiAgencyAudit:  # fmt: skip
    """Record the workshop where the agencies' findings were brought together and challenged.
    An audit still being planned or audited moves on to "workshop held"."""
    _require_manager(actor)
    audit = MultiAgencyAudit.objects.select_for_update().get(pk=audit.pk)
    if workshop_on is None:
        raise DomainError("Enter the date of the workshop.", field="workshop_on")
    audit.workshop_on, audit.workshop_attendees, audit.workshop_notes = (
        workshop_on,
        attendees.strip(),
        notes.strip(),
    )
    if audit.status in (AuditStatus.PLANNED, AuditStatus.AUDITING):
        audit.status = AuditStatus.WORKSHOP
    return save_tracked(audit, actor=actor, reason="Workshop recorded")


@transaction.atomic
def overview_record(*, audit: MultiAgencyAudit, strengths: str, areas_for_improvement: str, childrens_views: str,
                    reported_on, status: str, actor) -> MultiAgencyAudit:  # fmt: skip
    """The overview: strengths, areas for improvement and what children and families said. An
    audit is "reported" only with its strengths, areas for improvement and the date reported."""
    _require_manager(actor)
    audit = MultiAgencyAudit.objects.select_for_update().get(pk=audit.pk)
    if status == AuditStatus.REPORTED:
        if not strengths.strip():
            raise DomainError(
                "Enter the strengths before marking the overview as reported.", field="strengths"
            )
        if not areas_for_improvement.strip():
            raise DomainError(
                "Enter the areas for improvement before marking the overview as reported.",
                field="areas_for_improvement",
            )
        if reported_on is None:
            raise DomainError("Enter the date the overview was reported.", field="reported_on")
    audit.strengths, audit.areas_for_improvement = strengths.strip(), areas_for_improvement.strip()
    audit.childrens_views, audit.reported_on, audit.status = childrens_views.strip(), reported_on, status
    return save_tracked(audit, actor=actor, reason="Overview recorded")


# --- single-agency audits -----------------------------------------------------------------


@transaction.atomic
def single_agency_audit_save(*, audit: SingleAgencyAudit, themes=None, actor) -> SingleAgencyAudit:
    """Report (or change) an agency's own audit: its agency lead or the business unit."""
    if audit.agency_id is None:
        raise DomainError("Choose the agency.", field="agency")
    _require(
        permissions.can_report_single_agency_audit(actor, audit.agency),
        "Only the agency's lead or the business unit can report its audits.",
    )
    if audit.pk is None or audit.reported_by_id is None:
        audit.reported_by = actor
    save_tracked(audit, actor=actor)
    if themes is not None:
        audit.themes.set(themes)
    return audit


# --- inspections ----------------------------------------------------------------------------


@transaction.atomic
def inspection_save(*, inspection: Inspection, agencies=None, upload=None, actor) -> Inspection:
    """Record or change an inspection; a report file is checked for type and size before it
    is stored (privately, served only by a signed-in download)."""
    _require_manager(actor)
    if inspection.ended_on and inspection.started_on and inspection.ended_on < inspection.started_on:
        raise DomainError("The end date must be on or after the start date.", field="ended_on")
    if agencies is not None and not agencies:
        raise DomainError("Choose the agencies inspected.", field="agencies")
    if upload is not None:
        try:
            _content_type, name = check_upload(upload)
        except DomainError as exc:
            raise DomainError(exc.message, field="report_upload") from exc
        inspection.report_file.save(name, upload, save=False)
        inspection.report_file_name = name
    save_tracked(inspection, actor=actor)
    if agencies is not None:
        inspection.agencies.set(agencies)
    return inspection
