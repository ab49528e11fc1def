"""Writes to Section 11 returns: answers, evidence files, planned improvements and colleagues
on a return; submitting, sending back and accepting it. The peer challenge panel's writes are in
`audits/services/panel.py`; rounds are set up and opened in `rounds.py`.

The rules: a return is edited only by its agency (lead and added colleagues) while it is a
draft or sent back; submitting checks every required answer and lists what is missing, and
that every standard rated in the lower half of the scale ("Partially met", "Not met") has its
area for improvement and a planned improvement (`submission_problems`); a
submitted return is locked until the business unit sends it back or accepts it (the moves
a return's status may make are `RETURN_TRANSITIONS`); accepting a return turns its planned
improvements into that agency's actions in the round's action plan. A planned improvement or
an evidence file is changed or removed only while its return is editable (an improvement never
once it has become an action); the agency's lead adds and removes colleagues (removing at any
time: taking access away is always safe). Every write names the actor in the history.
"""

from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from partnership.emails import send_email_on_commit
from partnership.models import Action, ActionPlan, Recommendation, Role, RoleAssignment
from partnership.services import DomainError
from partnership.services.actions import action_create
from partnership.services.guards import check_transition, require, require_actor
from partnership.services.history import delete_tracked, save_tracked

from ... import permissions
from ...models import (
    Answer,
    PlannedImprovement,
    Requirement,
    Return,
    ReturnStatus,
    Standard,
)

# What each status of a return may move to. An agency works on a return until it submits it
# (without answering anything, where no requirement is required); the business unit sends a
# submitted return back or accepts it; recording challenge moves a submitted return into peer
# challenge, where more challenge may be recorded. An accepted return is final.
RETURN_TRANSITIONS = {
    ReturnStatus.NOT_STARTED: {ReturnStatus.DRAFT, ReturnStatus.SUBMITTED},
    ReturnStatus.DRAFT: {ReturnStatus.SUBMITTED},
    ReturnStatus.AMENDMENT: {ReturnStatus.SUBMITTED},
    ReturnStatus.SUBMITTED: {ReturnStatus.CHALLENGE, ReturnStatus.AMENDMENT, ReturnStatus.ACCEPTED},
    ReturnStatus.CHALLENGE: {ReturnStatus.CHALLENGE, ReturnStatus.AMENDMENT, ReturnStatus.ACCEPTED},
}


def locked_return(agency_return: Return) -> Return:
    """The return, locked for the rest of the transaction, with its round and agency."""
    return (
        Return.objects.select_for_update(of=("self",))
        .select_related("round", "agency")
        .get(pk=agency_return.pk)
    )


def _mark_started(agency_return: Return, actor) -> None:
    """A return not started yet is in progress from its first answer or file."""
    if agency_return.status == ReturnStatus.NOT_STARTED:
        agency_return.status = ReturnStatus.DRAFT
        save_tracked(agency_return, actor=actor, reason="Started")


def _require_editable(agency_return: Return, actor) -> None:
    """A return is changed only while it is editable (not started, in progress or sent back),
    and by a person only if they may edit it (`permissions.can_edit_return`)."""
    require(agency_return.is_editable, "You cannot change this return.")
    require_actor(actor, permissions.can_edit_return, "You cannot change this return.", agency_return)


def agency_lead_emails(agency) -> list[str]:
    leads = RoleAssignment.objects.filter(role=Role.AGENCY_LEAD, agency=agency, user__is_active=True)
    return sorted({a.user.email for a in leads.select_related("user")})


@transaction.atomic
def answer_save(*, agency_return: Return, requirement: Requirement, rating, evidence: str, links: str,
                improvement: str, actor) -> Answer:  # fmt: skip
    """Save one requirement's answer as a draft; nothing is checked for completeness until submission."""
    agency_return = locked_return(agency_return)
    _require_editable(agency_return, actor)
    if requirement.standard.framework_id != agency_return.round.framework_id:
        raise DomainError("That requirement is not part of this round's framework.")
    if rating is not None and rating.framework_id != agency_return.round.framework_id:
        raise DomainError("Choose a rating from this framework's scale.", field="rating")
    answer = Answer.objects.filter(agency_return=agency_return, requirement=requirement).first() or Answer(
        agency_return=agency_return, requirement=requirement
    )
    answer.rating, answer.evidence, answer.links, answer.improvement = rating, evidence, links, improvement
    save_tracked(answer, actor=actor)
    _mark_started(agency_return, actor)
    return answer


@transaction.atomic
def answers_carry_forward(*, agency_return: Return, actor) -> int:
    """Copy last round's answers into requirements not yet answered; returns how many."""
    from ...selectors import previous_answers

    agency_return = locked_return(agency_return)
    _require_editable(agency_return, actor)
    answered = set(agency_return.answers.values_list("requirement_id", flat=True))
    copied = 0
    for requirement_id, old in previous_answers(agency_return).items():
        if requirement_id in answered:
            continue
        answer = Answer(agency_return=agency_return, requirement_id=requirement_id, rating=old.rating,
                        evidence=old.evidence, links=old.links, improvement=old.improvement)  # fmt: skip
        save_tracked(answer, actor=actor, reason="Carried forward from the previous round")
        copied += 1
    if copied:
        _mark_started(agency_return, actor)
    return copied


def missing_answers(agency_return: Return) -> list[Requirement]:
    """Required requirements without both a rating and evidence, in framework order."""
    complete = {
        a.requirement_id
        for a in agency_return.answers.all()
        if a.rating_id is not None and a.evidence.strip()
    }
    return [
        r
        for r in Requirement.objects.filter(
            standard__framework=agency_return.round.framework, required=True
        ).select_related("standard")
        if r.pk not in complete
    ]


def needs_improvement_levels(framework) -> set[int]:
    """The ids of the rating levels in the lower half of the framework's scale, which call for an
    area for improvement and a planned improvement: "Partially met" and "Not met" on the Pan
    London scale, "No" on a yes/no one, the middle level too on a scale of odd length."""
    levels = list(framework.rating_levels.order_by("-score"))
    return {level.pk for level in levels[len(levels) // 2 :]}


@dataclass(frozen=True)
class SubmissionProblem:
    """Something to put right before a return can be submitted, in words for the agency."""

    standard: Standard
    message: str
    requirement: Requirement | None = None  # None: the standard needs a planned improvement


def submission_problems(agency_return: Return) -> list[SubmissionProblem]:
    """Where a requirement is rated in the lower half of the scale, the agency says what needs
    improving (the answer's area for improvement) and what it will do about it (a planned
    improvement for that standard, which becomes its action once the return is accepted).
    Listed in framework order; empty when there is nothing to put right."""
    framework = agency_return.round.framework
    low = needs_improvement_levels(framework)
    answers = (
        agency_return.answers.filter(rating_id__in=low)
        .select_related("rating", "requirement__standard")
        .order_by("requirement__standard__number", "requirement__order", "requirement__pk")
    )
    planned = set(
        agency_return.improvements.filter(standard__isnull=False).values_list("standard_id", flat=True)
    )
    problems, needs_plan = [], {}
    for answer in answers:
        requirement, standard = answer.requirement, answer.requirement.standard
        if not answer.improvement.strip():
            problems.append(SubmissionProblem(
                standard, f"Standard {standard.number}: {requirement.reference} is rated "
                f"{answer.rating.label}: describe the area for improvement", requirement,
            ))  # fmt: skip
        if standard.pk not in planned and standard.pk not in needs_plan:
            needs_plan[standard.pk] = SubmissionProblem(
                standard, f"Standard {standard.number} is rated {answer.rating.label}: add a planned "
                "improvement for it, saying what your agency will do and by when",
            )  # fmt: skip
    problems.extend(needs_plan.values())
    return sorted(problems, key=lambda p: (p.standard.number, p.requirement is None))


@transaction.atomic
def return_submit(*, agency_return: Return, actor) -> Return:
    """Submit the return, locking it. Refused, with every missing answer listed, if incomplete;
    refused too, listing each standard, where a rating in the lower half of the scale has no
    area for improvement or no planned improvement (`submission_problems`)."""
    agency_return = locked_return(agency_return)
    require_actor(actor, permissions.can_edit_return, "You cannot submit this return.", agency_return)
    check_transition(
        RETURN_TRANSITIONS,
        agency_return.status,
        ReturnStatus.SUBMITTED,
        message="This return has already been submitted.",
    )
    missing = missing_answers(agency_return)
    if missing:
        refs = ", ".join(r.reference for r in missing)
        raise DomainError(
            f"Answer every requirement before submitting. Still to answer (a rating and evidence): {refs}."
        )
    problems = submission_problems(agency_return)
    if problems:
        raise DomainError(
            "Where a standard is not fully met, say what needs improving and what your agency will do "
            f"about it before submitting. {'; '.join(p.message for p in problems)}."
        )
    agency_return.status = ReturnStatus.SUBMITTED
    agency_return.submitted_at, agency_return.submitted_by = timezone.now(), actor
    return save_tracked(agency_return, actor=actor, reason="Submitted")


@transaction.atomic
def return_send_back(*, agency_return: Return, comments: str, actor) -> Return:
    """Send a submitted return back to the agency for amendment, saying why."""
    agency_return = locked_return(agency_return)
    require_actor(actor, permissions.can_manage_section11, "Only the business unit can send returns back.")
    check_transition(
        RETURN_TRANSITIONS,
        agency_return.status,
        ReturnStatus.AMENDMENT,
        message="Only a submitted return can be sent back.",
    )
    if not comments.strip():
        raise DomainError("Say what the agency needs to change.", field="comments")
    agency_return.status, agency_return.amendment_comments = ReturnStatus.AMENDMENT, comments.strip()
    save_tracked(agency_return, actor=actor, reason="Sent back for amendment")
    emails = agency_lead_emails(agency_return.agency)
    if emails:
        send_email_on_commit(
            to=emails,
            template_prefix="audits/return_sent_back",
            context={"agency_return": agency_return, "comments": agency_return.amendment_comments,
                     "url": settings.SITE_URL + agency_return.get_absolute_url()},
        )  # fmt: skip
    return agency_return


@transaction.atomic
def return_accept(*, agency_return: Return, actor) -> Return:
    """Accept the return: its planned improvements become the agency's actions in the round's
    action plan (one recommendation addressed to the agency gathers them)."""
    agency_return = locked_return(agency_return)
    require_actor(actor, permissions.can_manage_section11, "Only the business unit can accept returns.")
    check_transition(
        RETURN_TRANSITIONS,
        agency_return.status,
        ReturnStatus.ACCEPTED,
        message="Only a submitted return can be accepted.",
    )
    round_ = agency_return.round
    source = round_.learning_source
    plan = ActionPlan.objects.filter(source=source).first()
    if plan is None:
        plan = save_tracked(
            ActionPlan(source=source, title=f"{round_.title}: improvement actions", subgroup=round_.subgroup,
                       start_date=timezone.localdate()),
            actor=actor,
        )  # fmt: skip
    agency = agency_return.agency
    improvements = list(agency_return.improvements.filter(action__isnull=True).select_related("standard"))
    if improvements:
        recommendation, _ = Recommendation.objects.get_or_create(
            source=source,
            reference=f"S11-{agency.pk}",
            defaults={
                "text": f"{agency.name} delivers the improvements planned in its Section 11 self-assessment."
            },
        )
        recommendation.agencies.add(agency)
        today = timezone.localdate()
        for improvement in improvements:
            action = Action(
                plan=plan, recommendation=recommendation, description=improvement.description,
                owner_agency=agency, lead_name=improvement.lead_name or f"{agency.display_name} safeguarding lead",
                start_date=min(today, improvement.due_on), due_date=improvement.due_on,
            )  # fmt: skip
            action_create(action=action, actor=actor)
            improvement.action = action
            save_tracked(improvement, actor=actor)
    agency_return.status, agency_return.accepted_at = ReturnStatus.ACCEPTED, timezone.now()
    return save_tracked(agency_return, actor=actor, reason="Accepted")


@transaction.atomic
def improvement_save(*, improvement: PlannedImprovement, actor) -> PlannedImprovement:
    _require_editable(improvement.agency_return, actor)
    if not improvement.description.strip():
        raise DomainError("Describe the improvement.", field="description")
    return save_tracked(improvement, actor=actor)


@transaction.atomic
def return_contributor_add(*, agency_return: Return, person, actor) -> Return:
    """The agency lead adds a colleague from the same agency, who may then help complete it."""
    agency_return = locked_return(agency_return)
    require_actor(
        actor, permissions.can_add_contributors, "Only the agency's lead can add colleagues.", agency_return
    )
    if person.agency_id != agency_return.agency_id or not person.is_active:
        raise DomainError("Choose an active colleague from your own agency.", field="person")
    agency_return._history_user = actor
    agency_return.contributors.add(person)
    return agency_return


@transaction.atomic
def answer_file_add(*, agency_return: Return, requirement: Requirement, upload, description: str, actor):
    """Attach an evidence file to a requirement's answer (type checked from its content, size
    limited); an empty answer is started for it if there is none yet."""
    from partnership.uploads import check_upload

    from ...models import AnswerFile

    agency_return = locked_return(agency_return)
    _require_editable(agency_return, actor)
    if requirement.standard.framework_id != agency_return.round.framework_id:
        raise DomainError("That requirement is not part of this round's framework.")
    answer = Answer.objects.filter(agency_return=agency_return, requirement=requirement).first()
    if answer is None:
        answer = save_tracked(Answer(agency_return=agency_return, requirement=requirement), actor=actor)
    content_type, file_name = check_upload(upload)
    record = AnswerFile(answer=answer, description=description.strip(), file_name=file_name,
                        content_type=content_type, size=upload.size, uploaded_by=actor)  # fmt: skip
    record.file.save(file_name, upload, save=False)
    record = save_tracked(record, actor=actor)
    _mark_started(agency_return, actor)
    return record


@transaction.atomic
def improvement_update(*, improvement: PlannedImprovement, actor) -> PlannedImprovement:
    """Change a planned improvement (its fields already set on `improvement`) while the return
    is editable; one that has already become an action is changed on the action instead."""
    agency_return = locked_return(improvement.agency_return)
    _require_editable(agency_return, actor)
    if improvement.action_id:
        raise DomainError("This improvement is already an action: change the action instead.")
    if not improvement.description.strip():
        raise DomainError("Describe the improvement.", field="description")
    if improvement.standard_id and improvement.standard.framework_id != agency_return.round.framework_id:
        raise DomainError("Choose a standard of this round's framework.", field="standard")
    return save_tracked(improvement, actor=actor, reason="Changed")


@transaction.atomic
def improvement_delete(*, improvement: PlannedImprovement, actor) -> None:
    """Remove a planned improvement while the return is editable (never one that is an action)."""
    agency_return = locked_return(improvement.agency_return)
    _require_editable(agency_return, actor)
    if improvement.action_id:
        raise DomainError("This improvement is already an action and cannot be removed.")
    delete_tracked(improvement, actor=actor, reason="Removed")


@transaction.atomic
def answer_file_delete(*, record, actor) -> None:
    """Remove an evidence file from an answer while the return is editable, by those who may
    edit it. The row goes (so nobody can download it any more); its history keeps who removed it."""
    agency_return = locked_return(record.answer.agency_return)
    _require_editable(agency_return, actor)
    delete_tracked(record, actor=actor, reason="Removed")


@transaction.atomic
def return_contributor_remove(*, agency_return: Return, person, actor) -> Return:
    """The agency's lead takes a colleague off the return: they can no longer see or change it
    (unless they can through another role). Their answers so far stay."""
    agency_return = locked_return(agency_return)
    require_actor(
        actor,
        permissions.can_add_contributors,
        "Only the agency's lead can remove colleagues.",
        agency_return,
    )
    if not agency_return.contributors.filter(pk=person.pk).exists():
        raise DomainError(f"{person} is not helping with this return.")
    agency_return._history_user = actor
    agency_return._change_reason = f"Removed {person}"
    agency_return.contributors.remove(person)
    return agency_return
