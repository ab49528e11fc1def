"""The panel's challenge on a return: one page per standard (the agency's answers and
self-rating beside the form for the challenge, the agency's response and the moderated rating)
and a summary of every standard with the two ratings side by side."""

from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from partnership.views.toolkit import form_page, posted, require

from ... import permissions, selectors
from ...forms.panel import ChallengeForm
from ...models import ChallengeSession, StandardChallenge
from ...services import panel as services
from .overview import level_colours


def challenge_summary_view(request, pk: int):
    agency_return = get_object_or_404(selectors.returns_visible_to(request.user), pk=pk)
    standards = list(agency_return.round.framework.standards.all())
    self_ratings = selectors.standard_self_ratings([agency_return])
    challenges = {
        c.standard_id: c
        for c in StandardChallenge.objects.filter(agency_return=agency_return).select_related(
            "moderated_rating", "session", "recorded_by"
        )
    }
    colours = level_colours(agency_return.round.framework)
    rows = []
    for s in standards:
        self_rating, challenge = self_ratings.get((agency_return.pk, s.pk)), challenges.get(s.pk)
        moderated = challenge.moderated_rating if challenge else None
        rows.append({
            "standard": s, "self_rating": self_rating, "self_colour": colours.get(getattr(self_rating, "pk", None)),
            "challenge": challenge, "moderated_colour": colours.get(getattr(moderated, "pk", None)),
        })  # fmt: skip
    context = {
        "agency_return": agency_return,
        "round": agency_return.round,
        "rows": rows,
        "moderated_count": sum(1 for c in challenges.values() if c.moderated_rating_id),
        "can_challenge": permissions.can_challenge(request.user, agency_return),
        "can_record": agency_return.status in selectors.CHALLENGEABLE,
        "sessions": list(agency_return.challenge_sessions.order_by("date", "pk")),
    }
    return render(request, "audits/challenge_summary.html", context)


def challenge_view(request, pk: int, number: int):
    user = request.user
    agency_return = get_object_or_404(selectors.returns_visible_to(user), pk=pk)
    require(permissions.can_challenge(user, agency_return))
    framework = agency_return.round.framework
    standards = list(framework.standards.all())
    standard = next((s for s in standards if s.number == number), None)
    if standard is None:
        raise Http404("No such standard in this framework")
    index = standards.index(standard)
    answers = {
        a.requirement_id: a
        for a in agency_return.answers.filter(requirement__standard=standard)
        .select_related("rating")
        .prefetch_related("files")
    }
    requirements = [(r, answers.get(r.pk)) for r in standard.requirements.all()]
    self_rating = selectors.standard_self_ratings([agency_return]).get((agency_return.pk, standard.pk))
    existing = StandardChallenge.objects.filter(agency_return=agency_return, standard=standard).first()
    initial = {}
    if existing is not None:
        initial = {
            "challenge": existing.challenge,
            "agency_response": existing.agency_response,
            "moderated_rating": existing.moderated_rating_id,
        }
    form = ChallengeForm(posted(request), initial=initial, framework=framework)
    summary_url = reverse("audits:challenge-summary", args=[agency_return.pk])
    return form_page(
        request,
        form,
        template="audits/challenge_form.html",
        call=lambda form: services.challenge_record(
            agency_return=agency_return,
            standard=standard,
            challenge=form.cleaned_data["challenge"],
            agency_response=form.cleaned_data["agency_response"],
            moderated_rating=form.cleaned_data["moderated_rating"],
            session=_session_for(user, agency_return),
            actor=user,
        ),
        success=lambda record: f"Challenge recorded for standard {standard.number}",
        next_url=summary_url,
        title=f"Standard {standard.number}: {standard.title}",
        agency_return=agency_return,
        standard=standard,
        requirements=requirements,
        self_rating=self_rating,
        self_colour=level_colours(framework).get(getattr(self_rating, "pk", None)),
        existing=existing,
        can_record=agency_return.status in selectors.CHALLENGEABLE,
        previous_standard=standards[index - 1] if index > 0 else None,
        next_standard=standards[index + 1] if index + 1 < len(standards) else None,
        button="Save the challenge",
        cancel_url=summary_url,
    )


def _session_for(user, agency_return) -> ChallengeSession | None:
    """The session the challenge was recorded in: the person's own session holding the return,
    else (for the business unit) the latest session holding it."""
    sessions = agency_return.challenge_sessions.order_by("-date", "-pk")
    return sessions.filter(members=user).first() or sessions.first()
