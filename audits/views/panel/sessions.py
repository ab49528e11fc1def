"""Peer challenge sessions: the business unit sets them up (members and assigned returns);
the members, the overseeing subgroup and the partnership leads can read them."""

from django.db.models import Count
from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from partnership.views.toolkit import form_page, posted, require

from ... import permissions, selectors
from ...forms.panel import SessionForm
from ...models import StandardChallenge
from ...services import panel as services


def session_list_view(request, round_pk: int):
    round_ = get_object_or_404(selectors.rounds_visible_to(request.user), pk=round_pk)
    require(permissions.can_manage_section11(request.user))
    sessions = list(
        round_.challenge_sessions.prefetch_related("members", "returns__agency").order_by("date", "pk")
    )
    assigned = {r.pk for s in sessions for r in s.returns.all()}
    waiting = [
        r
        for r in round_.returns.filter(status__in=selectors.CHALLENGEABLE).select_related("agency")
        if r.pk not in assigned
    ]
    context = {"round": round_, "sessions": sessions, "waiting": waiting}
    return render(request, "audits/session_list.html", context)


def session_create_view(request, round_pk: int):
    round_ = get_object_or_404(selectors.rounds_visible_to(request.user), pk=round_pk)
    require(permissions.can_manage_section11(request.user))
    return _session_form(request, round_, SessionForm(posted(request), round_=round_), is_new=True)


def session_edit_view(request, pk: int):
    session = get_object_or_404(selectors.sessions_visible_to(request.user), pk=pk)
    require(permissions.can_manage_section11(request.user))
    form = SessionForm(posted(request), instance=session, round_=session.round)
    return _session_form(request, session.round, form, is_new=False)


def _session_form(request, round_, form, *, is_new: bool):
    return form_page(
        request,
        form,
        template="audits/session_form.html",
        call=lambda form: services.session_save(
            session=form.instance,
            members=form.cleaned_data["members"],
            returns=form.cleaned_data["returns"],
            actor=request.user,
        ),
        success=lambda s: f"Peer challenge session {'set up' if is_new else 'saved'}: {s}",
        title="Set up a peer challenge session" if is_new else f"Change {form.instance.title}",
        round=round_,
        button="Set up the session" if is_new else "Save",
        cancel_url=(
            reverse("audits:session-list", args=[round_.pk]) if is_new else form.instance.get_absolute_url()
        ),
    )


def session_detail_view(request, pk: int):
    session = get_object_or_404(selectors.sessions_visible_to(request.user), pk=pk)
    user = request.user
    members = list(session.members.order_by("full_name"))
    returns = list(session.returns.select_related("agency").order_by("agency__name"))
    visible = set(
        selectors.returns_visible_to(user).filter(pk__in=[r.pk for r in returns]).values_list("pk", flat=True)
    )
    recorded = dict(
        StandardChallenge.objects.filter(agency_return__in=returns)
        .values("agency_return")
        .annotate(n=Count("pk"))
        .values_list("agency_return", "n")
    )
    rows = [{"return": r, "visible": r.pk in visible, "recorded": recorded.get(r.pk, 0)} for r in returns]
    context = {
        "session": session,
        "round": session.round,
        "members": members,
        "rows": rows,
        "standards_count": session.round.framework.standards.count(),
        "can_manage": permissions.can_manage_section11(user),
        "is_member": any(m.pk == user.pk for m in members),
    }
    return render(request, "audits/session_detail.html", context)
