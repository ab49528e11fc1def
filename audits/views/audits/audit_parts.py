"""The parts of a multi-agency audit, each its own small form: key lines of enquiry,
participating agencies and their auditors, the case sample, each agency's findings, the
workshop and the overview.

The business unit records every part; an agency lead records their OWN agency's findings for
an audit their agency takes part in (`permissions.can_record_audit_finding`): choosing another
agency is a 403, not a quiet form error, because the page never offered it.
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import render

from partnership.models import Agency
from partnership.views.toolkit import form_page, posted, require

from ... import permissions
from ...forms.audits import (
    AgencyFindingForm,
    AuditCaseForm,
    LineOfEnquiryForm,
    OverviewForm,
    ParticipantForm,
    WorkshopForm,
)
from ...services import audits as services
from .multi_agency import get_audit


def part_page(
    request, audit, form, *, call, success, title, button, anchor, template="partnership/source_form.html"
):
    return form_page(
        request,
        form,
        call=call,
        success=success,
        next_url=f"{audit.get_absolute_url()}#{anchor}",
        template=template,
        title=title,
        caption=audit.title,
        button=button,
        cancel_url=f"{audit.get_absolute_url()}#{anchor}",
        audit=audit,
    )


def audit_loe_add_view(request, pk: int):
    audit = get_audit(request, pk)
    require(permissions.can_manage_audits(request.user))
    form = LineOfEnquiryForm(posted(request))
    return part_page(
        request, audit, form,
        call=lambda form: services.line_of_enquiry_add(audit=audit, text=form.cleaned_data["text"], actor=request.user),
        success=lambda saved: f"Line of enquiry {saved.number} added",
        title="Add a key line of enquiry", button="Add line of enquiry", anchor="lines-of-enquiry",
    )  # fmt: skip


def audit_participant_add_view(request, pk: int):
    audit = get_audit(request, pk)
    require(permissions.can_manage_audits(request.user))
    form = ParticipantForm(posted(request), audit=audit)

    def call(form):
        data = form.cleaned_data
        return services.participant_add(
            audit=audit, agency=data["agency"], auditor=data["auditor"],
            no_previous_involvement=data["no_previous_involvement"], actor=request.user,
        )  # fmt: skip

    return part_page(
        request, audit, form, call=call,
        success=lambda saved: f"{saved.agency} added to the audit",
        title="Add a participating agency", button="Add agency", anchor="participants",
    )  # fmt: skip


def audit_case_add_view(request, pk: int):
    audit = get_audit(request, pk)
    require(permissions.can_manage_audits(request.user))
    form = AuditCaseForm(posted(request))
    return part_page(
        request, audit, form,
        call=lambda form: services.case_add(audit=audit, pseudonym=form.cleaned_data["pseudonym"],
                                            notes=form.cleaned_data["notes"], actor=request.user),
        success=lambda saved: f"{saved} added to the case sample",
        title="Add a case to the sample", button="Add case", anchor="cases",
        template="audits/audit_case_form.html",
    )  # fmt: skip


def _chosen_agency(request):
    """The agency posted, if it is a real one (the form reports a missing or unknown one)."""
    value = request.POST.get("agency", "")
    return Agency.objects.filter(pk=value).first() if value.isdigit() else None


def audit_finding_add_view(request, pk: int):
    audit = get_audit(request, pk)
    require(permissions.can_record_audit_finding(request.user, audit))
    if request.method == "POST":
        agency = _chosen_agency(request)
        if agency is not None and not permissions.can_record_audit_finding(request.user, audit, agency):
            raise PermissionDenied
    if not audit.lines_of_enquiry.exists() or not audit.participants.exists():
        return render(request, "audits/audit_finding_unready.html", {"audit": audit})
    form = AgencyFindingForm(posted(request), audit=audit, user=request.user)
    form.fields["agency"].initial = request.GET.get("agency")
    form.fields["line_of_enquiry"].initial = request.GET.get("line")

    def call(form):
        data = form.cleaned_data
        return services.agency_finding_record(
            audit=audit, agency=data["agency"], line_of_enquiry=data["line_of_enquiry"], grade=data["grade"],
            finding=data["finding"], actor=request.user,
        )  # fmt: skip

    return part_page(
        request, audit, form, call=call,
        success=lambda saved: f"{saved.agency.display_name}'s finding on line of enquiry {saved.line_of_enquiry.number} recorded",
        title="Record an agency's finding", button="Record finding", anchor="findings",
        template="audits/audit_finding_form.html",
    )  # fmt: skip


def audit_workshop_view(request, pk: int):
    audit = get_audit(request, pk)
    require(permissions.can_manage_audits(request.user))
    initial = {"workshop_on": audit.workshop_on, "workshop_attendees": audit.workshop_attendees,
               "workshop_notes": audit.workshop_notes}  # fmt: skip
    form = WorkshopForm(posted(request), initial=initial)
    return part_page(
        request, audit, form,
        call=lambda form: services.workshop_record(
            audit=audit, workshop_on=form.cleaned_data["workshop_on"],
            attendees=form.cleaned_data["workshop_attendees"], notes=form.cleaned_data["workshop_notes"],
            actor=request.user,
        ),
        success=lambda saved: "Workshop recorded",
        title="Record the workshop", button="Save workshop", anchor="workshop",
    )  # fmt: skip


def audit_overview_view(request, pk: int):
    audit = get_audit(request, pk)
    require(permissions.can_manage_audits(request.user))
    initial = {"strengths": audit.strengths, "areas_for_improvement": audit.areas_for_improvement,
               "childrens_views": audit.childrens_views, "reported_on": audit.reported_on, "status": audit.status}  # fmt: skip
    form = OverviewForm(posted(request), initial=initial)

    def call(form):
        data = form.cleaned_data
        return services.overview_record(
            audit=audit, strengths=data["strengths"], areas_for_improvement=data["areas_for_improvement"],
            childrens_views=data["childrens_views"], reported_on=data["reported_on"], status=data["status"],
            actor=request.user,
        )  # fmt: skip

    return part_page(
        request, audit, form, call=call, success=lambda saved: "Overview saved",
        title="The overview", button="Save overview", anchor="overview",
    )  # fmt: skip
