"""The performance dataset's pages: the dataset by quarter, the indicator list (filters, sort,
CSV) and an indicator's page (its trend chart and values), and adding or changing indicators.

Everyone with a role in the partnership reads them; a person with no role gets a 403 (see
`dashboards/permissions.py`). Only the business unit changes anything (else a 403).
"""

from __future__ import annotations

from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone

from partnership import fragments
from partnership.exports import csv_response
from partnership.views.records.values import display
from partnership.views.toolkit import form_page, list_context, posted, require

from .. import charts, selectors
from ..filters import DatasetFilter, IndicatorFilter
from ..forms import IndicatorForm
from ..models import Indicator
from ..permissions import can_manage_dataset
from ..services import dataset as services
from .common import require_reader

SORTS = {"code": "code", "title": "title", "agency": "source_agency__name", "frequency": "frequency",
         "unit": "unit", "target": "target"}  # fmt: skip
DEFAULT_SORT = "code"
QUARTER_CHOICES = (4, 5, 6)
TREND_PERIODS = 12  # the most periods an indicator's chart shows


def dataset_view(request):
    """Indicators by the last four to six quarters, each cell with its RAG, filtered by theme;
    kept until the data changes (partnership/fragments.py)."""
    require_reader(request)
    return fragments.render_page(
        request, "dataset", "dashboards/dataset.html", lambda: _dataset_context(request)
    )


def _dataset_context(request) -> dict:
    filterset = DatasetFilter(
        request.GET, queryset=selectors.indicators_visible_to(request.user).filter(active=True)
    )
    try:
        quarters = int(request.GET.get("quarters", ""))
    except ValueError:
        quarters = QUARTER_CHOICES[-1]
    quarters = quarters if quarters in QUARTER_CHOICES else QUARTER_CHOICES[-1]
    grid = selectors.dataset_grid(filterset.qs.order_by("code"), quarters=quarters)
    for row in grid.rows:
        row.cell_rags = [(cell, row.indicator.rag_for(cell.value) if cell else None) for cell in row.cells]
        row.sparkline = charts.sparkline(
            [cell.value if cell else None for cell in row.cells],
            label=f"Trend of {row.indicator.title}",
            unit=row.indicator.unit_suffix,
        )
    by_agency: dict[str, dict[str, int]] = {}
    for row in grid.rows:
        name = row.indicator.source_agency.display_name if row.indicator.source_agency else "Partnership-wide"
        counts = by_agency.setdefault(name, {})
        counts[row.latest_rag.value] = counts.get(row.latest_rag.value, 0) + 1
    summary = charts.stacked_bar_chart(
        title="Latest RAG of each indicator, by source agency",
        rows=sorted(by_agency.items()),
        segments=charts.RAG_WITH_GREY,
    )
    context = {
        "filterset": filterset,
        "grid": grid,
        "summary": summary,
        "quarters": quarters,
        "quarter_choices": QUARTER_CHOICES,
        "rag_counts": grid.rag_counts(),
        "can_manage": can_manage_dataset(request.user),
    }
    return context


def indicator_list_view(request):
    require_reader(request)
    context = list_context(
        request,
        IndicatorFilter,
        selectors.indicators_visible_to(request.user),
        sorts=SORTS,
        default=DEFAULT_SORT,
    )
    context["indicators"] = selectors.with_latest(context["page_obj"].object_list)
    context["can_manage"] = can_manage_dataset(request.user)
    return render(request, "dashboards/indicator_list.html", context)


def _latest(attribute: str):
    def value(indicator):
        latest = indicator.latest
        return None if latest is None else getattr(latest, attribute)

    return value


CSV_COLUMNS = (
    ("Code", lambda i: i.code),
    ("Title", lambda i: i.title),
    ("Description", lambda i: i.description),
    ("Source agency", lambda i: i.source_agency.name if i.source_agency else "Partnership-wide"),
    ("Unit", lambda i: i.get_unit_display()),
    ("Which way is better", lambda i: i.direction),
    ("Target", lambda i: i.target),
    ("Frequency", lambda i: i.get_frequency_display()),
    ("Themes", lambda i: "; ".join(t.name for t in i.themes.all())),
    ("Reported", lambda i: display(i.active)),
    ("Latest period", _latest("period_label")),
    ("Latest value", _latest("value")),
    ("England", _latest("national")),
    ("Statistical neighbours", _latest("statistical_neighbours")),
    ("Latest RAG", lambda i: i.latest_rag.label),
)


def indicator_export_view(request):
    """The indicators the list shows, with the same filters and order, every page, as CSV."""
    require_reader(request)
    context = list_context(
        request,
        IndicatorFilter,
        selectors.indicators_visible_to(request.user),
        sorts=SORTS,
        default=DEFAULT_SORT,
    )
    indicators = selectors.with_latest(context["queryset"])
    return csv_response(
        filename=f"performance-indicators-{timezone.localdate():%Y-%m-%d}.csv",
        header=[label for label, _value in CSV_COLUMNS],
        rows=([display(value(i)) for _label, value in CSV_COLUMNS] for i in indicators),
    )


def get_indicator(request, pk: int) -> Indicator:
    require_reader(request)
    return get_object_or_404(selectors.indicators_visible_to(request.user), pk=pk)


def trend_chart(indicator: Indicator, values: list) -> charts.Chart:
    """The indicator's last TREND_PERIODS values, with England and statistical neighbours."""
    shown = values[-TREND_PERIODS:]
    series = [charts.Series("This partnership", [v.value for v in shown])]
    if any(v.national is not None for v in shown):
        series.append(charts.Series("England", [v.national for v in shown]))
    if any(v.statistical_neighbours is not None for v in shown):
        series.append(charts.Series("Statistical neighbours", [v.statistical_neighbours for v in shown]))
    return charts.line_chart(
        title=f"{indicator.title}: trend",
        periods=[v.period_label for v in shown],
        series=series,
        target=indicator.target,
        unit=indicator.unit_suffix,
    )


def indicator_detail_view(request, pk: int):
    indicator = get_indicator(request, pk)
    values = list(indicator.values.order_by("period_start"))
    for value in values:
        value.indicator = indicator
    context = {
        "indicator": indicator,
        "values": list(reversed(values)),
        "chart": trend_chart(indicator, values) if values else None,
        "themes": list(indicator.themes.all()),
        "deep_dives": list(selectors.deep_dives_visible_to(request.user).filter(indicators=indicator)),
        "can_manage": can_manage_dataset(request.user),
    }
    return render(request, "dashboards/indicator_detail.html", context)


def indicator_create_view(request):
    require_reader(request)
    require(can_manage_dataset(request.user))
    return indicator_form_page(request, Indicator())


def indicator_edit_view(request, pk: int):
    indicator = get_indicator(request, pk)
    require(can_manage_dataset(request.user))
    return indicator_form_page(request, indicator)


def indicator_form_page(request, indicator: Indicator):
    is_new = indicator.pk is None
    form = IndicatorForm(posted(request), instance=indicator)
    return form_page(
        request,
        form,
        call=lambda form: services.indicator_save(
            indicator=form.instance,
            themes=form.cleaned_data["themes"],
            priorities=form.cleaned_data["priorities"],
            actor=request.user,
        ),
        success=lambda saved: f"Indicator {'added' if is_new else 'saved'}: {saved}",
        template="partnership/source_form.html",
        title="Add an indicator" if is_new else "Change the indicator",
        caption="Performance dataset" if is_new else str(indicator),
        button="Add indicator" if is_new else "Save indicator",
        cancel_url=reverse("dashboards:indicator-list") if is_new else indicator.get_absolute_url(),
    )
