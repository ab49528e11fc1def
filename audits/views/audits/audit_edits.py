"""Changing and removing the parts of a multi-agency audit: its key lines of enquiry, the
agencies taking part (with their auditors) and the cases in the sample.

Only the business unit changes them (`permissions.can_manage_audits`: a 403 for everyone else,
who may still read the audit). A part is looked up inside its audit, so a part of another audit
is a 404. Removing asks "are you sure?" first and says what else goes with it: the agencies'
findings recorded against a line of enquiry, or by an agency taken out of the audit.
"""

from django.shortcuts import get_object_or_404

from partnership.views.toolkit import confirmed_change, posted, require

from ... import permissions
from ...forms.audits import AuditCaseForm, AuditorForm, LineOfEnquiryForm
from ...services import audits as services
from .audit_parts import part_page
from .multi_agency import get_audit


def _part(request, pk: int, related: str, part_pk: int):
    """(audit, part): the audit through the person's selector, the part inside it, and a 403
    unless the person may change audits."""
    audit = get_audit(request, pk)
    part = get_object_or_404(getattr(audit, related).all(), pk=part_pk)
    require(permissions.can_manage_audits(request.user))
    return audit, part


def _findings_note(count: int, whose: str, none: str) -> str:
    if not count:
        return none
    return f"The {count} finding{'' if count == 1 else 's'} {whose} will be removed too."


# --- lines of enquiry -----------------------------------------------------------------------


def audit_loe_edit_view(request, pk: int, line_pk: int):
    audit, line = _part(request, pk, "lines_of_enquiry", line_pk)
    form = LineOfEnquiryForm(posted(request), initial={"text": line.text})
    return part_page(
        request, audit, form,
        call=lambda form: services.line_of_enquiry_update(line=line, text=form.cleaned_data["text"],
                                                               actor=request.user),
        success=lambda saved: f"Line of enquiry {saved.number} changed",
        title=f"Change line of enquiry {line.number}", button="Save line of enquiry", anchor="lines-of-enquiry",
    )  # fmt: skip


def audit_loe_delete_view(request, pk: int, line_pk: int):
    audit, line = _part(request, pk, "lines_of_enquiry", line_pk)
    findings = line.agency_findings.count()
    return confirmed_change(
        request,
        change=lambda: services.line_of_enquiry_delete(line=line, actor=request.user),
        success=f"Line of enquiry {line.number} removed",
        back_url=f"{audit.get_absolute_url()}#lines-of-enquiry",
        title=f"Are you sure you want to remove line of enquiry {line.number}?",
        body=[
            f"“{line.text}” will be removed from {audit.title}; the lines after it are renumbered.",
            _findings_note(
                findings, "agencies recorded against it", "No agency has recorded a finding against it."
            ),
        ],
        button="Yes, remove it",
        warning=True,
    )


# --- agencies taking part ------------------------------------------------------------------


def audit_participant_edit_view(request, pk: int, participant_pk: int):
    audit, participant = _part(request, pk, "participants", participant_pk)
    initial = {"auditor": participant.auditor, "no_previous_involvement": participant.no_previous_involvement}
    form = AuditorForm(posted(request), initial=initial)

    def call(form):
        data = form.cleaned_data
        return services.participant_update(
            participant=participant, auditor=data["auditor"],
            no_previous_involvement=data["no_previous_involvement"], actor=request.user,
        )  # fmt: skip

    return part_page(
        request, audit, form, call=call,
        success=lambda saved: f"{saved.agency}'s auditor changed",
        title=f"Change {participant.agency}'s auditor", button="Save auditor", anchor="participants",
    )  # fmt: skip


def audit_participant_delete_view(request, pk: int, participant_pk: int):
    audit, participant = _part(request, pk, "participants", participant_pk)
    findings = audit.agency_findings.filter(agency_id=participant.agency_id).count()
    return confirmed_change(
        request,
        change=lambda: services.participant_delete(participant=participant, actor=request.user),
        success=f"{participant.agency} taken out of the audit",
        back_url=f"{audit.get_absolute_url()}#participants",
        title=f"Are you sure you want to take {participant.agency} out of the audit?",
        body=[
            f"{participant.agency} and its auditor, {participant.auditor}, will no longer be taking part "
            f"in {audit.title}.",
            _findings_note(findings, "it recorded", "It has recorded no findings for the audit."),
        ],
        button="Yes, take it out",
        warning=True,
    )


# --- the case sample -------------------------------------------------------------------------


def audit_case_edit_view(request, pk: int, case_pk: int):
    audit, case = _part(request, pk, "cases", case_pk)
    form = AuditCaseForm(posted(request), initial={"pseudonym": case.pseudonym, "notes": case.notes})
    return part_page(
        request, audit, form,
        call=lambda form: services.case_update(case=case, pseudonym=form.cleaned_data["pseudonym"],
                                                     notes=form.cleaned_data["notes"], actor=request.user),
        success=lambda saved: f"{saved} changed",
        title=f"Change {case.pseudonym}", button="Save case", anchor="cases",
        template="audits/audit_case_form.html",
    )  # fmt: skip


def audit_case_delete_view(request, pk: int, case_pk: int):
    audit, case = _part(request, pk, "cases", case_pk)
    return confirmed_change(
        request,
        change=lambda: services.case_delete(case=case, actor=request.user),
        success=f"{case.pseudonym} taken out of the case sample",
        back_url=f"{audit.get_absolute_url()}#cases",
        title=f"Are you sure you want to take {case.pseudonym} out of the case sample?",
        body=[f"{case.pseudonym} will no longer be one of the cases audited in {audit.title}."],
        button="Yes, take it out",
        warning=True,
    )
