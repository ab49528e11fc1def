"""Intended outcomes of a source of learning (add, change, delete after a confirmation), the
"did it stick?" check of one, and the list of checks due (with its CSV export).

An outcome is looked up through `selectors.outcomes_visible_to` (a 404 outside the person's
sources); changing it or recording its check needs `permissions.can_edit_outcomes` (a 403).
"""

from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from ... import extensions, permissions, selectors
from ...exports import csv_response
from ...filters.outcomes import OutcomeCheckFilter
from ...forms.outcomes import IntendedOutcomeForm, OutcomeCheckForm
from ...models import IntendedOutcome
from ...models.outcomes import CHECK_STATE_COLOURS, number
from ...services import outcomes as services
from ..records.values import display
from ..toolkit import confirmed_change, form_page, list_context, posted, require
from .chain import get_source

SORTS = {"check": "check_on", "source": "source__title", "checked": "checked_on"}


def _outcome(request, pk: int) -> IntendedOutcome:
    outcome = get_object_or_404(selectors.outcomes_visible_to(request.user), pk=pk)
    require(permissions.can_edit_outcomes(request.user, outcome.source))
    return outcome


def outcome_create_view(request, source_pk: int):
    source = get_source(request, source_pk)
    require(permissions.can_edit_outcomes(request.user, source))
    return _outcome_form_page(request, IntendedOutcome(source=source))


def outcome_edit_view(request, pk: int):
    return _outcome_form_page(request, _outcome(request, pk))


def _outcome_form_page(request, outcome: IntendedOutcome):
    is_new = outcome.pk is None
    form = IntendedOutcomeForm(posted(request), instance=outcome)
    return form_page(
        request,
        form,
        template="partnership/outcome_form.html",
        call=lambda form: services.outcome_save(
            outcome=form.instance, findings=form.cleaned_data.get("findings"), actor=request.user
        ),
        success=lambda saved: f"Intended outcome {'added' if is_new else 'saved'}: {saved}",
        title="Add an intended outcome" if is_new else "Change an intended outcome",
        source=outcome.source,
        button="Add outcome" if is_new else "Save outcome",
        cancel_url=outcome.source.get_absolute_url(),
    )


def outcome_delete_view(request, pk: int):
    outcome = _outcome(request, pk)
    return confirmed_change(
        request,
        change=lambda: services.outcome_delete(outcome=outcome, actor=request.user),
        success=f"Intended outcome deleted: {outcome}",
        back_url=outcome.source.get_absolute_url(),
        title="Delete this intended outcome?",
        body=[f"“{outcome.outcome}”", "It will no longer be checked when the action plan closes."],
        button="Delete the outcome",
        warning=True,
    )


def outcome_check_view(request, pk: int):
    """Record whether the outcome stuck. For an indicator, the value at the check date is
    filled in from the dataset, with the result it suggests against the target."""
    outcome = _outcome(request, pk)
    today = timezone.localdate()
    on = min(outcome.check_on or today, today)
    suggestion = services.outcome_suggestion(outcome, on)
    initial = {"checked_on": today}
    if suggestion is not None:
        initial.update(value=suggestion.reading.value, result=suggestion.result)
    # What the apps hold that answers the outcome (a re-audit's before and after): OUTCOME_EVIDENCE.
    found = extensions.outcome_evidence(outcome, request.user)
    if found:
        initial["evidence"] = "\n\n".join(evidence.text for evidence in found)
    form = OutcomeCheckForm(posted(request), initial=initial, outcome=outcome)
    return form_page(
        request,
        form,
        template="partnership/outcome_check.html",
        call=lambda form: services.outcome_check_record(
            outcome=outcome,
            result=form.cleaned_data["result"],
            evidence=form.cleaned_data["evidence"],
            checked_on=form.cleaned_data["checked_on"],
            value=form.cleaned_data.get("value"),
            actor=request.user,
        ),
        success=lambda saved: (
            f"Check recorded: {saved.get_result_display().lower()}"
            + (". A recurring finding was opened on the source" if saved.result == "not_sustained" else "")
        ),
        title="Did it stick?",
        outcome=outcome,
        suggestion=suggestion,
        found_evidence=found,
        reading_value=number(suggestion.reading.value) if suggestion else "",
        on=on,
        button="Record the result",
        cancel_url=outcome.get_absolute_url(),
    )


# --- the list of checks ----------------------------------------------------------------------


def _listed(request) -> dict:
    require(permissions.can_view_outcome_checks(request.user))
    return list_context(
        request,
        OutcomeCheckFilter,
        selectors.outcome_checks_visible_to(request.user),
        sorts=SORTS,
        default="check",
    )


def outcome_check_list_view(request):
    context = _listed(request)
    today = timezone.localdate()
    for outcome in context["page_obj"].object_list:
        outcome.state_now = outcome.check_state(today)
        outcome.state_colour = CHECK_STATE_COLOURS[outcome.state_now]
    return render(request, "partnership/outcome_check_list.html", context)


CSV_COLUMNS = (
    ("Source", lambda o: o.source.title),
    ("Subgroup", lambda o: str(o.source.subgroup or "")),
    ("Outcome sought", lambda o: o.outcome),
    ("Measure", lambda o: o.measure_display()),
    ("Check date", lambda o: display(o.check_on)),
    ("State", lambda o: o.check_state(timezone.localdate()).label),
    ("Result", lambda o: o.get_result_display()),
    ("Value at the check", lambda o: number(o.result_value)),
    ("Evidence", lambda o: o.evidence),
    ("Checked", lambda o: display(o.checked_on)),
    ("Checked by", lambda o: str(o.checked_by or "")),
)


def outcome_check_export_view(request):
    queryset = _listed(request)["queryset"]
    return csv_response(
        filename=f"outcome-checks-{timezone.localdate():%Y-%m-%d}.csv",
        header=[label for label, _value in CSV_COLUMNS],
        rows=([value(o) for _label, value in CSV_COLUMNS] for o in queryset),
    )
