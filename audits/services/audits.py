"""Writes to the audit programme, multi-agency and single-agency audits, and inspections.

The rules: the business unit sets up programmes, multi-agency audits and inspections and
records an audit's lines of enquiry, participants, case sample, workshop and overview; an
agency taking part records its OWN findings (its agency lead), the business unit any agency's;
an agency lead reports their own agency's single-agency audits. Every write names the actor in
the history; a refusal is a `DomainError` (with the field it is about, where there is one).
The business unit changes and removes an audit's lines of enquiry, participating agencies and
cases; removing a line of enquiry or a participating agency also removes the agencies' findings
recorded against it, each with its own history row naming the actor, and the remaining lines of
enquiry are renumbered so they stay 1, 2, 3…
Each service re-checks permission, because commands and tasks have no view to check it.
"""

from django.db import transaction

from partnership.services import DomainError
from partnership.services.guards import require, require_actor
from partnership.services.history import delete_tracked, save_tracked
from partnership.uploads import check_upload

from .. import permissions
from ..models import (
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

CHANGE_AUDITS = "Only the business unit can change audits and inspections."
CHANGE_AUDIT_PARTS = "Only the business unit can change audits."


def _check_auditor(auditor: str, no_previous_involvement: bool) -> None:
    """An agency's auditor is named and had no previous involvement in the cases (the point of
    the method: practitioners audit their own agency's work with fresh eyes)."""
    require(
        no_previous_involvement,
        "Confirm that the auditor had no previous involvement in the cases audited.",
        field="no_previous_involvement",
    )
    require(bool(auditor.strip()), "Enter the auditor's name.", field="auditor")


def _checked_pseudonym(other_cases, pseudonym: str) -> str:
    """A case is known by a pseudonym only, unique (whatever its case) among the audit's other cases."""
    pseudonym = pseudonym.strip()
    require(bool(pseudonym), 'Enter a pseudonym, for example "Child A".', field="pseudonym")
    require(
        not other_cases.filter(pseudonym__iexact=pseudonym).exists(),
        f"{pseudonym} is already in the case sample.",
        field="pseudonym",
    )
    return pseudonym


# --- the programme and the audit itself ---------------------------------------------------


@transaction.atomic
def programme_save(*, programme: AuditProgramme, actor) -> AuditProgramme:
    """Set up or change a year's audit programme (one per year)."""
    require_actor(actor, permissions.can_manage_audits, CHANGE_AUDITS)
    return save_tracked(programme, actor=actor)


@transaction.atomic
def audit_save(*, audit: MultiAgencyAudit, themes=None, priorities=None, actor) -> MultiAgencyAudit:
    """Set up or change a multi-agency audit, its themes and the priorities it serves. An audit
    may repeat an earlier, reported one (a re-audit: did the improvements stick?); see
    `_copy_from_repeated` for what it takes from it."""
    require_actor(actor, permissions.can_manage_audits, CHANGE_AUDITS)
    if audit.programme_id and audit.planned_on:
        year = audit.programme.year
        if not (year <= audit.planned_on.year <= year + 1):
            raise DomainError(
                f"The planned date must fall in the programme's year ({audit.programme}).", field="planned_on"
            )
    repeated_before = (
        MultiAgencyAudit.objects.filter(pk=audit.pk).values_list("repeats_id", flat=True).first()
    )
    if audit.repeats_id is not None:
        _check_repeats(audit)
    save_tracked(audit, actor=actor)
    if themes is not None:
        audit.themes.set(themes)
    if priorities is not None:
        audit.priorities.set(priorities)
    if audit.repeats_id is not None and audit.repeats_id != repeated_before:
        _copy_from_repeated(audit, actor=actor)
    return audit


def _check_repeats(audit: MultiAgencyAudit) -> None:
    """A re-audit repeats another audit whose overview has been reported, planned before it."""
    earlier = audit.repeats
    require(earlier.pk != audit.pk, "An audit cannot repeat itself.", field="repeats")
    require(
        earlier.status == AuditStatus.REPORTED,
        f"Choose an audit whose overview has been reported: {earlier} is not reported yet.",
        field="repeats",
    )
    require(
        audit.planned_on is None or earlier.planned_on < audit.planned_on,
        f"The re-audit must be planned after the audit it repeats (planned {earlier.planned_on:%-d %B %Y}).",
        field="planned_on",
    )


def _copy_from_repeated(audit: MultiAgencyAudit, *, actor) -> None:
    """When an audit is set up as a re-audit (or comes to name another audit it repeats): with
    no lines of enquiry yet, it takes the earlier audit's, each remembering the line it repeats
    (so its figures are compared however it is reworded later); with no agencies yet, it takes
    the earlier audit's agencies and auditors, for the business unit to confirm again (the case
    sample is new, so is the auditor's independence from it). Saving it again copies nothing."""
    earlier = audit.repeats
    if not audit.lines_of_enquiry.exists():
        for line in earlier.lines_of_enquiry.all():
            copy = LineOfEnquiry(audit=audit, number=line.number, text=line.text, repeats=line)
            save_tracked(copy, actor=actor, reason=f"Copied from {earlier}")
    if not audit.participants.exists():
        for participant in earlier.participants.all():
            copy = AuditParticipant(audit=audit, agency_id=participant.agency_id, auditor=participant.auditor,
                                    no_previous_involvement=False)  # fmt: skip
            save_tracked(copy, actor=actor, reason=f"Copied from {earlier}")


@transaction.atomic
def line_of_enquiry_add(*, audit: MultiAgencyAudit, text: str, actor) -> LineOfEnquiry:
    """Add a key line of enquiry, numbered after the last one."""
    require_actor(actor, permissions.can_manage_audits, CHANGE_AUDITS)
    require(bool(text.strip()), "Enter the line of enquiry.", field="text")
    last = audit.lines_of_enquiry.order_by("-number").values_list("number", flat=True).first() or 0
    return save_tracked(LineOfEnquiry(audit=audit, number=last + 1, text=text.strip()), actor=actor)


@transaction.atomic
def participant_add(*, audit: MultiAgencyAudit, agency, auditor: str, no_previous_involvement: bool,
                    actor) -> AuditParticipant:  # fmt: skip
    """An agency takes part, with its auditor, who must have had no previous involvement in the
    cases (the point of the method: practitioners audit their own agency's work with fresh eyes)."""
    require_actor(actor, permissions.can_manage_audits, CHANGE_AUDITS)
    _check_auditor(auditor, no_previous_involvement)
    if audit.participants.filter(agency=agency).exists():
        raise DomainError(f"{agency} is already taking part in this audit.", field="agency")
    participant = AuditParticipant(
        audit=audit, agency=agency, auditor=auditor.strip(), no_previous_involvement=True
    )
    return save_tracked(participant, actor=actor)


@transaction.atomic
def case_add(*, audit: MultiAgencyAudit, pseudonym: str, notes: str, actor) -> AuditCase:
    """Add a case to the sample, by pseudonym only."""
    require_actor(actor, permissions.can_manage_audits, CHANGE_AUDITS)
    pseudonym = _checked_pseudonym(audit.cases.all(), pseudonym)
    return save_tracked(AuditCase(audit=audit, pseudonym=pseudonym, notes=notes.strip()), actor=actor)


@transaction.atomic
def agency_finding_record(*, audit: MultiAgencyAudit, agency, line_of_enquiry: LineOfEnquiry, grade: str,
                          finding: str, actor) -> AgencyAuditFinding:  # fmt: skip
    """Record (or replace) one agency's finding and grade on one line of enquiry.

    An agency lead records only their own agency's findings, and only for an audit their agency
    takes part in; the business unit records any participating agency's."""
    require_actor(
        actor,
        permissions.can_record_audit_finding,
        "You can record findings only for your own agency, in an audit it takes part in.",
        audit,
        agency,
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
    require_actor(actor, permissions.can_manage_audits, CHANGE_AUDITS)
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
    require_actor(actor, permissions.can_manage_audits, CHANGE_AUDITS)
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
    require_actor(
        actor,
        permissions.can_report_single_agency_audit,
        "Only the agency's lead or the business unit can report its audits.",
        audit.agency,
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
    require_actor(actor, permissions.can_manage_audits, CHANGE_AUDITS)
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


# --- a multi-agency audit's parts -------------------------------------------------------------


@transaction.atomic
def line_of_enquiry_update(*, line: LineOfEnquiry, text: str, actor) -> LineOfEnquiry:
    """Reword a key line of enquiry; its number and the findings against it stay."""
    require_actor(actor, permissions.can_manage_audits, CHANGE_AUDIT_PARTS)
    require(bool(text.strip()), "Enter the line of enquiry.", field="text")
    line.text = text.strip()
    return save_tracked(line, actor=actor, reason="Changed")


@transaction.atomic
def line_of_enquiry_delete(*, line: LineOfEnquiry, actor) -> None:
    """Remove a line of enquiry and the findings recorded against it; the lines after it move up
    one number so the list has no gap."""
    require_actor(actor, permissions.can_manage_audits, CHANGE_AUDIT_PARTS)
    line = LineOfEnquiry.objects.select_for_update().get(pk=line.pk)
    for finding in line.agency_findings.all():
        delete_tracked(finding, actor=actor, reason=f"Line of enquiry {line.number} removed")
    audit_id, number = line.audit_id, line.number
    delete_tracked(line, actor=actor, reason="Removed")
    # Ascending order: each line moves into the number just freed, so the unique constraint holds.
    for later in LineOfEnquiry.objects.filter(audit_id=audit_id, number__gt=number).order_by("number"):
        later.number -= 1
        save_tracked(later, actor=actor, reason="Renumbered")


@transaction.atomic
def participant_update(*, participant: AuditParticipant, auditor: str, no_previous_involvement: bool,
                       actor) -> AuditParticipant:  # fmt: skip
    """Change a participating agency's auditor, who must still have had no previous involvement."""
    require_actor(actor, permissions.can_manage_audits, CHANGE_AUDIT_PARTS)
    _check_auditor(auditor, no_previous_involvement)
    participant.auditor, participant.no_previous_involvement = auditor.strip(), True
    return save_tracked(participant, actor=actor, reason="Changed")


@transaction.atomic
def participant_delete(*, participant: AuditParticipant, actor) -> None:
    """Take an agency out of the audit, with the findings it recorded."""
    require_actor(actor, permissions.can_manage_audits, CHANGE_AUDIT_PARTS)
    findings = participant.audit.agency_findings.filter(agency_id=participant.agency_id)
    for finding in findings:
        delete_tracked(finding, actor=actor, reason=f"{participant.agency} taken out of the audit")
    delete_tracked(participant, actor=actor, reason="Removed")


@transaction.atomic
def case_update(*, case: AuditCase, pseudonym: str, notes: str, actor) -> AuditCase:
    """Change a case in the sample, still by pseudonym only and unique in the audit."""
    require_actor(actor, permissions.can_manage_audits, CHANGE_AUDIT_PARTS)
    pseudonym = _checked_pseudonym(case.audit.cases.exclude(pk=case.pk), pseudonym)
    case.pseudonym, case.notes = pseudonym, notes.strip()
    return save_tracked(case, actor=actor, reason="Changed")


@transaction.atomic
def case_delete(*, case: AuditCase, actor) -> None:
    """Take a case out of the sample."""
    require_actor(actor, permissions.can_manage_audits, CHANGE_AUDIT_PARTS)
    delete_tracked(case, actor=actor, reason="Removed")
