"""The overview dashboards' pages: thin views over `themes` and `figures`.

A person without the right to a page gets a 403 (see `permissions`); a theme is looked up
through the core's themes selector, so an unknown one is a 404.
"""

from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from partnership import fragments
from partnership import selectors as core
from partnership.spreadsheets import csv_streaming_response
from partnership.views.toolkit import require

from .. import charts
from . import figures, themes
from .forms import ThemeFilterForm
from .permissions import can_view_partnership_dashboard, can_view_themes


def partnership_dashboard_view(request):
    require(can_view_partnership_dashboard(request.user))
    context = {**figures.partnership_dashboard(request.user), "can_view_dashboard": True}
    return render(request, "dashboards/overview/partnership.html", context)


def _filter_form(request) -> ThemeFilterForm:
    return ThemeFilterForm(request.GET or None)


def theme_matrix_view(request):
    require(can_view_themes(request.user))
    # Kept until the data changes (partnership/fragments.py).
    return fragments.render_page(
        request,
        "theme-matrix",
        "dashboards/overview/theme_matrix.html",
        lambda: _theme_matrix_context(request),
    )


def _theme_matrix_context(request) -> dict:
    form = _filter_form(request)
    matrix = themes.theme_matrix(request.user, form.filters())
    top = sorted(matrix.rows, key=lambda r: (-r.sources, r.theme.name.lower()))[:10]
    chart = charts.bar_chart(
        title="Distinct sources of learning per theme (the ten most widespread)",
        bars=[(row.theme.name, row.sources) for row in top],
        value_label="Sources",
    )
    context = {
        "form": form,
        "matrix": matrix,
        "chart": chart,
        "query": request.GET.urlencode(),
        "min_sources": themes.RECURRING_SOURCES,
        "min_years": themes.RECURRING_YEARS,
        "can_view_dashboard": can_view_partnership_dashboard(request.user),
    }
    return context


def theme_matrix_export_view(request):
    require(can_view_themes(request.user))
    matrix = themes.theme_matrix(request.user, _filter_form(request).filters())
    header, rows = themes.matrix_csv_rows(matrix)
    return csv_streaming_response(
        filename=f"recurring-themes-{timezone.localdate():%Y-%m-%d}.csv", header=header, rows=rows
    )


def theme_detail_view(request, pk: int):
    require(can_view_themes(request.user))
    theme = get_object_or_404(core.themes_visible_to(request.user), pk=pk)
    form = _filter_form(request)
    detail = themes.theme_detail(request.user, theme, form.filters())
    context = {
        "theme": theme,
        "form": form,
        "detail": detail,
        "groups": themes.group_by_source(detail.entries),
        "query": request.GET.urlencode(),
        "years_chart": charts.bar_chart(
            title=f"Findings on {theme.name} by year", bars=detail.findings_by_year(), value_label="Findings"
        ),
        "actions_chart": charts.stacked_bar_chart(
            title=f"Open actions answering findings on {theme.name}, by RAG and source",
            rows=detail.actions_by_source(),
        ),
        "min_sources": themes.RECURRING_SOURCES,
        "min_years": themes.RECURRING_YEARS,
        "can_view_dashboard": can_view_partnership_dashboard(request.user),
    }
    return render(request, "dashboards/overview/theme_detail.html", context)
