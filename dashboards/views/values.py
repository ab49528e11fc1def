"""Values of the performance dataset: typed in by hand (add, correct, delete with a
confirmation) or imported from a spreadsheet with its templates to download.

Only the business unit changes values (a 403 for other readers, see `permissions`). The rules
of the import (all rows or none, each problem with its line, a re-import updates) are in
`services/dataset_import.py`.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from partnership.services import DomainError
from partnership.spreadsheets import Sheet, csv_streaming_response, xlsx_response
from partnership.views.toolkit import add_domain_error, confirmed_change, form_page, posted, require

from .. import periods, selectors
from ..forms import IndicatorValueForm, ValuesImportForm
from ..models import Indicator, IndicatorValue
from ..permissions import can_manage_dataset
from ..services import dataset as services
from ..services import dataset_import as importer
from .common import require_reader
from .indicators import get_indicator

TEMPLATE_FORMATS = ("csv", "xlsx")


def _require_manager(request) -> None:
    require_reader(request)
    require(can_manage_dataset(request.user))


def get_value(request, pk: int) -> IndicatorValue:
    require_reader(request)
    return get_object_or_404(selectors.indicator_values_visible_to(request.user), pk=pk)


def value_create_view(request, pk: int):
    indicator = get_indicator(request, pk)
    require(can_manage_dataset(request.user))
    return value_form_page(request, IndicatorValue(indicator=indicator))


def value_edit_view(request, pk: int):
    value = get_value(request, pk)
    require(can_manage_dataset(request.user))
    return value_form_page(request, value)


def value_form_page(request, value: IndicatorValue):
    is_new = value.pk is None
    indicator = value.indicator
    form = IndicatorValueForm(posted(request), instance=value, indicator=indicator)
    return form_page(
        request,
        form,
        call=lambda form: services.indicator_value_save(value=form.instance, actor=request.user),
        success=lambda saved: f"Value for {saved.period_label} {'added' if is_new else 'saved'}",
        next_url=indicator.get_absolute_url() + "#values",
        template="partnership/source_form.html",
        title="Add a value" if is_new else f"Change the value for {value.period_label}",
        caption=str(indicator),
        button="Add value" if is_new else "Save value",
        cancel_url=indicator.get_absolute_url(),
    )


def value_delete_view(request, pk: int):
    value = get_value(request, pk)
    require(can_manage_dataset(request.user))
    indicator = value.indicator
    return confirmed_change(
        request,
        change=lambda: services.indicator_value_delete(value=value, actor=request.user),
        success=f"The value for {value.period_label} has been deleted.",
        back_url=indicator.get_absolute_url() + "#values",
        title=f"Delete the value for {value.period_label}?",
        body=[
            f"{indicator}: {value.value}{indicator.unit_suffix} for {value.period_label} will be removed from "
            "the dataset, its charts and reports.",
            "The history of this indicator will show that you did this.",
        ],
        button="Delete value",
        warning=True,
    )


def value_import_view(request):
    """GET: what the file must hold, with the templates; POST: import it, all rows or none."""
    _require_manager(request)
    form = ValuesImportForm(request.POST, request.FILES) if request.method == "POST" else ValuesImportForm()
    row_errors = []
    if form.is_bound and form.is_valid():
        try:
            result = importer.indicator_values_import(upload=form.cleaned_data["file"], actor=request.user)
        except importer.ImportRefused as exc:
            row_errors = exc.errors
            add_domain_error(form, exc)
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, f"Import finished: {result}")
            return redirect("dashboards:dataset")
    context = {
        "form": form,
        "row_errors": row_errors,
        "columns": importer.COLUMN_HELP,
        "max_rows": importer.MAX_ROWS,
        "max_mb": settings.MAX_UPLOAD_MB,
        "has_indicators": Indicator.objects.exists(),
        "period_help": {f: periods.describe_start(f) for f in periods.MONTHS_IN},
        "template_urls": {
            fmt: reverse("dashboards:value-import-template", args=[fmt]) for fmt in TEMPLATE_FORMATS
        },
    }
    return render(request, "dashboards/value_import.html", context)


def _last_complete_period(indicator: Indicator, today):
    """The start of the latest period that has ended: the one a return usually reports."""
    current = periods.period_start(today, indicator.frequency)
    return periods.period_start(current - datetime.timedelta(days=1), indicator.frequency)


def value_import_template_view(request, fmt: str):
    """The template: the header and one example row; the Excel one also lists every reported
    indicator with its unit, frequency and the start of its latest complete period."""
    if fmt not in TEMPLATE_FORMATS:
        raise Http404
    _require_manager(request)
    today = timezone.localdate()
    indicators = list(Indicator.objects.filter(active=True).order_by("code"))
    first = indicators[0] if indicators else None
    example = [
        first.code if first else "CSC01",
        _last_complete_period(first, today) if first else periods.quarters_ending(today, 2)[0],
        "Example: replace this row with your figures",
        None,
        None,
        "",
    ]
    filename = f"performance-dataset-import-template.{fmt}"
    if fmt == "csv":
        return csv_streaming_response(filename=filename, header=importer.COLUMNS, rows=[example])
    listed = [
        [i.code, i.title, i.get_unit_display(), i.get_frequency_display(), _last_complete_period(i, today)]
        for i in indicators
    ]
    return xlsx_response(
        filename=filename,
        sheets=[
            Sheet("Values", importer.COLUMNS, [example], widths=(16, 14, 40, 12, 22, 50)),
            Sheet(
                "Indicators",
                ["Indicator code", "Title", "Unit", "Frequency", "Latest period start"],
                listed,
                widths=(16, 70, 26, 12, 18),
            ),
        ],
    )
