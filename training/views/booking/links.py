"""The one address of every emailed training link, `t/<token>/`, for people without an account.

The token is checked first (training/links.py): a made-up or altered token is "not valid"
(404), an expired or used one says so (410), on a plain page that names nothing and nobody
(templates/training/link_problem.html). A usable link is dispatched by its purpose:

- CANCEL: the practitioner's booking and a button; the POST marks the link used and cancels
  the place in one transaction (a double submit cancels once), which promotes the waiting list.
- APPROVE: the line manager's approve/decline page; the POST marks the link used and records
  the decision in one transaction.
- EVALUATION, FOLLOW_UP_PARTICIPANT, FOLLOW_UP_MANAGER: the feedback area's form views, imported
  when needed so that this module does not depend on that area being loaded.
"""

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.db import transaction
from django.http import Http404
from django.shortcuts import render

from partnership.services import DomainError
from partnership.views.toolkit import posted

from ... import links
from ...forms.booking import DecisionForm
from ...models import AttendeeStatus, LinkPurpose
from ...services import booking

PROBLEM_STATUS = {"invalid": 404, "expired": 410, "used": 410}


class _AlreadyUsed(Exception):
    pass


def link_problem(request, problem: str):
    """The plain page for a link that cannot be used: `problem` is invalid, expired or used."""
    context = {"problem": problem, "business_unit_email": settings.BUSINESS_UNIT_EMAIL}
    return render(request, "training/link_problem.html", context, status=PROBLEM_STATUS[problem])


def _details(link) -> dict:
    attendee = link.attendee
    session = attendee.session
    return {
        "link": link,
        "attendee": attendee,
        "session": session,
        "course": session.course,
        "when": booking.when_text(session),
        "where": booking.where_text(session),
    }


def _use_and(link, change) -> None:
    """Mark the link used and make the change in one transaction; _AlreadyUsed if it was used."""
    with transaction.atomic():
        if not links.use(link):
            raise _AlreadyUsed
        change()


def cancel_page(request, link):
    context = _details(link)
    if request.method == "POST":
        try:
            _use_and(link, lambda: booking.place_cancel(attendee=link.attendee))
        except _AlreadyUsed:
            return link_problem(request, "used")
        except DomainError as exc:
            context["error"] = exc.message
        else:
            return render(request, "training/booking/link_cancelled.html", context)
    return render(request, "training/booking/link_cancel.html", context)


def approve_page(request, link):
    context = _details(link)
    if link.attendee.status != AttendeeStatus.AWAITING_APPROVAL:
        # Cancelled by the practitioner meanwhile, or already decided: nothing left to do.
        return render(request, "training/booking/link_decided.html", {**context, "nothing_to_decide": True})
    form = DecisionForm(posted(request))
    if request.method == "POST" and form.is_valid():
        approve = form.cleaned_data["decision"] == "approve"
        reason = form.cleaned_data["reason"]
        try:
            if approve:
                _use_and(link, lambda: booking.place_approve(attendee=link.attendee))
            else:
                _use_and(link, lambda: booking.place_decline(attendee=link.attendee, reason=reason))
        except _AlreadyUsed:
            return link_problem(request, "used")
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            return render(request, "training/booking/link_decided.html", {**context, "approved": approve})
    return render(request, "training/booking/link_approve.html", {**context, "form": form})


@login_not_required
def link_view(request, token: str):
    if request.method not in ("GET", "POST"):
        raise Http404
    resolved = links.resolve(token)
    if not resolved.usable:
        return link_problem(request, resolved.problem or "invalid")
    link = resolved.link
    if link.purpose == LinkPurpose.CANCEL:
        return cancel_page(request, link)
    if link.purpose == LinkPurpose.APPROVE:
        return approve_page(request, link)
    if link.purpose == LinkPurpose.EVALUATION:
        from ..feedback.answers import evaluation_link_view

        return evaluation_link_view(request, link)
    if link.purpose in (LinkPurpose.FOLLOW_UP_PARTICIPANT, LinkPurpose.FOLLOW_UP_MANAGER):
        from ..feedback.answers import follow_up_link_view

        return follow_up_link_view(request, link)
    return link_problem(request, "invalid")
