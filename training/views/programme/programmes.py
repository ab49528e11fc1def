"""The yearly training programmes: the list (with CSV), a programme's page, setting one up and
changing it. Everyone who may open training reads them; the business unit changes them."""

from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone

from partnership.exports import csv_response
from partnership.views.toolkit import form_page, list_context, posted

from ... import permissions, selectors
from ...filters import ProgrammeFilter
from ...forms.programme import ProgrammeForm
from ...models import Level, Programme
from ...services import programme as services
from .common import course_with_sessions, programmes, require_manager, require_viewer

SORTS = {"year": "year", "title": "title", "subgroup": "subgroup__name", "courses": "course_count"}
DEFAULT_SORT = "-year"


def programme_list_view(request):
    require_viewer(request.user)
    context = list_context(request, ProgrammeFilter, programmes(), sorts=SORTS, default=DEFAULT_SORT)
    context["can_manage"] = permissions.can_manage_training(request.user)
    return render(request, "training/programme/programme_list.html", context)


def programme_export_view(request):
    require_viewer(request.user)
    context = list_context(request, ProgrammeFilter, programmes(), sorts=SORTS, default=DEFAULT_SORT)
    rows = (
        [p.year_label, str(p), p.subgroup.name if p.subgroup else "", p.course_count, p.summary]
        for p in context["queryset"]
    )
    return csv_response(
        filename=f"training-programmes-{timezone.localdate():%Y-%m-%d}.csv",
        header=["Year", "Programme", "Overseeing subgroup", "Courses", "Summary"],
        rows=rows,
    )


def programme_detail_view(request, pk: int):
    require_viewer(request.user)
    programme = get_object_or_404(selectors.programmes_visible_to(request.user), pk=pk)
    course_list = list(
        course_with_sessions(
            selectors.courses_visible_to(request.user).filter(programme=programme), request.user
        ).order_by("level", "title")
    )
    by_level = [(label, [c for c in course_list if c.level == level]) for level, label in Level.choices]
    context = {
        "programme": programme,
        "priorities": list(programme.priorities.order_by("title")),
        "by_level": by_level,
        "course_count": len(course_list),
        "can_manage": permissions.can_manage_training(request.user),
    }
    return render(request, "training/programme/programme_detail.html", context)


def programme_create_view(request):
    require_viewer(request.user)
    require_manager(request.user)
    return programme_form_page(request, Programme())


def programme_edit_view(request, pk: int):
    require_viewer(request.user)
    programme = get_object_or_404(selectors.programmes_visible_to(request.user), pk=pk)
    require_manager(request.user)
    return programme_form_page(request, programme)


def programme_form_page(request, programme: Programme):
    is_new = programme.pk is None
    form = ProgrammeForm(posted(request), instance=programme)
    return form_page(
        request,
        form,
        call=lambda form: services.programme_save(
            programme=form.instance, priorities=form.cleaned_data["priorities"], actor=request.user
        ),
        success=lambda saved: f"{saved} {'set up' if is_new else 'saved'}",
        template="partnership/source_form.html",
        title="Set up a year's training programme" if is_new else f"Change {programme}",
        caption="Training",
        button="Set up programme" if is_new else "Save programme",
        cancel_url=reverse("training:programme-list") if is_new else programme.get_absolute_url(),
    )
