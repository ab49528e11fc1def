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
from ...models import AuditStatus, MultiAgencyAudit
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
        **reaudit_context(request, audit),
        **findings_table(request, audit, lines, participants),
        **learning_panel_context(request, audit.learning_source),
    }
    return render(request, "audits/audit_detail.html", context)


def reaudit_context(request, audit: MultiAgencyAudit) -> dict:
    """The audit it repeats and the before and after (for those who may see it), the re-audits
    of it, and whether the business unit may plan one (once its overview is reported)."""
    can_compare = audit.repeats_id is not None and permissions.can_view_audit_comparison(request.user, audit)
    return {
        "repeated_by": list(selectors.multi_agency_audits_visible_to(request.user).filter(repeats=audit)),
        "comparison": selectors.audit_comparison(request.user, audit) if can_compare else None,
        "can_plan_reaudit": permissions.can_manage_audits(request.user)
        and audit.status == AuditStatus.REPORTED,
    }


def audit_create_view(request):
    require(permissions.can_manage_audits(request.user))
    return audit_form_page(request, MultiAgencyAudit())


def audit_edit_view(request, pk: int):
    audit = get_audit(request, pk)
    require(permissions.can_manage_audits(request.user))
    return audit_form_page(request, audit)


def audit_reaudit_view(request, pk: int):
    """Plan a re-audit of this audit: the set-up form, filled in from it (a year later, the
    same scope), naming it as the audit repeated; the new audit takes its lines of enquiry and
    agencies for the business unit to adjust."""
    earlier = get_audit(request, pk)
    require(permissions.can_manage_audits(request.user))
    planned = earlier.planned_on
    try:
        a_year_later = planned.replace(year=planned.year + 1)
    except ValueError:  # 29 February
        a_year_later = planned.replace(year=planned.year + 1, day=28)
    year = a_year_later.year if a_year_later.month >= 4 else a_year_later.year - 1  # April to March
    programme = selectors.programmes_visible_to(request.user).filter(year=year).first()
    initial = {
        "title": reaudit_title(earlier.title),
        "programme": programme.pk if programme else None,
        "repeats": earlier.pk,
        "themes": list(earlier.themes.all()),
        "priorities": list(earlier.priorities.all()),
        "subgroup": earlier.subgroup_id,
        "planned_on": a_year_later,
    }
    return audit_form_page(
        request,
        MultiAgencyAudit(),
        initial=initial,
        title=f"Plan a re-audit of {earlier.title}",
        caption=earlier.title,
        button="Plan re-audit",
        cancel_url=earlier.get_absolute_url(),
        success=lambda saved: (
            f"Re-audit planned: {saved}. Check its lines of enquiry, and confirm each agency's auditor."
        ),
    )


def reaudit_title(title: str) -> str:
    """ "Multi-agency audit: neglect" -> "Multi-agency re-audit: neglect"; otherwise "Re-audit: …"."""
    prefix = "Multi-agency audit: "
    if title.startswith(prefix):
        return f"Multi-agency re-audit: {title[len(prefix) :]}"
    return f"Re-audit: {title}"[:200]


def audit_form_page(request, audit: MultiAgencyAudit, *, initial=None, **page):
    is_new = audit.pk is None
    form = AuditForm(posted(request), instance=audit, initial=initial)
    defaults = {
        "success": lambda saved: f"Audit {'set up' if is_new else 'saved'}: {saved}",
        "title": "Set up a multi-agency audit" if is_new else "Change the audit's details",
        "caption": "Multi-agency audits" if is_new else str(audit),
        "button": "Set up audit" if is_new else "Save audit",
        "cancel_url": reverse("audits:audit-list") if is_new else audit.get_absolute_url(),
    }
    return form_page(
        request,
        form,
        call=lambda form: services.audit_save(
            audit=form.instance,
            themes=form.cleaned_data["themes"],
            priorities=form.cleaned_data["priorities"],
            actor=request.user,
        ),
        template="partnership/source_form.html",
        **(defaults | page),
    )
