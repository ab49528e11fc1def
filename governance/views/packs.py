"""The board pack's pages: a meeting's pack built from today's data (the draft) and its PDF,
choosing the deep dive it scrutinises, circulating it (frozen as the next version, each person
emailed a link once), and each circulated version's page and PDF, rendered from its frozen
HTML so they never change when the data does. Views are thin: the figures are in `packs`, the
rules in `services`, who may see what in `selectors` and `permissions`."""

import uuid

from django.conf import settings
from django.db.models import Prefetch
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from partnership import selectors as core_selectors
from partnership.home import uk_date
from partnership.models import SourceKind
from partnership.views.toolkit import form_page, posted, require

from .. import packs, permissions, selectors, services
from ..forms import CirculateForm, ScrutinyForm
from ..models import Meeting, PackRecipient, PackVersion
from .meetings import visible_meeting


def _pack_title(meeting: Meeting) -> str:
    return f"Board pack: {packs.meeting_label(meeting)}"


def _pdf_response(html: str, filename: str) -> HttpResponse:
    from partnership.pdf import html_to_pdf

    response = HttpResponse(html_to_pdf(html), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _pdf_document(*, title: str, body: str, note: str) -> str:
    return render_to_string(
        "governance/pdf/pack.html",
        {
            "pdf_title": title,
            "partnership_name": settings.PARTNERSHIP_NAME,
            "body": body,
            "note": note,
        },
    )


def versions_of(meeting: Meeting, user) -> list:
    return list(
        selectors.pack_versions_visible_to(user)
        .filter(meeting=meeting)
        .prefetch_related(Prefetch("recipients", queryset=PackRecipient.objects.select_related("user")))
    )


def pack_view(request, pk: int):
    """The meeting's board pack as built from today's data (the draft until it is circulated,
    and what a next version would hold), with its versions."""
    meeting = visible_meeting(request, pk)
    require(permissions.can_read_packs(request.user))
    today = timezone.localdate()
    may_build = permissions.can_build_packs(request.user)
    context = {
        "meeting": meeting,
        "today": today,
        "body": packs.render_pack_body(meeting, request.user, today),
        "versions": versions_of(meeting, request.user),
        "may_build": may_build,
        "scrutiny_form": ScrutinyForm(
            initial={"scrutiny_source": meeting.scrutiny_source_id}, sources=_deep_dives(request.user)
        )
        if may_build
        else None,
    }
    return render(request, "governance/pack_detail.html", context)


def pack_pdf_view(request, pk: int):
    meeting = visible_meeting(request, pk)
    require(permissions.can_read_packs(request.user))
    today = timezone.localdate()
    html = _pdf_document(
        title=_pack_title(meeting),
        body=packs.render_pack_body(meeting, request.user, today),
        note=f"{meeting.body_name}. Draft built from the data on {uk_date(today)}.",
    )
    return _pdf_response(html, f"board-pack-{meeting.date:%Y-%m-%d}-draft.pdf")


def _deep_dives(user):
    return (
        core_selectors.sources_visible_to(user).filter(kind=SourceKind.DEEP_DIVE).order_by("-date", "title")
    )


def pack_scrutiny_view(request, pk: int):
    meeting = visible_meeting(request, pk)
    require(permissions.can_read_packs(request.user))
    require(permissions.can_build_packs(request.user))
    form = ScrutinyForm(
        posted(request),
        initial={"scrutiny_source": meeting.scrutiny_source_id},
        sources=_deep_dives(request.user),
    )
    return form_page(
        request,
        form,
        call=lambda form: services.meeting_scrutiny_set(
            meeting=meeting, source=form.cleaned_data["scrutiny_source"], actor=request.user
        ),
        success=lambda saved: "Deep dive for scrutiny saved",
        next_url=reverse("governance:pack", args=[meeting.pk]),
        template="governance/meeting_form.html",
        title="Choose the deep dive for scrutiny",
        meeting=meeting,
        cancel_url=reverse("governance:pack", args=[meeting.pk]),
    )


def pack_circulate_view(request, pk: int):
    """Choose who the pack goes to and confirm: the pack is frozen as the next version."""
    meeting = visible_meeting(request, pk)
    require(permissions.can_read_packs(request.user))
    require(permissions.can_build_packs(request.user))
    form = CirculateForm(
        posted(request),
        initial={
            "recipients": list(selectors.pack_default_recipients(meeting).values_list("pk", flat=True)),
            "token": uuid.uuid4(),
        },
        people=selectors.pack_recipient_choices(meeting),
    )
    return form_page(
        request,
        form,
        call=lambda form: services.pack_circulate(
            meeting=meeting,
            recipients=form.cleaned_data["recipients"],
            token=form.cleaned_data["token"],
            actor=request.user,
        ),
        success=lambda saved: (
            f"Board pack version {saved.number} circulated to {saved.recipients.count()} people"
        ),
        template="governance/pack_circulate.html",
        title="Circulate the board pack",
        button="Circulate the pack",
        meeting=meeting,
        next_number=(meeting.pack_versions.order_by("-number").values_list("number", flat=True).first() or 0)
        + 1,
        cancel_url=reverse("governance:pack", args=[meeting.pk]),
    )


def _visible_version(request, pk: int) -> PackVersion:
    return get_object_or_404(selectors.pack_versions_visible_to(request.user), pk=pk)


def pack_version_view(request, pk: int):
    """A circulated version, exactly as it went out (its frozen HTML), with who it went to."""
    version = _visible_version(request, pk)
    context = {
        "version": version,
        "meeting": version.meeting,
        "recipients": list(version.recipients.select_related("user")),
        "may_read_packs": permissions.can_read_packs(request.user),
    }
    return render(request, "governance/pack_version.html", context)


def pack_version_pdf_view(request, pk: int):
    version = _visible_version(request, pk)
    meeting = version.meeting
    html = _pdf_document(
        title=f"Board pack: {version.title} (version {version.number})",
        body=version.html,
        note=f"Version {version.number}, circulated on {uk_date(timezone.localtime(version.circulated_at).date())}.",
    )
    return _pdf_response(html, f"board-pack-{meeting.date:%Y-%m-%d}-v{version.number}.pdf")
