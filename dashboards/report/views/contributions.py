"""The contributions' pages: the business unit's request (from the report's year page), the
contribution's own page (its author writes, saves and submits it there; the business unit reads
it, approves it or returns it with a reason).

A contribution is looked up among those the person may read (`contributions_visible_to`): the
business unit's all, anyone else's own, so another person's is a 404.
"""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from partnership import selectors as core
from partnership.models import User
from partnership.services import DomainError
from partnership.views.toolkit import add_domain_error, form_page, posted, require

from ... import periods
from ..figures.base import uk_date
from ..figures.contributions import starting_text
from ..forms import ContributionRequestForm, ContributionReturnForm, ContributionWriteForm
from ..models import ReportContribution
from ..permissions import (
    can_approve_contribution,
    can_request_contributions,
    can_write_contribution,
)
from ..selectors import contributions_visible_to
from ..services import contribution_approve, contribution_request, contribution_return, contribution_save
from .years import _year


def report_contribution_request_view(request, year: int):
    """Request the scrutineer's assessment, a subgroup's section or an agency's contribution."""
    require(can_request_contributions(request.user))
    year = _year(year)
    form = ContributionRequestForm(
        posted(request),
        subgroups=core.subgroups_visible_to(request.user).filter(active=True).order_by("name"),
        agencies=core.agencies_visible_to(request.user).filter(active=True).order_by("name"),
        people=User.objects.filter(is_active=True).order_by("full_name", "email"),
    )
    year_url = reverse("dashboards:report-year", args=[year])
    return form_page(
        request,
        form,
        call=lambda form: contribution_request(year=year, actor=request.user, **form.request_kwargs()),
        success=lambda saved: (
            f"Requested: {saved.title}, from {saved.author.full_name or saved.author.email}, "
            f"due {uk_date(saved.due_on)}. They will be emailed a link to it."
        ),
        next_url=year_url + "#contributions",
        template="partnership/source_form.html",
        title="Request a contribution",
        caption=f"Annual report {periods.year_label(year)}",
        button="Request the contribution",
        cancel_url=year_url,
    )


def _contribution(request, pk: int) -> ReportContribution:
    return get_object_or_404(contributions_visible_to(request.user), pk=pk)


def report_contribution_view(request, pk: int):
    """The contribution: its author writes it here (save as a draft, or submit); the business
    unit reads it and approves it or returns it."""
    contribution = _contribution(request, pk)
    may_write = can_write_contribution(request.user, contribution)
    form = ContributionWriteForm(initial={"text": contribution.text or starting_text(contribution)})
    if request.method == "POST":
        require(may_write)
        form = ContributionWriteForm(request.POST)
        submit = request.POST.get("action") == "submit"
        if form.is_valid():
            try:
                contribution_save(
                    contribution=contribution,
                    text=form.cleaned_data["text"],
                    submit=submit,
                    actor=request.user,
                )
            except DomainError as exc:
                add_domain_error(form, exc)
            else:
                messages.success(
                    request,
                    "Submitted to the business unit, who will approve it for the report or return it to you"
                    if submit
                    else "Your draft has been saved",
                )
                return redirect(contribution)
    return render(
        request,
        "dashboards/report/contribution_detail.html",
        {
            "contribution": contribution,
            "today": timezone.localdate(),
            "year_label": periods.year_label(contribution.year),
            "form": form,
            "may_write": may_write,
            "may_approve": can_approve_contribution(request.user, contribution),
            "year_url": reverse("dashboards:report-year", args=[contribution.year])
            if can_request_contributions(request.user)
            else "",
        },
    )


@require_POST
def report_contribution_approve_view(request, pk: int):
    contribution = _contribution(request, pk)
    require(can_request_contributions(request.user))
    try:
        contribution_approve(contribution=contribution, actor=request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect(contribution)
    messages.success(request, f"Approved: {contribution.title} will be printed in the report")
    return redirect(reverse("dashboards:report-year", args=[contribution.year]) + "#contributions")


def report_contribution_return_view(request, pk: int):
    """Return a submitted contribution to its author, saying what to change."""
    contribution = _contribution(request, pk)
    require(can_approve_contribution(request.user, contribution))
    return form_page(
        request,
        ContributionReturnForm(posted(request)),
        call=lambda form: contribution_return(
            contribution=contribution, reason=form.cleaned_data["reason"], actor=request.user
        ),
        success=lambda saved: f"Returned to {saved.author.full_name or saved.author.email} with your reason",
        template="partnership/source_form.html",
        title="Return the contribution to its author",
        caption=contribution.title,
        button="Return the contribution",
        cancel_url=contribution.get_absolute_url(),
    )
