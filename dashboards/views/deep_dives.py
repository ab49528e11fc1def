"""Deep dives into the performance dataset: the list (filters, sort, pages, CSV), recording
one, and its page with the learning panel (findings, recommendations and the action plan,
through the core's learning chain like every other source of learning).

Read by everyone with a role in the partnership; recorded and changed by the business unit.
The findings and recommendations follow the core's rule (`can_edit_learning`: the business
unit and the chair of the deep dive's subgroup).
"""

from __future__ import annotations

from django.db.models import Count
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone

from partnership.exports import csv_response
from partnership.views.learning.panel import learning_panel_context
from partnership.views.records.values import display
from partnership.views.toolkit import form_page, list_context, posted, require, sorted_by

from .. import selectors
from ..filters import DeepDiveFilter
from ..forms import DeepDiveForm
from ..models import DeepDive
from ..permissions import can_manage_dataset
from ..services import dataset as services
from .common import require_reader

SORTS = {"title": "title", "date": "date", "subgroup": "subgroup__name"}
DEFAULT_SORT = "-date"


def deep_dive_list_view(request):
    require_reader(request)
    context = list_context(
        request, DeepDiveFilter, selectors.deep_dive_list(request.user), sorts=SORTS, default=DEFAULT_SORT
    )
    context["can_manage"] = can_manage_dataset(request.user)
    return render(request, "dashboards/deep_dive_list.html", context)


CSV_COLUMNS = (
    ("Area chosen for scrutiny", lambda d: d.title),
    ("Date", lambda d: display(d.date)),
    ("Subgroup", lambda d: display(d.subgroup)),
    ("Indicators", lambda d: "; ".join(str(i) for i in d.indicators.all())),
    ("Scope", lambda d: d.scope),
    ("What was found", lambda d: d.findings_summary),
    ("Themes", lambda d: "; ".join(t.name for t in d.themes.all())),
    ("Findings", lambda d: d.findings_count),
    ("Recommendations", lambda d: d.recommendations_count),
)


def deep_dive_export_view(request):
    """The deep dives the list shows, with the same filters and order, every page, as CSV."""
    require_reader(request)
    filterset = DeepDiveFilter(request.GET, queryset=selectors.deep_dive_list(request.user), request=request)
    queryset, _sort = sorted_by(filterset.qs, request.GET.get("sort", ""), sorts=SORTS, default=DEFAULT_SORT)
    queryset = queryset.prefetch_related("themes").annotate(
        findings_count=Count("learning_source__findings", distinct=True),
        recommendations_count=Count("learning_source__recommendations", distinct=True),
    )
    return csv_response(
        filename=f"deep-dives-{timezone.localdate():%Y-%m-%d}.csv",
        header=[label for label, _value in CSV_COLUMNS],
        rows=([value(d) for _label, value in CSV_COLUMNS] for d in queryset),
    )


def get_deep_dive(request, pk: int) -> DeepDive:
    require_reader(request)
    return get_object_or_404(selectors.deep_dives_visible_to(request.user), pk=pk)


def deep_dive_detail_view(request, pk: int):
    deep_dive = get_deep_dive(request, pk)
    indicators = selectors.with_latest(
        selectors.indicators_visible_to(request.user).filter(deep_dives=deep_dive).order_by("code")
    )
    context = {
        "deep_dive": deep_dive,
        "indicators": indicators,
        "themes": list(deep_dive.themes.all()),
        "can_manage": can_manage_dataset(request.user),
        **learning_panel_context(request, deep_dive.learning_source),
    }
    return render(request, "dashboards/deep_dive_detail.html", context)


def deep_dive_create_view(request):
    require_reader(request)
    require(can_manage_dataset(request.user))
    return deep_dive_form_page(request, DeepDive())


def deep_dive_edit_view(request, pk: int):
    deep_dive = get_deep_dive(request, pk)
    require(can_manage_dataset(request.user))
    return deep_dive_form_page(request, deep_dive)


def deep_dive_form_page(request, deep_dive: DeepDive):
    is_new = deep_dive.pk is None
    form = DeepDiveForm(posted(request), instance=deep_dive)
    return form_page(
        request,
        form,
        call=lambda form: services.deep_dive_save(
            deep_dive=form.instance,
            indicators=form.cleaned_data["indicators"],
            themes=form.cleaned_data["themes"],
            priorities=form.cleaned_data["priorities"],
            actor=request.user,
        ),
        success=lambda saved: f"Deep dive {'recorded' if is_new else 'saved'}: {saved}",
        template="partnership/source_form.html",
        title="Record a deep dive" if is_new else "Change the deep dive",
        caption="Performance dataset" if is_new else str(deep_dive),
        button="Record deep dive" if is_new else "Save deep dive",
        cancel_url=reverse("dashboards:deep-dive-list") if is_new else deep_dive.get_absolute_url(),
    )
