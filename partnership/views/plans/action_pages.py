"""The action pages: add an action, read it with its timeline, and the steps of its life (a
progress update, evidence, completion, cancellation, a due date move), plus evidence downloads.

Updating, adding evidence and completing are for those who answer for the action
(`can_update_action`); cancelling and moving the due date are decisions for the business unit
and the plan's subgroup chair (`can_manage_action`). A completed action awaits sign-off:
accepting or returning it is for the plan's subgroup chair and the business unit
(`can_sign_off_action`).
"""

import logging

from django.conf import settings
from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from ... import extensions, permissions, selectors, uploads
from ...forms.actions import (
    AcceptForm,
    ActionForm,
    ActionUpdateForm,
    CancelForm,
    CompleteForm,
    DueDateForm,
    EvidenceForm,
    ReturnForm,
)
from ...models import ActionStatus, Evidence, SignOffDecision
from ...services import actions as services
from ..records.values import display
from ..toolkit import form_page, posted, require
from .timeline import action_timeline

logger = logging.getLogger(__name__)


def _visible_action(request, pk: int):
    """The action through the person's selector (annotated with RAG): otherwise a 404."""
    return get_object_or_404(selectors.actions_visible_to(request.user), pk=pk)


def _open_or_back(request, action):
    """A closed action takes no more changes: say so and go back to it (None while open)."""
    if action.is_open:
        return None
    messages.info(request, f"This action is {action.get_status_display().lower()}: it cannot change.")
    return redirect(action)


def _awaiting_or_back(request, action):
    """Only an action awaiting sign-off is accepted or returned: otherwise say so and go back
    to it (None while it awaits sign-off)."""
    if action.is_awaiting_signoff:
        return None
    messages.info(
        request, f"This action is {action.get_status_display().lower()}: it is not awaiting sign-off."
    )
    return redirect(action)


def _step_page(request, action, form, *, template: str, call, success, title: str, **context):
    """One step of an action's life: the form, then back to the action with a message
    (`success`: the message, or a function of what the service returned)."""
    return form_page(
        request,
        form,
        template=template,
        call=call,
        success=success if callable(success) else lambda saved: success,
        next_url=action.get_absolute_url(),
        action=action,
        title=title,
        cancel_url=action.get_absolute_url(),
        **context,
    )


def action_create_view(request, pk: int):
    plan = get_object_or_404(selectors.plans_visible_to(request.user), pk=pk)
    require(permissions.can_edit_plan(request.user, plan))
    initial = {}
    if request.GET.get("recommendation", "").isdigit():
        initial["recommendation"] = int(request.GET["recommendation"])
    form = ActionForm(posted(request), plan=plan, initial=initial)
    return form_page(
        request,
        form,
        template="partnership/action_form.html",
        call=lambda form: services.action_create(
            action=form.instance, priorities=form.cleaned_data["priorities"], actor=request.user
        ),
        success=lambda action: "Action added",
        next_url=plan.get_absolute_url(),
        title="Add an action",
        caption=str(plan),
        button="Add the action",
        cancel_url=plan.get_absolute_url(),
    )


def action_detail_view(request, pk: int):
    action = _visible_action(request, pk)
    user = request.user
    updates = list(action.updates.select_related("author").order_by("-date", "-pk"))
    evidence = list(action.evidence.select_related("added_by").order_by("-added_at", "-pk"))
    may_update = permissions.can_update_action(user, action) and action.is_open
    may_manage = permissions.can_manage_action(user, action) and action.is_open
    may_sign_off = permissions.can_sign_off_action(user, action) and action.is_awaiting_signoff
    # One who would sign off but leads the action or reported it done is told who may instead.
    conflict = (
        permissions.sign_off_conflict(user, action)
        if action.is_awaiting_signoff and permissions.signs_off_plan(user, action)
        else ""
    )
    context = {
        "action": action,
        "plan": action.plan,
        "source": action.plan.source,
        "evidence": evidence,
        "timeline": action_timeline(action, updates, evidence),
        "may_update": may_update,
        "may_manage": may_manage,
        "may_sign_off": may_sign_off,
        "sign_off_conflict": conflict,
        "sign_off_instead": selectors.sign_off_instead(action, user) if conflict else [],
        "last_return": action.sign_offs.filter(decision=SignOffDecision.RETURNED)
        .select_related("decided_by")
        .first()
        if action.is_open
        else None,
    }
    # Where the action came from, as the apps know it (a meeting's decision): ACTION_BLOCKS.
    context["action_blocks"] = extensions.collect_action_blocks(user, action, context)
    return render(request, "partnership/action_detail.html", context)


def action_update_view(request, pk: int):
    action = _visible_action(request, pk)
    require(permissions.can_update_action(request.user, action))
    if closed := _open_or_back(request, action):
        return closed
    form = ActionUpdateForm(posted(request))
    return _step_page(
        request,
        action,
        form,
        template="partnership/action_form.html",
        call=lambda form: services.action_add_update(
            action=action,
            text=form.cleaned_data["text"],
            on=form.cleaned_data["date"],
            new_status=form.cleaned_data["new_status"],
            actor=request.user,
        ),
        success="Progress update added",
        title="Add a progress update",
        button="Add the update",
    )


def action_evidence_view(request, pk: int):
    action = _visible_action(request, pk)
    require(permissions.can_update_action(request.user, action))
    if closed := _open_or_back(request, action):
        return closed
    data = (request.POST, request.FILES) if request.method == "POST" else (None, None)
    form = EvidenceForm(*data, max_upload_mb=settings.MAX_UPLOAD_MB)
    return _step_page(
        request,
        action,
        form,
        template="partnership/action_form.html",
        call=lambda form: services.action_add_evidence(
            action=action,
            description=form.cleaned_data["description"],
            upload=form.cleaned_data["file"],
            link=form.cleaned_data["link"],
            actor=request.user,
        ),
        success="Evidence added",
        title="Add evidence",
        button="Add the evidence",
        multipart=True,
    )


def evidence_download_view(request, pk: int):
    """A stored evidence file, only for someone who may see its action (404 for anyone else)."""
    visible = selectors.actions_visible_to(request.user).values("pk")
    evidence = get_object_or_404(Evidence.objects.filter(action__in=visible).exclude(file=""), pk=pk)
    try:
        return uploads.file_response(
            evidence.file, file_name=evidence.file_name, content_type=evidence.content_type
        )
    except FileNotFoundError:
        logger.error("Evidence %s: its stored file %s is missing", evidence.pk, evidence.file.name)
        raise Http404("The file is missing.") from None


def action_complete_view(request, pk: int):
    action = _visible_action(request, pk)
    require(permissions.can_update_action(request.user, action))
    if closed := _open_or_back(request, action):
        return closed
    form = CompleteForm(posted(request))
    return _step_page(
        request,
        action,
        form,
        template="partnership/action_complete.html",
        call=lambda form: services.action_complete(
            action=action, impact=form.cleaned_data["impact"], actor=request.user
        ),
        success="Action sent for sign-off",
        title="Complete this action",
        button="Send for sign-off",
        evidence_count=action.evidence.count(),
        evidence_url=reverse("partnership:action-evidence", args=[action.pk]),
    )


def action_accept_view(request, pk: int):
    """Accept an action reported done (a confirmation page): it becomes complete."""
    action = _visible_action(request, pk)
    require(permissions.can_sign_off_action(request.user, action))
    if not_awaiting := _awaiting_or_back(request, action):
        return not_awaiting
    form = AcceptForm(posted(request))
    return _step_page(
        request,
        action,
        form,
        template="partnership/action_accept.html",
        call=lambda form: services.action_accept(action=action, actor=request.user),
        success="Action accepted: it is complete",
        title="Accept this action as complete",
        button="Accept as complete",
        evidence=list(action.evidence.select_related("added_by").order_by("-added_at", "-pk")),
    )


def action_return_view(request, pk: int):
    """Return an action reported done to its owner, with the reason."""
    action = _visible_action(request, pk)
    require(permissions.can_sign_off_action(request.user, action))
    if not_awaiting := _awaiting_or_back(request, action):
        return not_awaiting
    form = ReturnForm(posted(request))
    return _step_page(
        request,
        action,
        form,
        template="partnership/action_return.html",
        call=lambda form: services.action_return(
            action=action, reason=form.cleaned_data["reason"], actor=request.user
        ),
        success="Action returned to its owner",
        title="Return this action",
        button="Return the action",
        returns_to=ActionStatus(services.returned_status(action, timezone.localdate())).label.lower(),
    )


def action_cancel_view(request, pk: int):
    action = _visible_action(request, pk)
    require(permissions.can_manage_action(request.user, action))
    if closed := _open_or_back(request, action):
        return closed
    form = CancelForm(posted(request))
    return _step_page(
        request,
        action,
        form,
        template="partnership/action_cancel.html",
        call=lambda form: services.action_cancel(
            action=action, reason=form.cleaned_data["reason"], actor=request.user
        ),
        success="Action cancelled",
        title="Cancel this action",
        button="Cancel the action",
        button_warning=True,
    )


def action_due_date_view(request, pk: int):
    action = _visible_action(request, pk)
    require(permissions.can_manage_action(request.user, action))
    if closed := _open_or_back(request, action):
        return closed
    form = DueDateForm(posted(request))
    return _step_page(
        request,
        action,
        form,
        template="partnership/action_due_date.html",
        call=lambda form: services.action_move_due_date(
            action=action,
            due_date=form.cleaned_data["due_date"],
            reason=form.cleaned_data["reason"],
            actor=request.user,
        ),
        success=lambda moved: f"Due date moved to {display(moved.due_date)}",
        title="Change the due date",
        button="Change the due date",
    )
