"""Importing a plan's actions from a CSV or Excel file, and the templates to fill in.

Only those who may change the plan (the business unit, the subgroup's chair) import; a plan
the person cannot see is a 404, one they see but may not change a 403. The rules of the import
(all rows or none, each problem with its line) are in `services/action_import.py`.
"""

import itertools
from datetime import timedelta

from dateutil.relativedelta import relativedelta
from django import forms
from django.conf import settings
from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from ... import permissions, selectors
from ...models import Agency
from ...services import DomainError
from ...services import action_import as importer
from ...spreadsheets import Sheet, csv_streaming_response, xlsx_response
from ..toolkit import add_domain_error, require

TEMPLATE_FORMATS = ("csv", "xlsx")


class ActionImportForm(forms.Form):
    file = forms.FileField(
        label="Upload a file",
        help_text=f"A CSV (UTF-8) or Excel (.xlsx) file of up to {importer.MAX_ROWS:,} actions",
        error_messages={"required": "Select a CSV or Excel file to import"},
    )


def _plan_for_import(request, pk: int):
    plan = get_object_or_404(selectors.plans_visible_to(request.user), pk=pk)
    require(permissions.can_edit_plan(request.user, plan))
    return plan


def plan_import_view(request, pk: int):
    """GET: what the file must hold, with the templates; POST: import it, all rows or none."""
    plan = _plan_for_import(request, pk)
    form = ActionImportForm(request.POST, request.FILES) if request.method == "POST" else ActionImportForm()
    row_errors = []
    if form.is_bound and form.is_valid():
        try:
            created = importer.actions_import(plan=plan, upload=form.cleaned_data["file"], actor=request.user)
        except importer.ImportRefused as exc:
            row_errors = exc.errors
            add_domain_error(form, exc)
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            count = len(created)
            messages.success(request, f"{count} action{'s' if count != 1 else ''} imported")
            return redirect(plan)
    context = {
        "plan": plan,
        "form": form,
        "row_errors": row_errors,
        "columns": importer.COLUMN_HELP,
        "max_rows": importer.MAX_ROWS,
        "max_mb": settings.MAX_UPLOAD_MB,
        "references": list(plan.source.recommendations.order_by("pk").values_list("reference", flat=True)),
        "template_urls": {
            fmt: reverse("partnership:plan-import-template", args=[plan.pk, fmt]) for fmt in TEMPLATE_FORMATS
        },
    }
    return render(request, "partnership/action_import.html", context)


def _example_row(plan, agencies) -> list:
    """One filled-in row, answering the plan's first recommendation."""
    recommendation = plan.source.recommendations.order_by("pk").prefetch_related("agencies").first()
    addressed = list(recommendation.agencies.all()) if recommendation else []
    owner = (addressed or agencies or [None])[0]
    start = timezone.localdate()
    return [
        recommendation.reference if recommendation else "R1",
        "Example: brief all frontline staff on this recommendation (replace this row with your actions)",
        "Attendance records show 90% of frontline staff briefed",
        owner.display_name if owner else "",
        "jo.bloggs@example.org",
        "Jo Bloggs",
        start,
        start + relativedelta(months=3) - timedelta(days=1),
    ]


def plan_import_template_view(request, pk: int, fmt: str):
    """The import template: the header row and one example; the Excel one also lists the
    plan's recommendation references and the agencies on a second sheet."""
    if fmt not in TEMPLATE_FORMATS:
        raise Http404
    plan = _plan_for_import(request, pk)
    agencies = list(Agency.objects.active().order_by("name"))
    example = _example_row(plan, agencies)
    filename = f"actions-import-template-plan-{plan.pk}.{fmt}"
    if fmt == "csv":
        return csv_streaming_response(filename=filename, header=importer.COLUMNS, rows=[example])
    recommendations = list(plan.source.recommendations.order_by("pk").values_list("reference", "text"))
    valid = [
        [
            ref[0] if ref else None,
            ref[1] if ref else None,
            None,
            a.name if a else None,
            a.short_name if a else None,
        ]
        for ref, a in itertools.zip_longest(recommendations, agencies)
    ]
    return xlsx_response(
        filename=filename,
        sheets=[
            Sheet("Actions", importer.COLUMNS, [example], widths=(16, 60, 45, 30, 30, 25, 12, 12)),
            Sheet(
                "Valid values",
                ["Recommendation", "Recommendation text", "", "Owner agency", "Short name"],
                valid,
                widths=(16, 60, 4, 40, 14),
            ),
        ],
    )
