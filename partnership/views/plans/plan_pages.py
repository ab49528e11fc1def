"""The action plan pages: start a source's plan, read it, change its details."""

from collections import Counter

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone

from ... import fragments, permissions, selectors
from ...forms.actions import PlanForm
from ...models import ActionPlan, ActionStatus, Rag
from ...services import chasers
from ...services import learning as services
from ..learning.panel import source_outcomes
from ..toolkit import form_page, posted, require

# The RAG counts the plan page shows, in this order.
RAG_ORDER = (Rag.RED, Rag.AMBER, Rag.GREEN, Rag.AWAITING_SIGNOFF, Rag.COMPLETE, Rag.CANCELLED)


def percent(part: int, whole: int) -> int:
    """A whole percentage, halves rounded up (1 of 8 is 13%), as people expect to read it."""
    return (part * 200 + whole) // (whole * 2) if whole else 0


def plan_create_view(request, source_pk: int):
    source = get_object_or_404(selectors.sources_visible_to(request.user), pk=source_pk)
    require(permissions.can_edit_learning(request.user, source))
    existing = ActionPlan.objects.filter(source=source).first()
    if existing is not None:
        messages.info(request, f"{source} already has an action plan.")
        return redirect(existing)
    initial = {
        "title": f"Action plan: {source.title}"[:255],
        "subgroup": source.subgroup_id,
        "start_date": timezone.localdate(),
    }
    form = PlanForm(posted(request), initial=initial)
    return form_page(
        request,
        form,
        template="partnership/plan_form.html",
        call=lambda form: services.plan_create(
            source=source,
            subgroup=form.cleaned_data["subgroup"],
            title=form.cleaned_data["title"],
            start_date=form.cleaned_data["start_date"],
            actor=request.user,
        ),
        success=lambda plan: f"Action plan started: {plan}",
        title="Start the action plan",
        source=source,
        button="Start the plan",
        cancel_url=source.get_absolute_url(),
    )


def plan_edit_view(request, pk: int):
    plan = get_object_or_404(selectors.plans_visible_to(request.user), pk=pk)
    require(permissions.can_edit_plan(request.user, plan))
    form = PlanForm(posted(request), instance=plan)
    return form_page(
        request,
        form,
        template="partnership/plan_form.html",
        call=lambda form: services.plan_update(plan=form.instance, actor=request.user),
        success=lambda plan: "Plan details saved",
        title="Change the plan's details",
        source=plan.source,
        button="Save",
        cancel_url=plan.get_absolute_url(),
    )


def plan_detail_view(request, pk: int):
    plan = get_object_or_404(selectors.plans_visible_to(request.user), pk=pk)
    # This person's view of the plan, kept until the data changes (partnership/fragments.py).
    return fragments.render_page(
        request,
        "plan",
        "partnership/plan_detail.html",
        lambda: _plan_context(request.user, plan),
        page={"plan": plan, "source": plan.source},
    )


def _plan_context(user, plan) -> dict:
    today = timezone.localdate()
    # One query for the actions the person may see, with RAG and the date of the last update.
    actions = list(selectors.actions_visible_to(user, today).filter(plan=plan).order_by("due_date", "pk"))
    recommendations = list(
        selectors.recommendations_visible_to(user).filter(source_id=plan.source_id).order_by("pk")
    )
    # An action the person answers for is shown even when its recommendation is not theirs to see.
    known = {r.pk for r in recommendations}
    for action in actions:
        if action.recommendation_id not in known:
            known.add(action.recommendation_id)
            recommendations.append(action.recommendation)
    recommendations.sort(key=lambda r: r.pk)
    by_recommendation = {r.pk: [] for r in recommendations}
    for action in actions:
        by_recommendation[action.recommendation_id].append(action)

    rag_counts = Counter(a.rag for a in actions)
    # Cancelled actions will never be complete, so progress counts the others.
    counted = [a for a in actions if a.status != ActionStatus.CANCELLED]
    done = sum(a.status == ActionStatus.COMPLETE for a in counted)
    roles = permissions.roles_of(user)
    next_chaser = chasers.next_chaser_date(plan, today)
    context = {
        "plan": plan,
        "source": plan.source,
        "next_chaser": next_chaser,
        "next_chaser_label": (
            f"Due now: it goes with the next daily run (due since {next_chaser:%-d %B %Y})"
            if next_chaser <= today
            else f"{next_chaser:%-d %B %Y}"
        ),
        "sections": [(r, by_recommendation[r.pk]) for r in recommendations],
        "has_actions": bool(actions),
        "progress_done": done,
        "progress_total": len(counted),
        "progress_percent": percent(done, len(counted)),
        "cancelled_count": rag_counts.get(Rag.CANCELLED, 0),
        "rag_counts": [(Rag(rag).label, rag, rag_counts.get(rag, 0)) for rag in RAG_ORDER],
        "can_edit": permissions.can_edit_plan(user, plan),
        # What the plan set out to change, beside its actions, with each check's state.
        "outcomes": source_outcomes(user, plan.source, today),
        "can_edit_outcomes": permissions.can_edit_outcomes(user, plan.source),
        # Agency leads and action leads see only their part of the plan; the page says so.
        "sees_whole_plan": permissions.sees_everything(user) or plan.subgroup_id in roles.subgroups,
    }
    return context
