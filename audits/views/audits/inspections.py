"""Learning from inspections: the list (filters, sort, pages, CSV), recording one, its page and its report.

Inspection reports on partner agencies are published, so everyone signed in reads them and
downloads the report; the business unit records them. The page ends with the learning panel:
the inspection's recommendations and the action plan whose progress the partnership monitors.
"""

from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone

from partnership.exports import csv_response
from partnership.uploads import file_response
from partnership.views.learning.panel import learning_panel_context
from partnership.views.records.values import display
from partnership.views.toolkit import form_page, list_context, require, sorted_by

from ... import permissions, selectors
from ...filters import InspectionFilter
from ...forms.audits import InspectionForm
from ...models import Inspection
from ...services import audits as services

SORTS = {"title": "title", "inspectorate": "inspectorate", "started": "started_on", "published": "published_on",
         "judgement": "judgement"}  # fmt: skip
DEFAULT_SORT = "-started"


def get_inspection(request, pk: int) -> Inspection:
    return get_object_or_404(selectors.inspections_visible_to(request.user), pk=pk)


def inspection_list_view(request):
    base = selectors.inspections_visible_to(request.user)
    context = list_context(request, InspectionFilter, base, sorts=SORTS, default=DEFAULT_SORT)
    context["can_manage"] = permissions.can_manage_audits(request.user)
    return render(request, "audits/inspection_list.html", context)


CSV_COLUMNS = (
    ("Inspection", lambda i: i.title),
    ("Inspectorate", lambda i: i.get_inspectorate_display()),
    ("Agencies inspected", lambda i: "; ".join(a.name for a in i.agencies.all())),
    ("Started", lambda i: display(i.started_on)),
    ("Ended", lambda i: display(i.ended_on)),
    ("Published", lambda i: display(i.published_on)),
    ("Judgement", lambda i: i.judgement),
    ("Report address", lambda i: i.report_url),
    ("Overseeing subgroup", lambda i: display(i.subgroup)),
)


def inspection_export_view(request):
    """The inspections the list shows, with its filters and order, every page, as CSV."""
    base = selectors.inspections_visible_to(request.user)
    filterset = InspectionFilter(request.GET, queryset=base, request=request)
    queryset, _sort = sorted_by(filterset.qs, request.GET.get("sort", ""), sorts=SORTS, default=DEFAULT_SORT)
    return csv_response(
        filename=f"inspections-{timezone.localdate():%Y-%m-%d}.csv",
        header=[label for label, _value in CSV_COLUMNS],
        rows=([value(i) for _label, value in CSV_COLUMNS] for i in queryset),
    )


def inspection_detail_view(request, pk: int):
    inspection = get_inspection(request, pk)
    context = {
        "inspection": inspection,
        "agencies": list(inspection.agencies.all()),
        "can_manage": permissions.can_manage_audits(request.user),
        **learning_panel_context(request, inspection.learning_source),
    }
    return render(request, "audits/inspection_detail.html", context)


def inspection_report_view(request, pk: int):
    inspection = get_inspection(request, pk)
    if not inspection.report_file:
        raise Http404("This inspection has no report file.")
    return file_response(inspection.report_file, file_name=inspection.report_file_name or "inspection-report")


def inspection_create_view(request):
    require(permissions.can_manage_audits(request.user))
    return inspection_form_page(request, Inspection())


def inspection_edit_view(request, pk: int):
    inspection = get_inspection(request, pk)
    require(permissions.can_manage_audits(request.user))
    return inspection_form_page(request, inspection)


def inspection_form_page(request, inspection: Inspection):
    is_new = inspection.pk is None
    posted = request.method == "POST"
    form = InspectionForm(
        request.POST if posted else None, request.FILES if posted else None, instance=inspection
    )
    return form_page(
        request,
        form,
        call=lambda form: services.inspection_save(
            inspection=form.instance,
            agencies=form.cleaned_data["agencies"],
            upload=form.cleaned_data.get("report_upload"),
            actor=request.user,
        ),
        success=lambda saved: f"Inspection {'recorded' if is_new else 'saved'}: {saved}",
        template="audits/inspection_form.html",
        title="Record an inspection" if is_new else "Change an inspection",
        caption="Learning from inspections" if is_new else str(inspection),
        button="Record inspection" if is_new else "Save inspection",
        cancel_url=reverse("audits:inspection-list") if is_new else inspection.get_absolute_url(),
    )
