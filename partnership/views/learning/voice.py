"""Children's voice: the pages of consultations with children and young people.

Everyone signed in reads them (through `selectors.consultations_visible_to`, which follows the
visibility of their source of learning); the business unit and subgroup chairs record them
(`permissions.can_record_consultation`). A consultation's page ends with the learning panel,
like every other source of learning.
"""

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Count
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone

from ... import permissions, selectors
from ...exports import csv_response
from ...filters.learning import ConsultationFilter
from ...forms.learning import ConsultationForm
from ...models import Consultation
from ...services import voice as services
from ..records.values import display
from ..toolkit import export_query, posted, require, sorted_by
from .chain import learning_form_page
from .panel import learning_panel_context

# ?sort= key -> the field it orders by; a leading "-" sorts descending.
SORTS = {"title": "title", "date": "date", "method": "method", "subgroup": "subgroup__name"}
DEFAULT_SORT = "-date"


def filtered_consultations(request):
    """(filterset, sorted queryset, sort): the person's consultations narrowed by the filters."""
    filterset = ConsultationFilter(
        request.GET, queryset=selectors.consultations_visible_to(request.user), request=request
    )
    queryset, sort = sorted_by(filterset.qs, request.GET.get("sort", ""), sorts=SORTS, default=DEFAULT_SORT)
    return filterset, queryset, sort


def consultation_list_view(request):
    filterset, queryset, sort = filtered_consultations(request)
    page_obj = Paginator(queryset, settings.PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "filterset": filterset,
        "page_obj": page_obj,
        "sort": sort,
        "has_any": bool(page_obj.object_list) or selectors.consultations_visible_to(request.user).exists(),
        "export_query": export_query(request),
        "can_record": permissions.can_record_consultation(request.user),
    }
    return render(request, "partnership/consultation_list.html", context)


CSV_COLUMNS = (
    ("Title", lambda c: c.title),
    ("Date", lambda c: display(c.date)),
    ("How they took part", lambda c: c.get_method_display()),
    ("Who took part", lambda c: c.group),
    ("Topic", lambda c: c.topic),
    ("What children and young people said", lambda c: c.what_they_said),
    ("What changed as a result", lambda c: c.what_changed),
    ("Themes", lambda c: "; ".join(t.name for t in c.themes.all())),
    ("Subgroup", lambda c: display(c.subgroup)),
    ("Findings", lambda c: c.findings_count),
    ("Recommendations", lambda c: c.recommendations_count),
)


def consultation_export_view(request):
    """The consultations the list shows with the same filters and order, all pages, as CSV."""
    _filterset, queryset, _sort = filtered_consultations(request)
    queryset = queryset.prefetch_related("themes").annotate(
        findings_count=Count("learning_source__findings", distinct=True),
        recommendations_count=Count("learning_source__recommendations", distinct=True),
    )
    return csv_response(
        filename=f"consultations-{timezone.localdate():%Y-%m-%d}.csv",
        header=[label for label, _value in CSV_COLUMNS],
        rows=([value(c) for _label, value in CSV_COLUMNS] for c in queryset),
    )


def get_consultation(request, pk: int) -> Consultation:
    return get_object_or_404(selectors.consultations_visible_to(request.user), pk=pk)


def consultation_detail_view(request, pk: int):
    consultation = get_consultation(request, pk)
    context = {
        "consultation": consultation,
        "themes": list(consultation.themes.all()),
        "can_record": permissions.can_record_consultation(request.user),
        **learning_panel_context(request, consultation.learning_source),
    }
    return render(request, "partnership/consultation_detail.html", context)


def consultation_create_view(request):
    require(permissions.can_record_consultation(request.user))
    return consultation_form_page(request, Consultation())


def consultation_edit_view(request, pk: int):
    consultation = get_consultation(request, pk)
    require(permissions.can_record_consultation(request.user))
    return consultation_form_page(request, consultation)


def consultation_form_page(request, consultation: Consultation):
    is_new = consultation.pk is None
    form = ConsultationForm(posted(request), instance=consultation)
    return learning_form_page(
        request,
        form,
        template="partnership/consultation_form.html",
        call=lambda form: services.consultation_save(
            consultation=form.instance,
            themes=form.cleaned_data["themes"],
            priorities=form.cleaned_data["priorities"],
            actor=request.user,
        ),
        success=lambda saved: f"Consultation {'recorded' if is_new else 'saved'}: {saved}",
        cancel_url=reverse("partnership:consultation-list") if is_new else consultation.get_absolute_url(),
        title="Record a consultation" if is_new else "Change a consultation",
        caption="Children's voice" if is_new else str(consultation),
        button="Record consultation" if is_new else "Save consultation",
    )


# --- you said, we did ------------------------------------------------------------------------


def you_said_we_did_view(request):
    """Every consultation's "what children and young people said" beside "what changed as a
    result", newest first, filterable by year and theme (the consultation list's filters)."""
    filterset, queryset, sort = filtered_consultations(request)
    queryset = queryset.prefetch_related("themes")
    page_obj = Paginator(queryset, settings.PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "filterset": filterset,
        "page_obj": page_obj,
        "sort": sort,
        "has_any": bool(page_obj.object_list) or selectors.consultations_visible_to(request.user).exists(),
        "export_query": export_query(request),
        "can_record": permissions.can_record_consultation(request.user),
    }
    return render(request, "partnership/consultation_you_said_we_did.html", context)


YOU_SAID_WE_DID_COLUMNS = (
    ("Date", lambda c: display(c.date)),
    ("Consultation", lambda c: c.title),
    ("Who took part", lambda c: c.group),
    ("Topic", lambda c: c.topic),
    ("You said", lambda c: c.what_they_said),
    ("We did", lambda c: c.what_changed),
    ("Themes", lambda c: "; ".join(t.name for t in c.themes.all())),
)


def you_said_we_did_export_view(request):
    """The "you said, we did" page as CSV, with the same filters and order, all pages."""
    _filterset, queryset, _sort = filtered_consultations(request)
    return csv_response(
        filename=f"you-said-we-did-{timezone.localdate():%Y-%m-%d}.csv",
        header=[label for label, _value in YOU_SAID_WE_DID_COLUMNS],
        rows=(
            [value(c) for _label, value in YOU_SAID_WE_DID_COLUMNS]
            for c in queryset.prefetch_related("themes")
        ),
    )
