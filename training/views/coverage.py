"""Single-agency training returns: each agency's staff in scope and trained, per year and level,
and the coverage (trained as a share of those in scope).

The table has a row per agency and year, with each level's figures; for a chosen year it also
lists the agencies that have not made a return, so the business unit sees who to chase. An agency
lead sees and reports only their own agency's figures (another agency's return is a 404);
reporting again for the same year and level updates the figures.
"""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from partnership import permissions as core
from partnership.exports import csv_response
from partnership.models import Agency
from partnership.services import DomainError
from partnership.views.toolkit import add_domain_error, export_query, posted, require

from .. import permissions, selectors
from ..filters import CoverageFilter
from ..forms.coverage import CoverageReturnForm
from ..models import CoverageReturn, Level, programme_year_of, year_label
from ..services.coverage import coverage_return_save
from .needs import agencies_for
from .programme.common import require_viewer

SORTS = {
    "agency": lambda r: r["agency"].name.casefold(),
    "year": lambda r: r["year"] or 0,
    "coverage": lambda r: (r["coverage"] is None, r["coverage"] or 0),
}


def _percent(trained: int, in_scope: int) -> float | None:
    return round(100 * trained / in_scope, 1) if in_scope else None


def coverage_rows(request) -> tuple[CoverageFilter, list[dict], str]:
    """The filtered returns as rows per agency and year (see the module docstring)."""
    data = request.GET.copy()
    data.setdefault("year", str(programme_year_of()))
    base = selectors.coverage_visible_to(request.user)
    filterset = CoverageFilter(data, queryset=base, request=request)
    rows: dict[tuple, dict] = {}
    for ret in filterset.qs.select_related("agency"):
        row = rows.setdefault(
            (ret.agency_id, ret.year),
            {"agency": ret.agency, "year": ret.year, "levels": {}, "returned": True},
        )
        row["levels"][ret.level] = ret
    year = filterset.form.cleaned_data.get("year") if filterset.is_valid() else None
    level = filterset.form.cleaned_data.get("level") if filterset.is_valid() else None
    if year and not level:
        if permissions.oversees_training(request.user):
            candidates = Agency.objects.active()
        else:
            candidates = Agency.objects.filter(pk__in=core.roles_of(request.user).lead_of)
        chosen = filterset.form.cleaned_data.get("agency")
        if chosen:
            candidates = candidates.filter(pk=chosen.pk)
        for agency in candidates.order_by("name"):
            rows.setdefault(
                (agency.pk, int(year)), {"agency": agency, "year": int(year), "levels": {}, "returned": False}
            )
    result = []
    for row in rows.values():
        returns = row["levels"].values()
        row["in_scope"] = sum(r.staff_in_scope for r in returns)
        row["trained"] = sum(r.staff_trained for r in returns)
        row["coverage"] = _percent(row["trained"], row["in_scope"])
        row["year_label"] = year_label(row["year"])
        row["cells"] = [row["levels"].get(level_value) for level_value in Level.values]
        result.append(row)
    requested = request.GET.get("sort", "")
    sort = requested if requested.lstrip("-") in SORTS else "agency"
    result.sort(key=lambda r: (SORTS[sort.lstrip("-")](r), r["agency"].name), reverse=sort.startswith("-"))
    return filterset, result, sort


def coverage_list_view(request):
    require_viewer(request.user)
    filterset, rows, sort = coverage_rows(request)
    context = {
        "filterset": filterset,
        "rows": rows,
        "sort": sort,
        "levels": Level.choices,
        "export_query": export_query(request),
        "can_report": permissions.can_report_coverage(request.user),
        "sees_everyone": permissions.oversees_training(request.user),
    }
    return render(request, "training/programme/coverage_list.html", context)


def coverage_export_view(request):
    require_viewer(request.user)
    _filterset, rows, _sort = coverage_rows(request)
    header = ["Agency", "Year"]
    for level in Level.values:
        header += [f"Level {level} in scope", f"Level {level} trained", f"Level {level} coverage %"]
    header += ["All levels in scope", "All levels trained", "All levels coverage %", "Return made"]

    def line(row):
        cells = [row["agency"].name, year_label(row["year"])]
        for ret in row["cells"]:
            cells += [ret.staff_in_scope, ret.staff_trained, ret.coverage_percent] if ret else ["", "", ""]
        return [*cells, row["in_scope"], row["trained"], row["coverage"], row["returned"]]

    return csv_response(
        filename=f"training-coverage-{timezone.localdate():%Y-%m-%d}.csv",
        header=header,
        rows=(line(r) for r in rows),
    )


def coverage_report_view(request):
    """Report an agency's figures for a year and level (prefilled from ?agency=&year=&level=)."""
    require_viewer(request.user)
    require(permissions.can_report_coverage(request.user))
    initial = {
        key: request.GET[key] for key in ("agency", "year", "level") if request.GET.get(key, "").isdigit()
    }
    initial.setdefault("year", programme_year_of())
    return coverage_form_page(request, initial, None)


def coverage_edit_view(request, pk: int):
    require_viewer(request.user)
    ret = get_object_or_404(selectors.coverage_visible_to(request.user), pk=pk)
    require(permissions.can_report_for_agency(request.user, ret.agency))
    initial = {"agency": ret.agency_id, "year": ret.year, "level": ret.level, "staff_in_scope": ret.staff_in_scope,
               "staff_trained": ret.staff_trained}  # fmt: skip
    return coverage_form_page(request, initial, ret)


def coverage_form_page(request, initial: dict, ret: CoverageReturn | None):
    form = CoverageReturnForm(
        posted(request),
        initial=initial,
        agencies_allowed=agencies_for(request.user),
    )
    if form.is_bound and form.is_valid():
        try:
            saved = coverage_return_save(**form.cleaned_data, actor=request.user)
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(
                request,
                f"{saved.agency.name}'s figures saved for {year_label(saved.year)}, level {saved.level}: "
                f"{saved.coverage_percent if saved.coverage_percent is not None else 0}% trained",
            )
            return redirect(reverse("training:coverage-list") + f"?year={saved.year}")
    context = {
        "form": form,
        "title": "Change training figures" if ret else "Report training figures",
        "caption": "Single-agency training returns",
        "button": "Save figures",
        "cancel_url": reverse("training:coverage-list"),
    }
    return render(request, "training/programme/coverage_form.html", context)
