"""A priority's measures: added, changed and removed (with a confirmation) by the business unit,
from the priority's page, which lists them (see `dashboards.priority_parts`)."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from django.urls import reverse

from partnership import selectors as core
from partnership.views.toolkit import confirmed_change, form_page, require

from ..forms import PriorityMeasureForm
from ..models import PriorityMeasure
from ..permissions import can_manage_priority_measures
from ..services import priorities as services


def get_measure(request, pk: int) -> PriorityMeasure:
    """A measure of a priority the person may see (every priority is open to those signed in)."""
    visible = core.priorities_visible_to(request.user)
    return get_object_or_404(
        PriorityMeasure.objects.select_related("priority", "indicator"), pk=pk, priority__in=visible
    )


def priority_measure_create_view(request, pk: int):
    priority = get_object_or_404(core.priorities_visible_to(request.user), pk=pk)
    require(can_manage_priority_measures(request.user))
    return measure_form_page(request, PriorityMeasure(priority=priority))


def priority_measure_edit_view(request, pk: int):
    measure = get_measure(request, pk)
    require(can_manage_priority_measures(request.user))
    return measure_form_page(request, measure)


def measure_form_page(request, measure: PriorityMeasure):
    is_new = measure.pk is None
    priority = measure.priority
    form = PriorityMeasureForm(request.POST if request.method == "POST" else None, instance=measure)
    delete_url = "" if is_new else reverse("dashboards:priority-measure-delete", args=[measure.pk])
    return form_page(
        request,
        form,
        call=lambda form: services.priority_measure_save(measure=form.instance, actor=request.user),
        success=lambda saved: f"Measure {'added' if is_new else 'saved'}: {saved}",
        next_url=priority.get_absolute_url() + "#measures",
        template="dashboards/priority_measure_form.html",
        title="Add a measure" if is_new else "Change the measure",
        caption=str(priority),
        button="Add measure" if is_new else "Save measure",
        cancel_url=priority.get_absolute_url(),
        delete_url=delete_url,
    )


def priority_measure_delete_view(request, pk: int):
    measure = get_measure(request, pk)
    require(can_manage_priority_measures(request.user))
    priority = measure.priority
    return confirmed_change(
        request,
        change=lambda: services.priority_measure_delete(measure=measure, actor=request.user),
        success="The measure has been removed.",
        back_url=priority.get_absolute_url() + "#measures",
        title="Remove this measure?",
        body=[
            f"“{measure.description}” will no longer be one of the measures of {priority}.",
            "Its indicator and values stay in the performance dataset; the history of changes keeps the measure.",
        ],
        button="Remove measure",
        warning=True,
    )
