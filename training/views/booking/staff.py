"""The business unit's cancel of a place (linked from the session's attendee list).

The attendee is looked up through `attendees_visible_to` (outside it: 404); only the business
unit may cancel (others who can see the attendee: 403). GET asks "Are you sure?", POST cancels
through `place_cancel`, which frees the place and promotes the next person on the waiting list.
"""

from django.shortcuts import get_object_or_404

from partnership.views.toolkit import confirmed_change, require

from ... import permissions, selectors
from ...services import booking


def attendee_cancel_view(request, pk: int):
    attendee = get_object_or_404(selectors.attendees_visible_to(request.user), pk=pk)
    require(permissions.can_manage_training(request.user))
    session = attendee.session
    when = booking.when_text(session)
    if attendee.status in (attendee.Status.CANCELLED, attendee.Status.DECLINED):
        body = [
            f"{attendee.name}'s place on {session.course} ({when}) is already {attendee.get_status_display().lower()}."
        ]
    else:
        body = [
            f"{attendee.name} ({attendee.email}, {attendee.organisation_name}) is "
            f"{attendee.get_status_display().lower()} for {session.course}, {when}.",
            "They will be emailed that their place has been cancelled. If the session has a waiting "
            "list, the next person on it will be given the place and told by email.",
        ]
    return confirmed_change(
        request,
        change=lambda: booking.place_cancel(attendee=attendee, actor=request.user),
        success=f"{attendee.name}'s place has been cancelled.",
        back_url=session.get_absolute_url(),
        title=f"Are you sure you want to cancel {attendee.name}'s place?",
        body=body,
        button="Yes, cancel the place",
        warning=True,
    )
