"""Rounds: setting one up, opening it, inviting more agencies, and a round's page.

A round's page shows every invited agency's progress to those who may see every return (the
business unit, partnership leads and the overseeing subgroup); anyone else sees the rows of
the returns they may see (an agency lead, their own), read through `returns_visible_to`.
"""

from collections import defaultdict

from django.contrib import messages
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from partnership.models import Role, RoleAssignment
from partnership.services import DomainError
from partnership.views.learning.panel import learning_panel_context
from partnership.views.toolkit import form_page, posted, require

from ... import permissions, selectors
from ...forms.section11 import InviteForm, RoundForm
from ...models import Requirement, ReturnStatus, RoundStatus
from ...services.section11 import rounds as round_services

SUBMITTED = (ReturnStatus.SUBMITTED, ReturnStatus.CHALLENGE, ReturnStatus.ACCEPTED)
EDITABLE = (ReturnStatus.NOT_STARTED, ReturnStatus.DRAFT, ReturnStatus.AMENDMENT)


def _visible_round(request, pk: int):
    return get_object_or_404(selectors.rounds_visible_to(request.user), pk=pk)


def round_create_view(request):
    require(permissions.can_manage_section11(request.user))
    form = RoundForm(posted(request))
    return form_page(
        request,
        form,
        call=lambda form: round_services.round_create(
            round_=form.instance, agencies=form.cleaned_data["agencies"], actor=request.user
        ),
        success=lambda round_: f"{round_.title} set up. Open it when you are ready to email the agencies.",
        title="Set up a Section 11 round",
        button="Set up the round",
        cancel_url=reverse("audits:round-list"),
    )


def progress_rows(user, round_, today=None) -> list[dict]:
    """The invited agencies' returns this person may see, each with its progress, in a fixed
    number of queries however many agencies are invited."""
    today = today or timezone.localdate()
    complete = Q(answers__rating__isnull=False) & ~Q(answers__evidence="")
    returns = (
        selectors.returns_visible_to(user)
        .filter(round=round_)
        .select_related("agency")
        .annotate(answered=Count("answers", filter=complete, distinct=True))
        .order_by("agency__name")
    )
    rows = []
    for agency_return in returns:
        overdue = (
            round_.status != RoundStatus.DRAFT and today > round_.due_on and agency_return.status in EDITABLE
        )
        rows.append({"return": agency_return, "overdue": overdue})
    return rows


def _opening_email_states(round_, rows) -> None:
    """Mark each row with whether its agency's leads have had the opening email: "sent" (with
    when), "waiting" (the job is queued or has not reached it) or "no lead" (nobody to email)."""
    sent = selectors.opening_emails_sent(round_)
    with_leads = set(
        RoleAssignment.objects.filter(
            role=Role.AGENCY_LEAD, agency__in=[row["return"].agency_id for row in rows], user__is_active=True
        ).values_list("agency_id", flat=True)
    )
    for row in rows:
        agency_return = row["return"]
        if agency_return.pk in sent:
            row["opening_email"], row["opening_email_sent_at"] = "sent", sent[agency_return.pk]
        elif agency_return.agency_id not in with_leads:
            row["opening_email"] = "no lead"
        else:
            row["opening_email"] = "waiting"


def round_detail_view(request, pk: int):
    round_ = _visible_round(request, pk)
    user = request.user
    rows = progress_rows(user, round_)
    can_manage = permissions.can_manage_section11(user)
    show_opening_emails = can_manage and round_.status != RoundStatus.DRAFT
    if show_opening_emails:
        _opening_email_states(round_, rows)
    counts = round_.returns.aggregate(
        invited=Count("pk"), submitted=Count("pk", filter=Q(status__in=SUBMITTED))
    )
    context = {
        "round": round_,
        "rows": rows,
        "requirements_total": Requirement.objects.filter(standard__framework=round_.framework_id).count(),
        "invited_total": counts["invited"],
        "submitted_summary": f"{counts['submitted']} of {counts['invited']} submitted",
        "can_manage": can_manage,
        "show_opening_emails": show_opening_emails,
        "can_view_overview": permissions.can_view_overview(user, round_),
        "today": timezone.localdate(),
    }
    if context["can_view_overview"]:
        context["escalations"] = selectors.round_escalations(round_, context["today"])
    context.update(learning_panel_context(request, round_.learning_source))
    return render(request, "audits/round_detail.html", context)


def round_open_view(request, pk: int):
    round_ = _visible_round(request, pk)
    require(permissions.can_manage_section11(request.user))
    if round_.status != RoundStatus.DRAFT:
        messages.info(request, "This round is already open.")
        return redirect(round_)
    if request.method == "POST":
        try:
            round_services.round_open(round_=round_, actor=request.user)
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(
                request,
                f"{round_.title} is open. Agency leads will be emailed within a few minutes: "
                "the round's page shows when each agency's email has gone.",
            )
        return redirect(round_)
    returns = list(round_.returns.select_related("agency").order_by("agency__name"))
    leads = defaultdict(list)
    assignments = RoleAssignment.objects.filter(
        role=Role.AGENCY_LEAD, agency__in=[r.agency_id for r in returns], user__is_active=True
    ).select_related("user")
    for assignment in assignments.order_by("user__full_name"):
        leads[assignment.agency_id].append(assignment.user)
    context = {
        "round": round_,
        "invited": [{"agency": r.agency, "leads": leads.get(r.agency_id, [])} for r in returns],
    }
    return render(request, "audits/round_open.html", context)


def round_invite_view(request, pk: int):
    round_ = _visible_round(request, pk)
    require(permissions.can_manage_section11(request.user))
    form = InviteForm(posted(request), round_=round_)
    emailed = (
        " Their leads will be emailed within a few minutes." if round_.status == RoundStatus.OPEN else ""
    )
    return form_page(
        request,
        form,
        call=lambda form: round_services.round_invite(
            round_=round_, agencies=form.cleaned_data["agencies"], actor=request.user
        ),
        success=lambda created: (
            f"{len(created)} agenc{'y' if len(created) == 1 else 'ies'} invited.{emailed}"
        ),
        next_url=round_.get_absolute_url(),
        template="audits/round_invite.html",
        title="Invite more agencies",
        caption=round_.title,
        button="Invite them",
        round=round_,
        cancel_url=round_.get_absolute_url(),
    )
