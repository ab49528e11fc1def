"""One agency's return: read by standard with last round's answer beside each requirement,
and the steps of its life — carry forward, submit (after checking the answers), send back or
accept (the business unit), planned improvements and the colleagues who help complete it.

Every page looks the return up through `returns_visible_to` (another agency's return is a 404)
and asks the predicates in `audits.permissions` (a 403 for those who see it but may not act).
"""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from partnership.selectors import actions_visible_to
from partnership.services import DomainError
from partnership.views.toolkit import form_page, posted, require

from ... import permissions, selectors
from ...forms.section11 import ContributorForm, ImprovementForm, SendBackForm
from ...models import Escalation, ReturnStatus
from ...services.section11 import returns as return_services

DECIDABLE = (ReturnStatus.SUBMITTED, ReturnStatus.CHALLENGE)
CHALLENGED = (ReturnStatus.SUBMITTED, ReturnStatus.CHALLENGE, ReturnStatus.ACCEPTED)


def visible_return(request, pk: int):
    """The return through the person's selector: outside their scope it is a 404."""
    return get_object_or_404(selectors.returns_visible_to(request.user), pk=pk)


def standard_sections(agency_return, *, number=None) -> list[dict]:
    """The framework's standards (or the one numbered `number`), each with its requirements,
    this return's answer and last round's answer beside each, in four queries."""
    standards = agency_return.round.framework.standards.prefetch_related("requirements")
    if number is not None:
        standards = standards.filter(number=number)
    answers = {
        a.requirement_id: a for a in agency_return.answers.select_related("rating").prefetch_related("files")
    }
    previous = selectors.previous_answers(agency_return)
    sections = []
    for standard in standards:
        items = [
            {"requirement": r, "answer": answers.get(r.pk), "previous": previous.get(r.pk)}
            for r in standard.requirements.all()
        ]
        answered = sum(1 for item in items if item["answer"] and item["answer"].is_complete)
        sections.append({"standard": standard, "items": items, "answered": answered})
    return sections


def return_detail_view(request, pk: int):
    agency_return = visible_return(request, pk)
    user = request.user
    sections = standard_sections(agency_return)
    improvements = list(agency_return.improvements.select_related("standard", "action"))
    context = {
        "agency_return": agency_return,
        "round": agency_return.round,
        "sections": sections,
        "answered": sum(s["answered"] for s in sections),
        "requirements_total": sum(len(s["items"]) for s in sections),
        "has_previous": agency_return.round.previous_round_id is not None,
        "improvements": improvements,
        # A lay member or peer challenger sees the return but not necessarily its actions.
        "visible_action_ids": set(
            actions_visible_to(user)
            .filter(pk__in=[i.action_id for i in improvements if i.action_id])
            .values_list("pk", flat=True)
        ),
        "contributors": list(agency_return.contributors.order_by("full_name")),
        "can_edit": permissions.can_edit_return(user, agency_return),
        "can_add_contributors": permissions.can_add_contributors(user, agency_return)
        and agency_return.is_editable,
        "can_decide": permissions.can_manage_section11(user) and agency_return.status in DECIDABLE,
        "can_remove_contributors": permissions.can_add_contributors(user, agency_return),
        "in_challenge": agency_return.status in CHALLENGED,
    }
    if permissions.can_view_escalation(user, agency_return):
        escalation = Escalation.objects.filter(agency_return=agency_return).first()
        context["escalation"] = escalation
        if escalation and escalation.sent_at:
            context["escalation_state"] = escalation.response_state(timezone.localdate())
            context["can_record_response"] = permissions.can_manage_section11(user)
    return render(request, "audits/return_detail.html", context)


def _editable(request, pk: int):
    agency_return = visible_return(request, pk)
    require(permissions.can_edit_return(request.user, agency_return))
    return agency_return


def return_carry_forward_view(request, pk: int):
    agency_return = _editable(request, pk)
    if request.method == "POST":
        try:
            copied = return_services.answers_carry_forward(agency_return=agency_return, actor=request.user)
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, f"{copied} answer{'' if copied == 1 else 's'} carried forward")
        return redirect(agency_return)
    previous = agency_return.round.previous_round
    body = (
        [
            f"Your agency's answers from {previous.title} will be copied into every requirement you "
            "have not answered yet. Answers you have already given are kept as they are.",
            "Check each carried-forward answer is still true before you submit.",
        ]
        if previous
        else ["There is no previous round for this framework, so there is nothing to carry forward."]
    )
    context = {
        "title": "Carry forward last round's answers",
        "body": body,
        "button": "Carry forward the answers",
        "cancel_url": agency_return.get_absolute_url(),
        "warning": False,
    }
    return render(request, "partnership/record_confirm.html", context)


def _submission_errors(agency_return, missing, problems) -> list[dict]:
    """The error summary after a refused submission: each thing to put right, linking to the
    standard (and requirement) where it is put right, or to adding a planned improvement."""

    def standard_url(number):
        return reverse("audits:return-standard", args=[agency_return.pk, number])

    errors = [
        {"text": f"Standard {r.standard.number}: give {r.reference} a rating and evidence",
         "href": f"{standard_url(r.standard.number)}#requirement-{r.pk}"}
        for r in missing
    ]  # fmt: skip
    for problem in problems:
        if problem.requirement is not None:
            href = f"{standard_url(problem.standard.number)}#requirement-{problem.requirement.pk}"
        else:
            add = reverse("audits:return-improvement-add", args=[agency_return.pk])
            href = f"{add}?standard={problem.standard.number}"
        errors.append({"text": problem.message, "href": href})
    return errors


def return_submit_view(request, pk: int):
    """Check your answers (every answer of every standard, each with a "Change" link) and submit."""
    agency_return = _editable(request, pk)
    error = ""
    if request.method == "POST":
        try:
            return_services.return_submit(agency_return=agency_return, actor=request.user)
        except DomainError as exc:
            error = exc.message
        else:
            messages.success(
                request, "Return submitted. The business unit will be in touch about peer challenge."
            )
            return redirect(agency_return)
    sections = standard_sections(agency_return)
    missing = return_services.missing_answers(agency_return)
    problems = return_services.submission_problems(agency_return)
    improvements = list(agency_return.improvements.select_related("standard"))
    for section in sections:
        section["improvements"] = [i for i in improvements if i.standard_id == section["standard"].pk]
    context = {
        "agency_return": agency_return,
        "round": agency_return.round,
        "sections": sections,
        "missing": missing,
        "problems": problems,
        "error": error,
        "errors": _submission_errors(agency_return, missing, problems) if error else [],
        "general_improvements": [i for i in improvements if i.standard_id is None],
        "improvements_count": len(improvements),
    }
    return render(request, "audits/return_submit.html", context, status=200)


def _decidable(request, pk: int):
    agency_return = visible_return(request, pk)
    require(permissions.can_manage_section11(request.user))
    if agency_return.status not in DECIDABLE:
        messages.info(
            request,
            f"This return is {agency_return.get_status_display().lower()}: only a submitted return can be sent back or accepted.",
        )
        return agency_return, redirect(agency_return)
    return agency_return, None


def return_send_back_view(request, pk: int):
    agency_return, refused = _decidable(request, pk)
    if refused:
        return refused
    form = SendBackForm(posted(request))
    return form_page(
        request,
        form,
        call=lambda form: return_services.return_send_back(
            agency_return=agency_return, comments=form.cleaned_data["comments"], actor=request.user
        ),
        success=lambda saved: f"Return sent back to {saved.agency.name} for amendment",
        next_url=agency_return.get_absolute_url(),
        title=f"Send {agency_return.agency.name}'s return back for amendment",
        button="Send it back",
        cancel_url=agency_return.get_absolute_url(),
    )


def return_accept_view(request, pk: int):
    agency_return, refused = _decidable(request, pk)
    if refused:
        return refused
    count = agency_return.improvements.filter(action__isnull=True).count()
    if count:
        becomes = (
            f"Its {count} planned improvement{'' if count == 1 else 's'} will become "
            f"{agency_return.agency.name}'s action{'' if count == 1 else 's'} in the round's action plan, "
            "followed up like every other action."
        )
    else:
        becomes = "It has no planned improvements, so no actions will be created."
    if request.method == "POST":
        try:
            return_services.return_accept(agency_return=agency_return, actor=request.user)
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, f"Return accepted. {count} action{'' if count == 1 else 's'} created.")
        return redirect(agency_return)
    context = {
        "title": f"Accept {agency_return.agency.name}'s return",
        "body": [becomes, "The return stays locked once accepted."],
        "button": "Accept the return",
        "cancel_url": agency_return.get_absolute_url(),
        "warning": False,
    }
    return render(request, "partnership/record_confirm.html", context)


def return_improvement_add_view(request, pk: int):
    agency_return = _editable(request, pk)
    initial = {}
    if request.GET.get("standard", "").isdigit():
        standard = agency_return.round.framework.standards.filter(number=int(request.GET["standard"])).first()
        initial["standard"] = standard.pk if standard else None
    form = ImprovementForm(posted(request), agency_return=agency_return, initial=initial)
    return form_page(
        request,
        form,
        call=lambda form: return_services.improvement_save(improvement=form.instance, actor=request.user),
        success=lambda saved: "Planned improvement added",
        next_url=agency_return.get_absolute_url() + "#improvements",
        title="Add a planned improvement",
        button="Add the improvement",
        cancel_url=agency_return.get_absolute_url(),
    )


def return_contributor_add_view(request, pk: int):
    agency_return = visible_return(request, pk)
    require(permissions.can_add_contributors(request.user, agency_return))
    form = ContributorForm(posted(request), agency_return=agency_return)
    return form_page(
        request,
        form,
        call=lambda form: return_services.return_contributor_add(
            agency_return=agency_return, person=form.cleaned_data["person"], actor=request.user
        ),
        success=lambda saved: f"{form.cleaned_data['person']} can now help complete the return",
        next_url=agency_return.get_absolute_url() + "#contributors",
        title="Add a colleague",
        button="Add them",
        cancel_url=agency_return.get_absolute_url(),
    )
