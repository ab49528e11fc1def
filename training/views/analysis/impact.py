"""Training impact analyses: the list (filter, sort, CSV), recording one, and its page.

An impact analysis is a source of learning: its page shows the programme year's key figures
(from `training_summary`, scoped to the person) and then the core's learning panel, through
which its findings, recommendations and action plan are recorded, as on every source's page.

Those who may open training (its overseers, and agency leads) read them; the business unit
records and changes them (403 for the others); anyone else gets a 403 on every page.
"""

import django_filters
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone

from partnership.exports import csv_response
from partnership.selectors import sources_visible_to
from partnership.spreadsheets import text_value
from partnership.views.learning.panel import learning_panel_context
from partnership.views.toolkit import form_page, posted, require

from ... import permissions
from ...analysis.summary import training_summary
from ...forms.analysis import ImpactAnalysisForm
from ...models import ImpactAnalysis, Programme
from ...services.analysis import impact_analysis_save
from . import tables

SORTS = {"title": "title", "year": "programme__year", "reported": "reported_on"}
DEFAULT_SORT = "-reported"


def impact_analyses_visible_to(user):
    """Every impact analysis for those who may open training; none for anyone else."""
    qs = ImpactAnalysis.objects.select_related("programme", "learning_source")
    return qs if permissions.can_view_training(user) else qs.none()


class ImpactAnalysisFilter(django_filters.FilterSet):
    year = django_filters.ChoiceFilter(
        label="Programme year", field_name="programme__year", empty_label="Any year"
    )

    class Meta:
        model = ImpactAnalysis
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        years = Programme.objects.filter(impact_analyses__isnull=False).order_by("-year").distinct()
        self.filters["year"].extra["choices"] = [(p.year, p.year_label) for p in years]


def _filtered(request):
    filterset = ImpactAnalysisFilter(request.GET, queryset=impact_analyses_visible_to(request.user))
    requested = request.GET.get("sort", "")
    sort = requested if requested.lstrip("-") in SORTS else DEFAULT_SORT
    field = SORTS[sort.lstrip("-")]
    queryset = filterset.qs.order_by(f"-{field}" if sort.startswith("-") else field, "pk").annotate(
        findings_count=Count("learning_source__findings", distinct=True),
        recommendations_count=Count("learning_source__recommendations", distinct=True),
        has_plan=Count("learning_source__action_plan", filter=Q(learning_source__action_plan__isnull=False)),
    )
    return filterset, queryset, sort


def analysis_list_view(request):
    require(permissions.can_view_training(request.user))
    filterset, queryset, sort = _filtered(request)
    export_query = request.GET.copy()
    context = {
        "filterset": filterset,
        "analyses": list(queryset),
        "sort": sort,
        "has_any": ImpactAnalysis.objects.exists(),
        "export_query": export_query.urlencode(),
        "can_manage": permissions.can_manage_training(request.user),
    }
    return render(request, "training/analysis/impact_list.html", context)


CSV_COLUMNS = (
    ("Title", lambda a: a.title),
    ("Programme year", lambda a: a.programme.year_label),
    ("Date reported", lambda a: text_value(a.reported_on)),
    ("Findings", lambda a: a.findings_count),
    ("Recommendations", lambda a: a.recommendations_count),
    ("Action plan", lambda a: text_value(bool(a.has_plan))),
    ("Summary", lambda a: a.summary),
)


def analysis_list_export_view(request):
    """The impact analyses the list shows, with the same filters and order, as CSV."""
    require(permissions.can_view_training(request.user))
    _filterset, queryset, _sort = _filtered(request)
    return csv_response(
        filename=f"training-impact-analyses-{timezone.localdate():%Y-%m-%d}.csv",
        header=[label for label, _value in CSV_COLUMNS],
        rows=([value(a) for _label, value in CSV_COLUMNS] for a in queryset),
    )


def get_analysis(request, pk: int) -> ImpactAnalysis:
    require(permissions.can_view_training(request.user))
    return get_object_or_404(impact_analyses_visible_to(request.user), pk=pk)


def analysis_detail_view(request, pk: int):
    # An impact analysis is a source of learning like any other: whoever sees its learning in
    # the learning chain may open it. The year's training figures are for those who may see
    # training figures (an agency lead's scoped to their agency).
    analysis = get_object_or_404(
        ImpactAnalysis.objects.select_related("programme__subgroup", "learning_source").filter(
            learning_source__in=sources_visible_to(request.user)
        ),
        pk=pk,
    )
    summary = (
        training_summary(analysis.programme.year, user=request.user)
        if permissions.can_view_training(request.user)
        else None
    )
    context = {
        "analysis": analysis,
        "summary": summary,
        "headlines": tables.headlines(summary.overall) if summary else [],
        "agency_names": [row.label for row in summary.by_agency]
        if summary and summary.limited_to_agencies
        else [],
        "overview_url": f"{reverse('training:analysis-overview')}?year={analysis.programme.year}",
        "can_manage": permissions.can_manage_training(request.user),
        **learning_panel_context(request, analysis.learning_source),
    }
    return render(request, "training/analysis/impact_detail.html", context)


def analysis_create_view(request):
    require(permissions.can_view_training(request.user))
    require(permissions.can_manage_training(request.user))
    analysis = ImpactAnalysis()
    year = request.GET.get("year", "")
    if request.method != "POST" and year.isdigit():
        analysis.programme = Programme.objects.filter(year=int(year)).first()
    return _form_page(request, analysis)


def analysis_edit_view(request, pk: int):
    analysis = get_analysis(request, pk)
    require(permissions.can_manage_training(request.user))
    return _form_page(request, analysis)


def _form_page(request, analysis: ImpactAnalysis):
    is_new = analysis.pk is None
    form = ImpactAnalysisForm(posted(request), instance=analysis)
    return form_page(
        request,
        form,
        call=lambda form: impact_analysis_save(analysis=form.instance, actor=request.user),
        success=lambda saved: f"Impact analysis {'recorded' if is_new else 'saved'}: {saved}",
        template="partnership/source_form.html",
        title="Record a training impact analysis" if is_new else "Change the impact analysis",
        caption="Training impact analyses" if is_new else str(analysis),
        button="Record impact analysis" if is_new else "Save impact analysis",
        cancel_url=reverse("training:analysis-list") if is_new else analysis.get_absolute_url(),
    )
