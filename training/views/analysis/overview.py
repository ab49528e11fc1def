"""The training analysis overview for a programme year, and its XLSX export.

Open to those who oversee training (the business unit, the partnership leads, the subgroup
overseeing a programme) with every agency's figures, and to agency leads with their own
agency's figures only: `training_summary` scopes every table by the person, and asking for
another agency's figures (`?agency=`) is a 404. Anyone else gets a 403.

Both pages cost the same few queries however big the programme is. They read the year's places
and confidence answers from its stored snapshot when the summary job has stored one (the page
says when its figures were worked out), else work them out live.
"""

from django.http import Http404
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse

from partnership import fragments
from partnership.spreadsheets import xlsx_response
from partnership.views.toolkit import require

from ... import permissions, selectors
from ...analysis.stored import snapshot_of
from ...analysis.summary import training_summary
from ...forms.analysis import AnalysisFilterForm
from ...models import Programme, programme_year_of, year_label
from . import tables


def _filters(request) -> tuple[AnalysisFilterForm, dict, Programme | None]:
    """The filter form, the `training_summary` arguments it gives, and the year's programme."""
    programmes = selectors.programmes_by_year()
    years = list(programmes)
    current = programme_year_of()
    default = current if current in years or not years else years[0]
    try:
        asked = int(request.GET.get("year", ""))
    except ValueError:
        asked = None
    year = asked if asked in years else default
    form = AnalysisFilterForm(request.GET, user=request.user, years=years, year=year)
    if "agency" in form.errors and request.GET.get("agency"):
        raise Http404("No agency whose figures you may see matches the query.")
    arguments = {
        "year": year,
        "course": form.value("course"),
        "level": form.value("level"),
        "agency": form.value("agency"),
    }
    return form, arguments, programmes.get(year)


def analysis_overview_view(request):
    require(permissions.can_view_training(request.user))
    form, arguments, programme = _filters(request)
    year = arguments.pop("year")
    export_query = request.GET.copy()
    export_query["year"] = year
    findings_url = f"{reverse('training:analysis-findings')}?year={year}"
    can_manage = permissions.can_manage_training(request.user)

    def render_figures() -> str:
        summary = training_summary(year, user=request.user, programme=programme, stored=True, **arguments)
        context = _figures_context(summary, year=year, filtered=any(arguments.values()))
        context.update(form=form, findings_url=findings_url, can_manage=can_manage, request=request)
        return render_to_string("training/analysis/_figures.html", context)

    # The figures cost the year's aggregates and the largest page of the product to render:
    # kept until the data changes, per person (impact examples link what they may open) and
    # query (the filter form shows what was asked, and any error).
    # The stored figures' time too: a refresh of them moves no other page on (SELF_KEYED_MODELS).
    vary = (
        request.user.pk,
        year,
        sorted(request.GET.lists()),
        getattr(snapshot_of(programme), "computed_at", None),
    )
    context = {
        "form": form,
        "year_label": year_label(year),
        "figures": fragments.cached("training-analysis", *vary, render=render_figures),
        "findings_url": findings_url,
        "export_url": f"{reverse('training:analysis-export')}?{export_query.urlencode()}",
        "can_manage": can_manage,
    }
    return render(request, "training/analysis/overview.html", context)


def _figures_context(summary, *, year: int, filtered: bool) -> dict:
    return {
        "summary": summary,
        "year_label": year_label(year),
        "filtered": filtered,
        "agency_names": [row.label for row in summary.by_agency] if summary.limited_to_agencies else [],
        "headlines": tables.headlines(summary.overall),
        "course_attendance": tables.table(
            summary.by_course,
            tables.ATTENDANCE,
            caption="Attendance, reaction and learning by course",
            first="Course",
            level_column=True,
        ),
        "course_follow_up": tables.table(
            summary.by_course,
            tables.FOLLOW_UP,
            caption="Three-month follow-up by course",
            first="Course",
            level_column=True,
        ),
        "level_attendance": tables.table(
            summary.by_level,
            tables.ATTENDANCE,
            caption="Attendance, reaction and learning by level",
            first="Level",
        ),
        "level_follow_up": tables.table(
            summary.by_level, tables.FOLLOW_UP, caption="Three-month follow-up by level", first="Level"
        ),
        "agency_attendance": tables.table(
            summary.by_agency,
            tables.ATTENDANCE,
            caption="Attendance, reaction and learning by agency",
            first="Agency",
        ),
        "agency_follow_up": tables.table(
            summary.by_agency, tables.FOLLOW_UP, caption="Three-month follow-up by agency", first="Agency"
        ),
        "theme_attendance": tables.table(
            summary.by_theme,
            tables.ATTENDANCE,
            caption="Attendance, reaction and learning by learning theme",
            first="Theme",
        ),
        "theme_follow_up": tables.table(
            summary.by_theme,
            tables.FOLLOW_UP,
            caption="Three-month follow-up by learning theme",
            first="Theme",
        ),
        "course_bars": tables.bars(summary.by_course, caption="Attendance rate by course"),
        "coverage": tables.coverage_table(summary),
    }


def analysis_export_view(request):
    """Every table of the overview, with the same filters, as an Excel workbook (one sheet each)."""
    require(permissions.can_view_training(request.user))
    _form, arguments, programme = _filters(request)
    year = arguments.pop("year")
    summary = training_summary(year, user=request.user, programme=programme, stored=True, **arguments)
    return xlsx_response(
        filename=f"training-analysis-{year_label(year).replace('/', '-')}.xlsx", sheets=tables.sheets(summary)
    )
