"""Pages of dissemination: a source's dissemination plan (add, change, remove after a
confirmation), an agency's confirmation that it cascaded a briefing (from the emailed link, with
no account, or signed in), practitioners' short feedback on a briefing (signed in, or from
the briefing's feedback link), and reach as CSV (a briefing's, scoped as its page; every
briefing's, for those who see everything).

A source is looked up through `selectors.sources_visible_to`, a briefing through
`selectors.briefings_visible_to`, a cascade through `selectors.cascades_visible_to` (else a
404); changing needs the named predicate (else a 403). The two link pages need no account: the
signed token is the key, checked by the service before anything is shown.
"""

from collections import defaultdict

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.text import slugify
from django.views.decorators.cache import never_cache

from .. import permissions, selectors
from ..exports import csv_response
from ..forms.dissemination import BriefingFeedbackForm, CascadeConfirmForm, DisseminationItemForm
from ..home import uk_date
from ..models import Briefing, DisseminationItem
from ..services import DomainError
from ..services import dissemination as services
from .records.values import display
from .toolkit import add_domain_error, confirmed_change, form_page, posted, require

PLAN_ANCHOR = "#dissemination-heading"

# --- the dissemination plan -------------------------------------------------------------------


def _source(request, pk: int):
    return get_object_or_404(selectors.sources_visible_to(request.user), pk=pk)


def _item(request, pk: int) -> DisseminationItem:
    item = get_object_or_404(selectors.dissemination_items_visible_to(request.user), pk=pk)
    require(permissions.can_edit_dissemination(request.user, item.source))
    return item


def dissemination_item_create_view(request, source_pk: int):
    source = _source(request, source_pk)
    require(permissions.can_edit_dissemination(request.user, source))
    return _item_form_page(request, DisseminationItem(source=source))


def dissemination_item_edit_view(request, pk: int):
    return _item_form_page(request, _item(request, pk))


def _item_form_page(request, item: DisseminationItem):
    is_new = item.pk is None
    back = item.source.get_absolute_url() + PLAN_ANCHOR
    return form_page(
        request,
        DisseminationItemForm(posted(request), instance=item),
        call=lambda form: services.dissemination_item_save(item=form.instance, actor=request.user),
        success=lambda saved: f"Dissemination plan {'added to' if is_new else 'changed'}: {saved.who}",
        next_url=back,
        title="Add to the dissemination plan" if is_new else "Change the dissemination plan",
        button="Add to the plan" if is_new else "Save",
        cancel_url=back,
    )


def dissemination_item_remove_view(request, pk: int):
    item = _item(request, pk)
    return confirmed_change(
        request,
        change=lambda: services.dissemination_item_remove(item=item, actor=request.user),
        success=f"Removed from the dissemination plan: {item.who}",
        back_url=item.source.get_absolute_url() + PLAN_ANCHOR,
        title=f"Are you sure you want to remove {item.who} from the dissemination plan?",
        body=[f"“{item.message}”, due {uk_date(item.due_on)}, will no longer be planned."],
        button="Remove",
        warning=True,
    )


# --- an agency's cascade --------------------------------------------------------------------


def _cascade_values(form) -> dict:
    data = form.cleaned_data
    return {"method": data["method"], "staff_reached": data["staff_reached"], "notes": data["notes"]}


def _link_problem(request, problem: str, cascade):
    context = {"problem": problem, "cascade": cascade, "business_unit_email": settings.BUSINESS_UNIT_EMAIL,
               "link_days": settings.CASCADE_LINK_DAYS}  # fmt: skip
    return render(
        request, "partnership/cascade_problem.html", context, status=404 if problem == "invalid" else 410
    )


@login_not_required
@never_cache
def cascade_link_view(request, token: str):
    """An agency lead confirms, from the emailed link and without signing in, how the agency
    cascaded a briefing and how many staff it reached. The link works once."""
    resolved = services.cascade_for_token(token)
    if not resolved.usable:
        return _link_problem(request, resolved.problem, resolved.cascade)
    cascade = resolved.cascade
    form = CascadeConfirmForm(posted(request))
    if form.is_bound and form.is_valid():
        try:
            services.cascade_confirm_by_link(
                token=token, confirmed_by=form.cleaned_data["confirmed_by"], **_cascade_values(form)
            )
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            cascade.refresh_from_db()
            return render(request, "partnership/cascade_done.html", {"cascade": cascade})
    return render(request, "partnership/cascade_confirm.html", {"form": form, "cascade": cascade})


def cascade_confirm_view(request, pk: int):
    """The agency's lead (or the business unit) confirms a cascade signed in: the way on once
    the emailed link has expired."""
    cascade = get_object_or_404(selectors.cascades_visible_to(request.user), pk=pk)
    require(permissions.can_confirm_cascade(request.user, cascade) and not cascade.is_confirmed)
    form = CascadeConfirmForm(posted(request), signed_in=True)
    if form.is_bound and form.is_valid():
        try:
            services.cascade_confirm(cascade=cascade, actor=request.user, **_cascade_values(form))
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, f"Cascade confirmed for {cascade.agency}")
            return redirect(cascade.briefing.get_absolute_url() + "#reach-heading")
    context = {"form": form, "cascade": cascade, "signed_in": True,
               "cancel_url": cascade.briefing.get_absolute_url()}  # fmt: skip
    return render(request, "partnership/cascade_confirm.html", context)


# --- feedback on a briefing -------------------------------------------------------------------


def briefing_feedback_view(request, pk: int):
    briefing = get_object_or_404(selectors.briefings_visible_to(request.user), pk=pk)
    require(permissions.can_give_briefing_feedback(request.user, briefing))
    form = BriefingFeedbackForm(posted(request))
    if form.is_bound and form.is_valid():
        try:
            services.briefing_feedback_give(briefing=briefing, actor=request.user, **form.cleaned_data)
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, "Thank you: your feedback is saved")
            return redirect(briefing)
    context = {"form": form, "briefing": briefing, "cancel_url": briefing.get_absolute_url()}
    return render(request, "partnership/briefing_feedback.html", context)


@login_not_required
@never_cache
def briefing_feedback_link_view(request, token: str):
    """Feedback on a briefing or learning event from its link (shared at the event or in the
    newsletter), without an account; anonymous."""
    briefing = services.briefing_for_feedback_token(token)
    if briefing is None:
        return _link_problem(request, "invalid", None)
    form = BriefingFeedbackForm(posted(request))
    if form.is_bound and form.is_valid():
        try:
            services.briefing_feedback_give_by_link(token=token, **form.cleaned_data)
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            return render(request, "partnership/briefing_feedback_done.html", {"briefing": briefing})
    return render(
        request, "partnership/briefing_feedback.html", {"form": form, "briefing": briefing, "by_link": True}
    )


# --- a briefing's reach, as CSV ---------------------------------------------------------------

REACH_COLUMNS = ("Agency", "State", "Due", "Confirmed on", "How it was cascaded", "Staff reached")


def briefing_reach_export_view(request, pk: int):
    """A published briefing's reach as the page shows it to the person (their
    `cascades_visible_to`: an agency's lead sees only their own agency's row), one row per named
    agency and a totals row. A draft has no reach yet (a 404)."""
    briefing = get_object_or_404(selectors.briefings_visible_to(request.user), pk=pk)
    if briefing.is_draft:
        raise Http404("A draft briefing has no reach yet.")
    today = timezone.localdate()
    reach = selectors.cascade_reach(
        selectors.cascades_visible_to(request.user).filter(briefing=briefing), today
    )
    rows = [
        [
            c.agency.name,
            c.state_now.label,
            display(c.due_on),
            display(timezone.localtime(c.confirmed_at).date()) if c.confirmed_at else "",
            c.get_method_display() if c.confirmed_at else "",
            c.staff_reached if c.confirmed_at else "",
        ]
        for c in reach["rows"]
    ]
    rows.append(
        [
            "Total",
            f"{reach['confirmed']} of {reach['named']} confirmed, {reach['awaiting']} awaiting, "
            f"{reach['overdue']} overdue",
            "",
            "",
            "",
            reach["staff_reached"],
        ]
    )
    return csv_response(
        filename=f"reach-{slugify(briefing.title)[:60]}-{today:%Y-%m-%d}.csv", header=REACH_COLUMNS, rows=rows
    )


ALL_REACH_COLUMNS = (
    "Briefing", "Published", "Agencies named", "Confirmed", "Awaiting", "Overdue", "Staff reached",
)  # fmt: skip


def reach_export_view(request):
    """Every published briefing's reach, one row each (newest first): how many agencies were
    named, confirmed, awaiting and overdue, and the staff reached. For those who see everything
    (a 403 for others); two queries however many briefings."""
    require(permissions.can_export_all_reach(request.user))
    today = timezone.localdate()
    briefings = (
        selectors.briefings_visible_to(request.user)
        .filter(status=Briefing.Status.PUBLISHED)
        .order_by("-published_on", "-pk")
    )
    cascades = defaultdict(list)
    for cascade in selectors.cascades_visible_to(request.user).filter(briefing__in=briefings):
        cascades[cascade.briefing_id].append(cascade)
    rows = []
    for briefing in briefings:
        reach = selectors.cascade_reach(cascades[briefing.pk], today)
        rows.append([briefing.title, display(briefing.published_on), reach["named"], reach["confirmed"],
                     reach["awaiting"], reach["overdue"], reach["staff_reached"]])  # fmt: skip
    return csv_response(filename=f"briefings-reach-{today:%Y-%m-%d}.csv", header=ALL_REACH_COLUMNS, rows=rows)
