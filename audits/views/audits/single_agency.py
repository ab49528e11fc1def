"""Single-agency audits reported to the partnership: the list (filters, sort, pages, CSV),
reporting one, its page and changing it.

The list and pages read through `selectors.single_agency_audits_visible_to`: an agency lead sees
only their own agency's (another agency's is a 404); the business unit, partnership leads and
the overseeing subgroup see them all. The agency's lead or the business unit reports and changes
them (`permissions.can_report_single_agency_audit`).
"""

from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone

from partnership import permissions as core
from partnership.exports import csv_response
from partnership.views.learning.panel import learning_panel_context
from partnership.views.records.values import display
from partnership.views.toolkit import form_page, list_context, posted, require, sorted_by

from ... import permissions, selectors
from ...filters import SingleAuditFilter
from ...forms.audits import SingleAgencyAuditForm
from ...models import SingleAgencyAudit
from ...services import audits as services

SORTS = {"title": "title", "agency": "agency__name", "reported": "reported_on", "subgroup": "subgroup__name"}
DEFAULT_SORT = "-reported"


def may_report_any(user) -> bool:
    """Whether the person may report an audit for at least one agency."""
    return permissions.can_manage_audits(user) or core.is_agency_lead(user)


def get_single_audit(request, pk: int) -> SingleAgencyAudit:
    return get_object_or_404(selectors.single_agency_audits_visible_to(request.user), pk=pk)


def single_audit_list_view(request):
    base = selectors.single_agency_audits_visible_to(request.user)
    context = list_context(request, SingleAuditFilter, base, sorts=SORTS, default=DEFAULT_SORT)
    context["can_report"] = may_report_any(request.user)
    return render(request, "audits/single_audit_list.html", context)


CSV_COLUMNS = (
    ("Title", lambda a: a.title),
    ("Agency", lambda a: a.agency.name),
    ("Date reported", lambda a: display(a.reported_on)),
    ("Reported by", lambda a: display(a.reported_by)),
    ("Scope", lambda a: a.scope),
    ("Summary of findings", lambda a: a.summary),
    ("Themes", lambda a: "; ".join(t.name for t in a.themes.all())),
    ("Overseeing subgroup", lambda a: display(a.subgroup)),
)


def single_audit_export_view(request):
    """The single-agency audits the list shows the person, with its filters and order, every
    page, as CSV (an agency lead's holds only their own agency's)."""
    base = selectors.single_agency_audits_visible_to(request.user)
    filterset = SingleAuditFilter(request.GET, queryset=base, request=request)
    queryset, _sort = sorted_by(filterset.qs, request.GET.get("sort", ""), sorts=SORTS, default=DEFAULT_SORT)
    queryset = queryset.select_related("reported_by").prefetch_related("themes")
    return csv_response(
        filename=f"single-agency-audits-{timezone.localdate():%Y-%m-%d}.csv",
        header=[label for label, _value in CSV_COLUMNS],
        rows=([value(a) for _label, value in CSV_COLUMNS] for a in queryset),
    )


def single_audit_detail_view(request, pk: int):
    audit = get_single_audit(request, pk)
    context = {
        "audit": audit,
        "themes": list(audit.themes.all()),
        "can_edit": permissions.can_report_single_agency_audit(request.user, audit.agency),
        **learning_panel_context(request, audit.learning_source),
    }
    return render(request, "audits/single_audit_detail.html", context)


def single_audit_create_view(request):
    require(may_report_any(request.user))
    return single_audit_form_page(request, SingleAgencyAudit())


def single_audit_edit_view(request, pk: int):
    audit = get_single_audit(request, pk)
    require(permissions.can_report_single_agency_audit(request.user, audit.agency))
    return single_audit_form_page(request, audit)


def single_audit_form_page(request, audit: SingleAgencyAudit):
    is_new = audit.pk is None
    form = SingleAgencyAuditForm(posted(request), instance=audit, user=request.user)
    return form_page(
        request,
        form,
        call=lambda form: services.single_agency_audit_save(
            audit=form.instance, themes=form.cleaned_data["themes"], actor=request.user
        ),
        success=lambda saved: f"Single-agency audit {'reported' if is_new else 'saved'}: {saved.title}",
        template="audits/single_audit_form.html",
        title="Report a single-agency audit" if is_new else "Change a single-agency audit",
        caption="Single-agency audits" if is_new else str(audit),
        button="Report audit" if is_new else "Save audit",
        cancel_url=reverse("audits:single-audit-list") if is_new else audit.get_absolute_url(),
    )
