"""The evaluation and three-month follow-up forms, reached from emailed links (no account).

The booking area's `training:link` view (training/views/booking/links.py) checks the signed
token and calls these with a valid, unexpired, unused FormLink:

- `evaluation_link_view` for an EVALUATION link: the overall rating and, for each learning
  outcome, confidence before and after (radios 1 to 5, each outcome a fieldset), what the
  person will do differently, and comments.
- `follow_up_link_view` for a FOLLOW_UP_PARTICIPANT or FOLLOW_UP_MANAGER link: the
  participant's five questions, or the manager's two.

A valid POST saves through the service, which marks the link used in the same transaction;
the thank-you page is then shown in place (the link is spent, so reloading the page shows the
plain "already used" page and saves nothing twice). Errors appear in an error summary and next
to each field, and everything typed is kept.
"""

from django.conf import settings
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from partnership.services import DomainError
from partnership.views.toolkit import add_domain_error, posted

from ...forms.feedback import EvaluationForm, ManagerFollowUpForm, ParticipantFollowUpForm
from ...models import LinkPurpose
from ...services import feedback as services
from ..booking.links import link_problem


def _details(link) -> dict:
    attendee = link.attendee
    session = attendee.session
    return {
        "link": link,
        "attendee": attendee,
        "session": session,
        "course": session.course,
        "session_date": session.date,
        "business_unit_email": settings.BUSINESS_UNIT_EMAIL,
    }


def _save(request, form, context: dict, template: str, call):
    """Call the service for a valid form; a refusal goes next to its field, a spent link to
    the plain page; success shows the thank-you page."""
    if form.is_bound and form.is_valid():
        try:
            call(form.cleaned_data)
        except services.LinkUnusable as exc:
            return link_problem(request, exc.problem)
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            return render(request, "training/feedback/thanks.html", context)
    return render(request, template, {**context, "form": form})


@never_cache
def evaluation_link_view(request, link):
    """The on-the-day evaluation form for `link.attendee`."""
    if link.purpose != LinkPurpose.EVALUATION:
        return link_problem(request, "invalid")
    context = _details(link)
    outcomes = list(context["course"].outcomes.order_by("number"))
    form = EvaluationForm(posted(request), outcomes=outcomes)

    def call(data):
        return services.evaluation_submit(
            link=link,
            overall_rating=data["overall_rating"],
            confidences=form.confidences(),
            will_do_differently=data["will_do_differently"],
            comments=data["comments"],
        )

    return _save(
        request, form, {**context, "kind": "evaluation"}, "training/feedback/evaluation_form.html", call
    )


@never_cache
def follow_up_link_view(request, link):
    """The three-month follow-up form: the participant's, or their line manager's."""
    if link.purpose not in (LinkPurpose.FOLLOW_UP_PARTICIPANT, LinkPurpose.FOLLOW_UP_MANAGER):
        return link_problem(request, "invalid")
    context = _details(link)
    data = posted(request)
    manager = link.purpose == LinkPurpose.FOLLOW_UP_MANAGER
    if manager:
        form = ManagerFollowUpForm(data, participant=link.attendee.name)
    else:
        form = ParticipantFollowUpForm(data)

    def call(data):
        return services.follow_up_submit(
            link=link,
            practice_changed=data["practice_changed"],
            how=data.get("how", ""),
            example=data.get("example", ""),
            difference_for_children=data.get("difference_for_children", ""),
            barriers=data.get("barriers", ""),
        )

    context.update(kind="follow_up_manager" if manager else "follow_up_participant", manager=manager,
                   months=settings.TRAINING_FOLLOW_UP_MONTHS)  # fmt: skip
    return _save(request, form, context, "training/feedback/follow_up_form.html", call)
