"""Multi-agency audits: the list (filters, sort, pages, CSV), setting one up, and its page.

The audit's page is open to everyone signed in: it is partnership learning and names children
by pseudonym only. The agencies' findings table is narrower (`selectors.audit_findings_visible_to`):
the business unit, partnership leads and the overseeing subgroup see every agency's rows; an
agency lead sees only their own agency's; anyone else sees none.
"""

from django.db.models import Count
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone

from partnership import permissions as core
from partnership.exports import csv_response
from partnership.views.learning.panel import learning_panel_context
from partnership.views.records.values import display
from partnership.views.toolkit import form_page, list_context, posted, require, sorted_by

from ... import permissions, selectors
from ...filters import AuditFilter
from ...forms.audits import AuditForm
from ...models import MultiAgencyAudit
from ...services import audits as services

SORTS = {"title": "title", "planned": "planned_on", "status": "status", "subgroup": "subgroup__name",
         "reported": "reported_on"}  # fmt: skip
DEFAULT_SORT = "-planned"


def get_audit(request, pk: int) -> MultiAgencyAudit:
    return get_object_or_404(selectors.multi_agency_audits_visible_to(request.user), pk=pk)


def audit_list_view(request):
    context = list_context(
        request,
        AuditFilter,
        selectors.multi_agency_audits_visible_to(request.user),
        sorts=SORTS,
        default=DEFAULT_SORT,
    )
    context["can_manage"] = permissions.can_manage_audits(request.user)
    return render(request, "audits/audit_list.html", context)


CSV_COLUMNS = (
    ("Title", lambda a: a.title),
    ("Programme", lambda a: display(a.programme)),
    ("Status", lambda a: a.get_status_display()),
    ("Planned date", lambda a: display(a.planned_on)),
    ("Themes", lambda a: "; ".join(t.name for t in a.themes.all())),
    ("Overseeing subgroup", lambda a: display(a.subgroup)),
    ("Agencies taking part", lambda a: a.participants_count),
    ("Cases in the sample", lambda a: a.cases_count),
    ("Workshop date", lambda a: display(a.workshop_on)),
    ("Date reported", lambda a: display(a.reported_on)),
)


def audit_export_view(request):
    """The audits the list shows, with the same filters and order, every page, as CSV."""
    filterset = AuditFilter(
        request.GET, queryset=selectors.multi_agency_audits_visible_to(request.user), request=request
    )
    queryset, _sort = sorted_by(filterset.qs, request.GET.get("sort", ""), sorts=SORTS, default=DEFAULT_SORT)
    queryset = queryset.annotate(
        participants_count=Count("participants", distinct=True), cases_count=Count("cases", distinct=True)
    )
    return csv_response(
        filename=f"multi-agency-audits-{timezone.localdate():%Y-%m-%d}.csv",
        header=[label for label, _value in CSV_COLUMNS],
        rows=([value(a) for _label, value in CSV_COLUMNS] for a in queryset),
    )


def findings_table(request, audit: MultiAgencyAudit, lines: list, participants: list) -> dict:
    """Agencies by lines of enquiry: each cell the agency's finding (grade and text), for the
    agencies whose findings this person may see."""
    findings = list(selectors.audit_findings_visible_to(request.user, audit))
    sees_all = selectors.sees_all_audit_findings(request.user, audit)
    own = core.roles_of(request.user).lead_of
    by_cell = {(f.agency_id, f.line_of_enquiry_id): f for f in findings}
    rows = [
        {"participant": p, "cells": [by_cell.get((p.agency_id, line.pk)) for line in lines]}
        for p in participants
        if sees_all or p.agency_id in own
    ]
    return {"finding_rows": rows, "findings": findings, "sees_all_findings": sees_all}


def audit_detail_view(request, pk: int):
    audit = get_audit(request, pk)
    lines = list(audit.lines_of_enquiry.all())
    participants = list(audit.participants.select_related("agency"))
    context = {
        "audit": audit,
        "themes": list(audit.themes.all()),
        "lines": lines,
        "participants": participants,
        "cases": list(audit.cases.all()),
        "can_manage": permissions.can_manage_audits(request.user),
        "can_record_finding": permissions.can_record_audit_finding(request.user, audit),
        **findings_table(request, audit, lines, participants),
        **learning_panel_context(request, audit.learning_source),
    }
    return render(request, "audits/audit_detail.html", context)


def audit_create_view(request):
    require(permissions.can_manage_audits(request.user))
    return audit_form_page(request, MultiAgencyAudit())


def audit_edit_view(request, pk: int):
    audit = get_audit(request, pk)
    require(permissions.can_manage_audits(request.user))
    return audit_form_page(request, audit)


def audit_form_page(request, audit: MultiAgencyAudit):
    is_new = audit.pk is None
    form = AuditForm(posted(request), instance=audit)
    return form_page(
        request,
        form,
        call=lambda form: services.audit_save(
            audit=form.instance,
            themes=form.cleaned_data["themes"],
            priorities=form.cleaned_data["priorities"],
            actor=request.user,
        ),
        success=lambda saved: f"Audit {'set up' if is_new else 'saved'}: {saved}",
        template="partnership/source_form.html",
        title="Set up a multi-agency audit" if is_new else "Change the audit's details",
        caption="Multi-agency audits" if is_new else str(audit),
        button="Set up audit" if is_new else "Save audit",
        cancel_url=reverse("audits:audit-list") if is_new else audit.get_absolute_url(),
    )
