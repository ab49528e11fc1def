"""Risks flagged from a source of learning: flag one, read one, record the agency's response,
and the list of those the person may see (with its CSV export)."""

from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from ... import permissions, selectors
from ...exports import csv_response
from ...filters.risks import RiskFlagFilter
from ...forms.risks import RiskFlagForm, RiskResponseForm
from ...models import RiskFlag
from ...services import risks as services
from ..records.values import display
from ..toolkit import form_page, list_context, posted, require

SORTS = {"due": "response_due_on", "agency": "agency__name", "raised": "raised_on"}


def risk_flag_create_view(request, source_pk: int):
    source = get_object_or_404(selectors.sources_visible_to(request.user), pk=source_pk)
    require(permissions.can_flag_risk(request.user, source))
    today = timezone.localdate()
    form = RiskFlagForm(
        posted(request),
        instance=RiskFlag(source=source),
        initial={"response_due_on": services.default_response_due_on(today)},
    )
    return form_page(
        request,
        form,
        call=lambda form: services.risk_flag_raise(flag=form.instance, actor=request.user, today=today),
        success=lambda flag: (
            f"Risk flagged to {flag.agency.name}. Its senior manager and leads, and {flag.partner.name}, "
            "are being emailed."
        ),
        title="Flag a risk",
        button="Flag the risk and email them",
        cancel_url=source.get_absolute_url(),
    )


def _visible_flag(request, pk: int) -> RiskFlag:
    return get_object_or_404(selectors.risk_flags_visible_to(request.user), pk=pk)


def risk_detail_view(request, pk: int):
    flag = _visible_flag(request, pk)
    context = {
        "flag": flag,
        "state": flag.response_state(timezone.localdate()),
        "source_visible": selectors.sources_visible_to(request.user).filter(pk=flag.source_id).exists(),
        "can_respond": permissions.can_respond_to_risk(request.user, flag),
    }
    return render(request, "partnership/risk_detail.html", context)


def risk_respond_view(request, pk: int):
    flag = _visible_flag(request, pk)
    require(permissions.can_respond_to_risk(request.user, flag))
    initial = {"received_on": flag.response_received_on or timezone.localdate(), "response": flag.response}
    form = RiskResponseForm(posted(request), initial=initial)
    return form_page(
        request,
        form,
        call=lambda form: services.risk_flag_respond(
            flag=flag,
            received_on=form.cleaned_data["received_on"],
            response=form.cleaned_data["response"],
            actor=request.user,
        ),
        success=lambda saved: f"{flag.agency.name}'s response recorded",
        title="Record the agency's response",
        button="Record the response",
        cancel_url=flag.get_absolute_url(),
    )


def _listed(request) -> dict:
    return list_context(
        request, RiskFlagFilter, selectors.risk_flags_visible_to(request.user), sorts=SORTS, default="due"
    )


def risk_list_view(request):
    context = _listed(request)
    today = timezone.localdate()
    for flag in context["page_obj"].object_list:
        flag.state_now = flag.response_state(today)
    return render(request, "partnership/risk_list.html", context)


CSV_COLUMNS = (
    ("Agency", lambda f: f.agency.name),
    ("Safeguarding partner", lambda f: f.partner.name),
    ("Source", lambda f: f.source.title),
    ("Risk", lambda f: f.risk),
    ("Flagged", lambda f: display(f.raised_on)),
    ("Response due", lambda f: display(f.response_due_on)),
    ("Response received", lambda f: display(f.response_received_on)),
    ("Response", lambda f: f.response),
)


def risk_export_view(request):
    queryset = _listed(request)["queryset"]
    return csv_response(
        filename=f"risks-flagged-{timezone.localdate():%Y-%m-%d}.csv",
        header=[label for label, _value in CSV_COLUMNS],
        rows=([value(f) for _label, value in CSV_COLUMNS] for f in queryset),
    )
