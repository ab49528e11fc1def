"""Pages of learning briefings: the list (filters, sorting, CSV export), a briefing in the
7-minute layout, writing and changing one, publishing it, deleting a draft, and its two-page A4
PDF.

A briefing is looked up through `selectors.briefings_visible_to` (a draft, or a draft drawing on
a finding the person may not see, is a 404 for them); writing needs
`permissions.can_write_briefings` (else a 403). The findings a briefing lists are those the
viewer may see (`selectors.briefing_findings_visible_to`).
"""

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import F
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from .. import permissions, selectors
from ..exports import csv_response
from ..filters.briefings import BriefingFilter
from ..forms.briefings import BriefingForm, BriefingPublishForm
from ..models import Briefing
from ..services import DomainError
from ..services import briefings as services
from ..services import dissemination as dissemination_services
from .records.values import display
from .toolkit import add_domain_error, export_query, posted, require

# ?sort= key -> the field it orders by; a leading "-" sorts descending.
SORTS = {"title": "title", "format": "format", "status": "status", "published": "published_on"}
DEFAULT_SORT = "-published"


def sorted_by(queryset, requested: str):
    """(queryset, sort in force): by an allowed key, then newest first and by pk."""
    if requested.lstrip("-") not in SORTS:
        requested = DEFAULT_SORT
    expression = F(SORTS[requested.lstrip("-")])
    expression = (
        expression.desc(nulls_first=True) if requested.startswith("-") else expression.asc(nulls_last=True)
    )
    return queryset.order_by(expression, "-created_at", "pk"), requested


def filtered_briefings(request):
    """(filterset, sorted queryset, sort): the briefings the person may read, filtered."""
    filterset = BriefingFilter(
        request.GET, queryset=selectors.briefings_visible_to(request.user), request=request
    )
    queryset, sort = sorted_by(filterset.qs.prefetch_related("themes"), request.GET.get("sort", ""))
    return filterset, queryset, sort


def briefing_list_view(request):
    filterset, queryset, sort = filtered_briefings(request)
    page_obj = Paginator(queryset, settings.PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "filterset": filterset,
        "page_obj": page_obj,
        "sort": sort,
        "has_any": bool(page_obj.object_list) or selectors.briefings_visible_to(request.user).exists(),
        "export_query": export_query(request),
        "can_write": permissions.can_write_briefings(request.user),
        "sees_drafts": permissions.can_view_draft_briefings(request.user),
        "can_export_reach": permissions.can_export_all_reach(request.user),
    }
    return render(request, "partnership/briefing_list.html", context)


CSV_COLUMNS = (
    ("Title", lambda b: b.title),
    ("Format", lambda b: b.get_format_display()),
    ("Status", lambda b: b.get_status_display()),
    ("Published", lambda b: display(b.published_on)),
    ("Audience", lambda b: b.get_audience_display()),
    ("Channels", lambda b: "; ".join(c.label for c in b.channels)),
    ("Themes", lambda b: "; ".join(t.name for t in b.themes.all())),
    ("Background", lambda b: b.background),
    ("Why it matters", lambda b: b.why_it_matters),
    ("What we found", lambda b: b.what_we_found),
    ("What to do", lambda b: b.what_to_do),
    ("Questions for practice", lambda b: b.questions_for_practice),
    ("Further reading", lambda b: b.further_reading),
)


def briefing_export_view(request):
    """The briefings the list shows, with the same filters and order, all pages, as CSV."""
    _filterset, queryset, _sort = filtered_briefings(request)
    return csv_response(
        filename=f"learning-briefings-{timezone.localdate():%Y-%m-%d}.csv",
        header=[label for label, _value in CSV_COLUMNS],
        rows=([value(b) for _label, value in CSV_COLUMNS] for b in queryset),
    )


def get_briefing(request, pk: int) -> Briefing:
    return get_object_or_404(selectors.briefings_visible_to(request.user), pk=pk)


def briefing_detail_view(request, pk: int):
    briefing = get_briefing(request, pk)
    findings = list(selectors.briefing_findings_visible_to(request.user, briefing))
    sources = list({f.source_id: f.source for f in findings}.values())
    context = {
        "briefing": briefing,
        "themes": list(briefing.themes.all()),
        "findings": findings,
        "sources": sources,
        "can_write": permissions.can_write_briefings(request.user),
        "can_publish": permissions.can_publish_briefing(request.user, briefing),
        "can_delete": permissions.can_delete_briefing(request.user, briefing),
        "missing": services.missing_for_publication(briefing) if briefing.is_draft else [],
        **dissemination_context(request, briefing),
    }
    return render(request, "partnership/briefing_detail.html", context)


def dissemination_context(request, briefing: Briefing) -> dict:
    """A published briefing's reach (the agencies' cascades the person may see) and its
    feedback: the summary for those who read it, the links to give it."""
    if briefing.is_draft:
        return {}
    user = request.user
    cascades = selectors.cascades_visible_to(user).filter(briefing=briefing)
    reach = selectors.cascade_reach(cascades, timezone.localdate())
    for cascade in reach["rows"]:
        cascade.can_confirm = not cascade.is_confirmed and permissions.can_confirm_cascade(user, cascade)
    return {
        "reach": reach,
        "feedback": (
            selectors.briefing_feedback_summary(briefing)
            if permissions.can_view_briefing_feedback(user)
            else None
        ),
        "can_give_feedback": permissions.can_give_briefing_feedback(user, briefing),
        "feedback_link": dissemination_services.feedback_url_for(briefing)
        if permissions.can_write_briefings(user)
        else "",
    }


def briefing_create_view(request):
    require(permissions.can_write_briefings(request.user))
    return briefing_form_page(request, Briefing())


def briefing_edit_view(request, pk: int):
    briefing = get_briefing(request, pk)
    require(permissions.can_write_briefings(request.user))
    return briefing_form_page(request, briefing)


def briefing_form_page(request, briefing: Briefing):
    is_new = briefing.pk is None
    form = BriefingForm(posted(request), instance=briefing, user=request.user)
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        links = {
            "channels": data["channels"],
            "findings": data["findings"],
            "themes": data["themes"],
            "priorities": data["priorities"],
        }
        try:
            if is_new:
                saved = services.briefing_create(briefing=form.instance, **links, actor=request.user)
            else:
                saved = services.briefing_update(briefing=form.instance, **links, actor=request.user)
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, f"Briefing {'saved as a draft' if is_new else 'saved'}: {saved}")
            return redirect(saved)
    context = {
        "form": form,
        "briefing": briefing,
        "cancel_url": reverse("partnership:briefing-list") if is_new else briefing.get_absolute_url(),
        "title": "Write a learning briefing" if is_new else "Change a learning briefing",
        "caption": "Learning briefings" if is_new else str(briefing),
        "button": "Save as draft" if is_new else "Save briefing",
    }
    return render(request, "partnership/briefing_form.html", context)


def briefing_publish_view(request, pk: int):
    """Ask for the publisher's confirmation (nothing identifies a child) and the date; publish."""
    briefing = get_briefing(request, pk)
    require(permissions.can_publish_briefing(request.user, briefing))
    form = BriefingPublishForm(posted(request))
    if form.is_bound and form.is_valid():
        try:
            services.briefing_publish(
                briefing=briefing,
                no_child_identified=form.cleaned_data["no_child_identified"],
                published_on=form.cleaned_data["published_on"],
                actor=request.user,
            )
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, f"Briefing published: {briefing}")
            return redirect(briefing)
    findings = selectors.briefing_findings_visible_to(request.user, briefing)
    confidential = list({f.source_id: f.source for f in findings if f.source.confidential}.values())
    context = {
        "form": form,
        "briefing": briefing,
        "confidential_sources": confidential,
        "missing": services.missing_for_publication(briefing),
        "cancel_url": briefing.get_absolute_url(),
    }
    return render(request, "partnership/briefing_publish.html", context)


def briefing_delete_view(request, pk: int):
    briefing = get_briefing(request, pk)
    require(permissions.can_delete_briefing(request.user, briefing))
    if request.method == "POST":
        try:
            services.briefing_delete(briefing=briefing, actor=request.user)
        except DomainError as exc:
            messages.error(request, exc.message)
            return redirect(briefing)
        messages.success(request, f"Draft briefing deleted: {briefing}")
        return redirect("partnership:briefing-list")
    context = {
        "title": f"Are you sure you want to delete the draft briefing {briefing}?",
        "body": ["The draft and its links to findings and themes will be deleted. This cannot be undone."],
        "button": "Delete draft",
        "cancel_url": briefing.get_absolute_url(),
        "warning": True,
    }
    return render(request, "partnership/record_confirm.html", context)


def briefing_pdf_view(request, pk: int):
    """The briefing as a two-page A4 PDF in the 7-minute format (a very long one runs on)."""
    from ..pdf import render_pdf  # WeasyPrint is loaded only when a PDF is asked for

    briefing = get_briefing(request, pk)
    pdf = render_pdf(
        "partnership/pdf/briefing.html",
        {"briefing": briefing, "themes": list(briefing.themes.all()), "today": timezone.localdate()},
        title=briefing.title,
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    filename = slugify(briefing.title)[:80] or "briefing"
    response["Content-Disposition"] = f'attachment; filename="{filename}.pdf"'
    return response
