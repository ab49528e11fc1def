"""Courses and their learning outcomes: the list (filters, sorting, CSV), a course's page with
its outcomes and sessions, setting a course up and changing it, and adding, changing and
removing its outcomes. Everyone who may open training reads them; the business unit changes them."""

from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone

from partnership import selectors as core_selectors
from partnership.exports import csv_response
from partnership.views.toolkit import confirmed_change, form_page, list_context, posted

from ... import permissions, selectors
from ...filters import CourseFilter
from ...forms.programme import CourseForm, OutcomeForm
from ...models import Course, LearningOutcome, Programme
from ...services import programme as services
from .common import course_with_sessions, get_course, require_manager, require_viewer

SORTS = {
    "title": "title",
    "level": "level",
    "year": "programme__year",
    "format": "format",
    "provider": "provider",
}
DEFAULT_SORT = "title"


def _list(request) -> dict:
    return list_context(
        request, CourseFilter, selectors.courses_visible_to(request.user), sorts=SORTS, default=DEFAULT_SORT
    )


def course_list_view(request):
    require_viewer(request.user)
    context = _list(request)
    context["can_manage"] = permissions.can_manage_training(request.user)
    return render(request, "training/programme/course_list.html", context)


def provider_label(course: Course) -> str:
    if course.provider == "agency" and course.provider_agency:
        return course.provider_agency.name
    if course.provider == "commissioned" and course.provider_name:
        return f"{course.provider_name} (commissioned)"
    return course.get_provider_display()


def course_export_view(request):
    require_viewer(request.user)
    rows = (
        [
            c.programme.year_label,
            c.title,
            c.get_level_display(),
            c.get_format_display(),
            "Multi-agency" if c.multi_agency else "Single-agency",
            provider_label(c),
            ", ".join(t.name for t in c.themes.all()),
            c.requires_manager_approval,
            c.follow_up_sample_percent,
            c.bookable,
        ]
        for c in _list(request)["queryset"]
    )
    header = ["Programme year", "Course", "Level", "Format", "Who for", "Provider", "Themes",
              "Line manager approves", "Follow-up sample %", "Bookable"]  # fmt: skip
    return csv_response(
        filename=f"training-courses-{timezone.localdate():%Y-%m-%d}.csv", header=header, rows=rows
    )


def course_detail_view(request, pk: int):
    course = get_course(request, pk)
    course = course_with_sessions(selectors.courses_visible_to(request.user), request.user).get(pk=course.pk)
    context = {
        "course": course,
        "provider": provider_label(course),
        "outcomes": list(course.outcomes.order_by("number")),
        "themes": list(course.themes.all()),
        # Only the findings this person may see: a confidential review's stays hidden.
        "findings": list(
            core_selectors.findings_visible_to(request.user)
            .prefetch_related(None)
            .filter(courses=course)
            .select_related("source")
            .order_by("source__title", "pk")
        ),
        "sessions": course.session_list,
        "can_manage": permissions.can_manage_training(request.user),
    }
    return render(request, "training/programme/course_detail.html", context)


def course_create_view(request):
    require_viewer(request.user)
    require_manager(request.user)
    course = Course()
    programme_id = request.GET.get("programme", "")
    if programme_id.isdigit():
        course.programme = Programme.objects.filter(pk=programme_id).first()
    return course_form_page(request, course)


def course_edit_view(request, pk: int):
    course = get_course(request, pk)
    require_manager(request.user)
    return course_form_page(request, course)


def course_form_page(request, course: Course):
    is_new = course.pk is None
    form = CourseForm(posted(request), instance=course, user=request.user)
    return form_page(
        request,
        form,
        call=lambda form: services.course_save(
            course=form.instance,
            themes=form.cleaned_data["themes"],
            priorities=form.cleaned_data["priorities"],
            findings=form.cleaned_data["findings"],
            actor=request.user,
        ),
        success=lambda saved: f"Course {'set up' if is_new else 'saved'}: {saved}",
        template="partnership/source_form.html",
        title="Set up a course" if is_new else f"Change {course}",
        caption="Training courses",
        button="Set up course" if is_new else "Save course",
        cancel_url=reverse("training:course-list") if is_new else course.get_absolute_url(),
    )


# --- learning outcomes -------------------------------------------------------------------------


def outcome_create_view(request, pk: int):
    course = get_course(request, pk)
    require_manager(request.user)
    form = OutcomeForm(posted(request))
    return form_page(
        request,
        form,
        call=lambda form: services.outcome_add(
            course=course, text=form.cleaned_data["text"], actor=request.user
        ),
        success=lambda saved: f"Learning outcome {saved.number} added",
        next_url=course.get_absolute_url() + "#outcomes",
        template="partnership/source_form.html",
        title="Add a learning outcome",
        caption=course.title,
        button="Add outcome",
        cancel_url=course.get_absolute_url(),
    )


def _get_outcome(request, pk: int) -> LearningOutcome:
    require_viewer(request.user)
    outcome = get_object_or_404(selectors.outcomes_visible_to(request.user), pk=pk)
    require_manager(request.user)
    return outcome


def outcome_edit_view(request, pk: int):
    outcome = _get_outcome(request, pk)
    form = OutcomeForm(posted(request), initial={"text": outcome.text})
    return form_page(
        request,
        form,
        call=lambda form: services.outcome_update(
            outcome=outcome, text=form.cleaned_data["text"], actor=request.user
        ),
        success=lambda saved: f"Learning outcome {saved.number} saved",
        next_url=outcome.course.get_absolute_url() + "#outcomes",
        template="partnership/source_form.html",
        title=f"Change learning outcome {outcome.number}",
        caption=outcome.course.title,
        button="Save outcome",
        cancel_url=outcome.course.get_absolute_url(),
    )


def outcome_remove_view(request, pk: int):
    outcome = _get_outcome(request, pk)
    return confirmed_change(
        request,
        change=lambda: services.outcome_remove(outcome=outcome, actor=request.user),
        success=f"Learning outcome removed: {outcome.text}",
        back_url=outcome.course.get_absolute_url() + "#outcomes",
        title=f"Remove learning outcome {outcome.number}?",
        body=[
            f"“{outcome.text}” will no longer be one of {outcome.course.title}'s outcomes, and the "
            "outcomes after it will be renumbered.",
            "Participants will not be asked about it in their evaluation.",
        ],
        button="Remove outcome",
        warning=True,
    )
