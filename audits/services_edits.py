"""Changing and removing the parts of returns and audits after they were added.

The rules: a planned improvement or an evidence file is changed or removed only while its
return is editable, by those who may edit the return (an improvement never once it has become an
action); the agency's lead removes
colleagues from their agency's return (at any time: taking access away is always safe); the
business unit changes and removes an audit's lines of enquiry, participating agencies and cases.
Removing a line of enquiry or a participating agency also removes the agencies' findings recorded
against it, each with its own history row naming the actor; the remaining lines of enquiry are
renumbered so they stay 1, 2, 3… Every write names the actor in the history.
"""

from django.db import transaction

from partnership.services import DomainError
from partnership.services.history import delete_tracked, save_tracked

from . import permissions
from .models import AuditCase, AuditParticipant, LineOfEnquiry, PlannedImprovement, Return


def _require(allowed: bool, message: str) -> None:
    if not allowed:
        raise DomainError(message)


def _require_manager(actor) -> None:
    _require(permissions.can_manage_audits(actor), "Only the business unit can change audits.")


# --- a return's planned improvements and colleagues ------------------------------------------


def _locked_return(agency_return: Return) -> Return:
    return (
        Return.objects.select_for_update(of=("self",))
        .select_related("round", "agency")
        .get(pk=agency_return.pk)
    )


@transaction.atomic
def improvement_update(*, improvement: PlannedImprovement, actor) -> PlannedImprovement:
    """Change a planned improvement (its fields already set on `improvement`) while the return
    is editable; one that has already become an action is changed on the action instead."""
    agency_return = _locked_return(improvement.agency_return)
    _require(permissions.can_edit_return(actor, agency_return), "You cannot change this return.")
    if improvement.action_id:
        raise DomainError("This improvement is already an action: change the action instead.")
    if not improvement.description.strip():
        raise DomainError("Describe the improvement.", field="description")
    if improvement.standard_id and improvement.standard.framework_id != agency_return.round.framework_id:
        raise DomainError("Choose a standard of this round's framework.", field="standard")
    return save_tracked(improvement, actor=actor, reason="Changed")


@transaction.atomic
def improvement_delete(*, improvement: PlannedImprovement, actor) -> None:
    """Remove a planned improvement while the return is editable (never one that is an action)."""
    agency_return = _locked_return(improvement.agency_return)
    _require(permissions.can_edit_return(actor, agency_return), "You cannot change this return.")
    if improvement.action_id:
        raise DomainError("This improvement is already an action and cannot be removed.")
    delete_tracked(improvement, actor=actor, reason="Removed")


@transaction.atomic
def answer_file_delete(*, record, actor) -> None:
    """Remove an evidence file from an answer while the return is editable, by those who may
    edit it. The row goes (so nobody can download it any more); its history keeps who removed it."""
    agency_return = _locked_return(record.answer.agency_return)
    _require(permissions.can_edit_return(actor, agency_return), "You cannot change this return.")
    delete_tracked(record, actor=actor, reason="Removed")


@transaction.atomic
def return_contributor_remove(*, agency_return: Return, person, actor) -> Return:
    """The agency's lead takes a colleague off the return: they can no longer see or change it
    (unless they can through another role). Their answers so far stay."""
    agency_return = _locked_return(agency_return)
    _require(
        permissions.can_add_contributors(actor, agency_return),
        "Only the agency's lead can remove colleagues.",
    )
    if not agency_return.contributors.filter(pk=person.pk).exists():
        raise DomainError(f"{person} is not helping with this return.")
    agency_return._history_user = actor
    agency_return._change_reason = f"Removed {person}"
    agency_return.contributors.remove(person)
    return agency_return


# --- a multi-agency audit's parts -------------------------------------------------------------


@transaction.atomic
def line_of_enquiry_update(*, line: LineOfEnquiry, text: str, actor) -> LineOfEnquiry:
    """Reword a key line of enquiry; its number and the findings against it stay."""
    _require_manager(actor)
    if not text.strip():
        raise DomainError("Enter the line of enquiry.", field="text")
    line.text = text.strip()
    return save_tracked(line, actor=actor, reason="Changed")


@transaction.atomic
def line_of_enquiry_delete(*, line: LineOfEnquiry, actor) -> None:
    """Remove a line of enquiry and the findings recorded against it; the lines after it move up
    one number so the list has no gap."""
    _require_manager(actor)
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
    _require_manager(actor)
    if not no_previous_involvement:
        raise DomainError(
            "Confirm that the auditor had no previous involvement in the cases audited.",
            field="no_previous_involvement",
        )
    if not auditor.strip():
        raise DomainError("Enter the auditor's name.", field="auditor")
    participant.auditor, participant.no_previous_involvement = auditor.strip(), True
    return save_tracked(participant, actor=actor, reason="Changed")


@transaction.atomic
def participant_delete(*, participant: AuditParticipant, actor) -> None:
    """Take an agency out of the audit, with the findings it recorded."""
    _require_manager(actor)
    findings = participant.audit.agency_findings.filter(agency_id=participant.agency_id)
    for finding in findings:
        delete_tracked(finding, actor=actor, reason=f"{participant.agency} taken out of the audit")
    delete_tracked(participant, actor=actor, reason="Removed")


@transaction.atomic
def case_update(*, case: AuditCase, pseudonym: str, notes: str, actor) -> AuditCase:
    """Change a case in the sample, still by pseudonym only and unique in the audit."""
    _require_manager(actor)
    pseudonym = pseudonym.strip()
    if not pseudonym:
        raise DomainError('Enter a pseudonym, for example "Child A".', field="pseudonym")
    if case.audit.cases.filter(pseudonym__iexact=pseudonym).exclude(pk=case.pk).exists():
        raise DomainError(f"{pseudonym} is already in the case sample.", field="pseudonym")
    case.pseudonym, case.notes = pseudonym, notes.strip()
    return save_tracked(case, actor=actor, reason="Changed")


@transaction.atomic
def case_delete(*, case: AuditCase, actor) -> None:
    """Take a case out of the sample."""
    _require_manager(actor)
    delete_tracked(case, actor=actor, reason="Removed")
