"""Pages of the learning chain shared by every source: the source page, and adding or changing
a source's findings and recommendations.

A source is looked up through `selectors.sources_visible_to` (outside the person's scope it is
a 404); adding or changing its learning needs `permissions.can_edit_learning` (else a 403).
Saving goes through `services.learning`, and the person goes back to the source's own page,
at the finding or recommendation they saved.
"""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render

from ... import permissions, selectors
from ...forms.learning import FindingForm, RecommendationForm, SourcePrioritiesForm
from ...models import Finding, Recommendation
from ...services import DomainError
from ...services import learning as services
from ..toolkit import add_domain_error, form_page, posted, require
from .panel import learning_panel_context


def learning_form_page(request, form, *, template: str, call, success, cancel_url: str, **context):
    """A GOV.UK form whose valid submission calls one service: `call(form)` returns what it
    saved, and the person goes to that record's page with `success(saved)` as a message. A
    service's refusal is shown next to the field it is about, with what they typed kept."""
    if form.is_bound and form.is_valid():
        try:
            saved = call(form)
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, success(saved))
            return redirect(saved)
    return render(request, template, {"form": form, "cancel_url": cancel_url, **context})


def get_source(request, pk: int):
    return get_object_or_404(selectors.sources_visible_to(request.user), pk=pk)


# --- a source of learning ----------------------------------------------------------------


def source_detail_view(request, pk: int):
    """A source's own page when its app has one (a consultation, a review…); otherwise a plain
    page with what the anchor knows and the learning panel."""
    source = get_source(request, pk)
    concrete = source.concrete
    if concrete is not None and hasattr(concrete, "get_absolute_url"):
        return redirect(concrete.get_absolute_url())
    context = {"source": source, **learning_panel_context(request, source)}
    return render(request, "partnership/source_detail.html", context)


def source_priorities_view(request, pk: int):
    """Change the priorities a source serves, whatever its kind (the learning panel's link)."""
    source = get_source(request, pk)
    require(permissions.can_edit_learning(request.user, source))
    form = SourcePrioritiesForm(posted(request), source=source)
    return form_page(
        request,
        form,
        call=lambda form: services.source_priorities_set(
            source=source, priorities=form.cleaned_data["priorities"], actor=request.user
        ),
        success=lambda saved: f"Priorities saved for {saved.title}",
        next_url=source.get_absolute_url() + "#priorities-heading",
        title="Priorities this source of learning serves",
        button="Save priorities",
        cancel_url=source.get_absolute_url(),
    )


# --- findings ----------------------------------------------------------------------------


def finding_create_view(request, source_pk: int):
    source = get_source(request, source_pk)
    require(permissions.can_edit_learning(request.user, source))
    return finding_form_page(request, Finding(source=source))


def finding_edit_view(request, pk: int):
    finding = get_object_or_404(selectors.findings_visible_to(request.user).select_related("source"), pk=pk)
    require(permissions.can_edit_learning(request.user, finding.source))
    return finding_form_page(request, finding)


def finding_form_page(request, finding: Finding):
    is_new = finding.pk is None
    form = FindingForm(posted(request), instance=finding)
    return learning_form_page(
        request,
        form,
        template="partnership/finding_form.html",
        call=lambda form: services.finding_save(
            finding=form.instance,
            themes=form.cleaned_data["themes"],
            priorities=form.cleaned_data["priorities"],
            actor=request.user,
        ),
        success=lambda saved: f"Finding {'added' if is_new else 'saved'}: {saved}",
        cancel_url=finding.source.get_absolute_url(),
        title="Add a finding" if is_new else "Change a finding",
        source=finding.source,
        button="Add finding" if is_new else "Save finding",
    )


# --- recommendations ---------------------------------------------------------------------


def recommendation_create_view(request, source_pk: int):
    source = get_source(request, source_pk)
    require(permissions.can_edit_learning(request.user, source))
    return recommendation_form_page(request, Recommendation(source=source))


def recommendation_edit_view(request, pk: int):
    recommendation = get_object_or_404(
        selectors.recommendations_visible_to(request.user).select_related("source"), pk=pk
    )
    require(permissions.can_edit_learning(request.user, recommendation.source))
    return recommendation_form_page(request, recommendation)


def recommendation_form_page(request, recommendation: Recommendation):
    is_new = recommendation.pk is None
    form = RecommendationForm(posted(request), instance=recommendation)

    def save(form):
        data = form.cleaned_data
        return services.recommendation_save(
            recommendation=form.instance,
            agencies=data["agencies"],
            themes=data["themes"],
            findings=data["findings"],
            actor=request.user,
        )

    return learning_form_page(
        request,
        form,
        template="partnership/recommendation_form.html",
        call=save,
        success=lambda saved: f"Recommendation {saved.reference} {'added' if is_new else 'saved'}",
        cancel_url=recommendation.source.get_absolute_url(),
        title="Add a recommendation" if is_new else f"Change recommendation {recommendation.reference}",
        source=recommendation.source,
        button="Add recommendation" if is_new else "Save recommendation",
    )
