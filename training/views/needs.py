"""The annual training needs assessment: the list of years, one year's page (the needs, by theme
and by level, each theme with the findings of reviews, audits and other sources that carry it),
the business unit's setting up and summary, and agency leads' needs.

An agency lead sees and reports only their own agency's needs (another agency's need is a 404),
while the assessment is open; those who oversee training see every agency's. Findings are
counted through the core's `findings_visible_to`, so a confidential review's findings count
only for those who may read them, and only what the person may read is listed.
"""

from collections import defaultdict

from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone

from partnership import permissions as core
from partnership import selectors as core_selectors
from partnership.exports import csv_response
from partnership.models import Agency
from partnership.views.toolkit import confirmed_change, form_page, list_context, posted, require

from .. import permissions, selectors
from ..filters import NeedFilter
from ..forms.needs import NeedForm, NeedsAssessmentForm, NeedsSummaryForm
from ..models import Level, Need, NeedsAssessment
from ..services import needs as services
from .programme.common import require_manager, require_viewer

SORTS = {
    "agency": "agency__name",
    "level": "level",
    "priority": "priority",
    "staff": "staff_count",
    "added": "created_at",
}
DEFAULT_SORT = "agency"
FINDINGS_SHOWN = 10


def agencies_for(user):
    """The agencies the person may report needs and figures for."""
    if permissions.can_manage_training(user):
        return Agency.objects.active()
    return Agency.objects.filter(pk__in=core.roles_of(user).lead_of)


def needs_assessment_list_view(request):
    require_viewer(request.user)
    visible = selectors.needs_visible_to(request.user)
    assessments = NeedsAssessment.objects.annotate(
        need_count=Count("needs", filter=Q(needs__in=visible.values("pk")), distinct=True)
    ).order_by("-year")
    context = {
        "assessments": assessments,
        "can_manage": permissions.can_manage_training(request.user),
        "today": timezone.localdate(),
    }
    return render(request, "training/programme/needs_list.html", context)


def _needs(request, assessment) -> dict:
    base = (
        selectors.needs_visible_to(request.user).filter(assessment=assessment).select_related("submitted_by")
    )
    return list_context(request, NeedFilter, base, sorts=SORTS, default=DEFAULT_SORT)


def themes_summary(user, needs: list[Need]) -> list[dict]:
    """For each theme of these needs: the needs, staff counted, high priorities, and the
    findings the person may see that carry the theme (at most FINDINGS_SHOWN listed)."""
    by_theme: dict[int, dict] = {}
    for need in needs:
        for theme in need.themes.all():
            row = by_theme.setdefault(
                theme.pk, {"theme": theme, "needs": 0, "staff": 0, "high": 0, "findings": []}
            )
            row["needs"] += 1
            row["staff"] += need.staff_count or 0
            row["high"] += need.priority == "high"
    if not by_theme:
        return []
    findings = (
        core_selectors.findings_visible_to(user)
        .filter(themes__in=list(by_theme))
        .select_related("source")
        .distinct()
        .order_by("-source__date", "pk")
    )
    for finding in findings:
        for theme in finding.themes.all():
            if theme.pk in by_theme:
                by_theme[theme.pk]["findings"].append(finding)
    rows = sorted(by_theme.values(), key=lambda r: (-r["needs"], r["theme"].name))
    for row in rows:
        row["finding_count"] = len(row["findings"])
        row["findings_shown"] = [
            (f, reverse("partnership:source-detail", args=[f.source_id]) + f"#finding-{f.pk}")
            for f in row["findings"][:FINDINGS_SHOWN]
        ]
    return rows


def levels_summary(needs: list[Need]) -> list[dict]:
    counts = defaultdict(lambda: {"needs": 0, "staff": 0})
    for need in needs:
        counts[need.level]["needs"] += 1
        counts[need.level]["staff"] += need.staff_count or 0
    rows = [{"label": label, **counts[level]} for level, label in Level.choices if level in counts]
    if None in counts:
        rows.append({"label": "Level not given", **counts[None]})
    return rows


def needs_detail_view(request, pk: int):
    require_viewer(request.user)
    assessment = get_object_or_404(selectors.needs_assessments_visible_to(request.user), pk=pk)
    context = _needs(request, assessment)
    needs = list(context["queryset"])
    today = timezone.localdate()
    context.update({
        "assessment": assessment,
        "is_open": assessment.is_open(today),
        "by_theme": themes_summary(request.user, needs),
        "by_level": levels_summary(needs),
        "need_total": len(needs),
        "can_manage": permissions.can_manage_training(request.user),
        "can_add": permissions.can_add_need(request.user, assessment),
        "changeable": {n.pk for n in needs if permissions.can_change_need(request.user, n, today)},
        "sees_everyone": permissions.oversees_training(request.user),
    })  # fmt: skip
    return render(request, "training/programme/needs_detail.html", context)


def needs_export_view(request, pk: int):
    require_viewer(request.user)
    assessment = get_object_or_404(selectors.needs_assessments_visible_to(request.user), pk=pk)
    rows = (
        [
            n.agency.name,
            n.need,
            n.staff_group,
            n.staff_count,
            n.get_level_display() if n.level else "",
            n.get_priority_display(),
            ", ".join(t.name for t in n.themes.all()),
            n.submitted_by.full_name if n.submitted_by else "",
            timezone.localtime(n.created_at),
        ]
        for n in _needs(request, assessment)["queryset"]
    )
    header = ["Agency", "Need", "Which staff", "How many staff", "Level", "Priority", "Themes", "Reported by",
              "Reported"]  # fmt: skip
    return csv_response(filename=f"training-needs-{assessment.year}.csv", header=header, rows=rows)


def needs_create_view(request):
    require_viewer(request.user)
    require_manager(request.user)
    return assessment_form_page(request, NeedsAssessment())


def needs_edit_view(request, pk: int):
    require_viewer(request.user)
    assessment = get_object_or_404(selectors.needs_assessments_visible_to(request.user), pk=pk)
    require_manager(request.user)
    return assessment_form_page(request, assessment)


def assessment_form_page(request, assessment: NeedsAssessment):
    is_new = assessment.pk is None
    form = NeedsAssessmentForm(posted(request), instance=assessment)
    return form_page(
        request,
        form,
        call=lambda form: services.needs_assessment_save(assessment=form.instance, actor=request.user),
        success=lambda saved: f"{saved} {'set up' if is_new else 'saved'}",
        template="partnership/source_form.html",
        title="Set up a training needs assessment" if is_new else f"Change {assessment}",
        caption="Training needs",
        button="Set up needs assessment" if is_new else "Save",
        cancel_url=reverse("training:needs-list") if is_new else assessment.get_absolute_url(),
    )


def needs_summary_view(request, pk: int):
    require_viewer(request.user)
    assessment = get_object_or_404(selectors.needs_assessments_visible_to(request.user), pk=pk)
    require_manager(request.user)
    data = posted(request)
    form = NeedsSummaryForm(data, initial={"summary": assessment.summary})
    return form_page(
        request,
        form,
        call=lambda form: services.needs_summary_save(
            assessment=assessment, summary=form.cleaned_data["summary"], actor=request.user
        ),
        success=lambda saved: "Summary saved",
        template="partnership/source_form.html",
        title="Summary for the Training subgroup",
        caption=str(assessment),
        button="Save summary",
        cancel_url=assessment.get_absolute_url(),
    )


# --- an agency's needs -----------------------------------------------------------------------


def need_create_view(request, pk: int):
    require_viewer(request.user)
    assessment = get_object_or_404(selectors.needs_assessments_visible_to(request.user), pk=pk)
    require(permissions.can_add_need(request.user, assessment))
    return need_form_page(request, Need(assessment=assessment))


def _get_need(request, pk: int) -> Need:
    require_viewer(request.user)
    need = get_object_or_404(selectors.needs_visible_to(request.user), pk=pk)
    require(permissions.can_change_need(request.user, need))
    return need


def need_edit_view(request, pk: int):
    return need_form_page(request, _get_need(request, pk))


def need_form_page(request, need: Need):
    is_new = need.pk is None
    form = NeedForm(
        posted(request),
        instance=need,
        agencies_allowed=agencies_for(request.user),
    )
    return form_page(
        request,
        form,
        call=lambda form: services.need_save(
            need=form.instance, themes=form.cleaned_data["themes"], actor=request.user
        ),
        success=lambda saved: f"Training need {'added' if is_new else 'saved'}",
        next_url=need.assessment.get_absolute_url(),
        template="partnership/source_form.html",
        title="Add a training need" if is_new else "Change a training need",
        caption=str(need.assessment),
        button="Add need" if is_new else "Save need",
        cancel_url=need.assessment.get_absolute_url(),
    )


def need_remove_view(request, pk: int):
    need = _get_need(request, pk)
    return confirmed_change(
        request,
        change=lambda: services.need_delete(need=need, actor=request.user),
        success="Training need removed",
        back_url=need.assessment.get_absolute_url(),
        title="Remove this training need?",
        body=[f"{need.agency.name}: “{need.need}”", "It will no longer be part of the needs assessment."],
        button="Remove need",
        warning=True,
    )
