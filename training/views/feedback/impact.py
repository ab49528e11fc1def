"""Impact examples: the three-month follow-up answers that give an example of changed practice,
for the business unit to tag with themes and link to the action or finding they answer.

Those who oversee training (`permissions.oversees_training`: the business unit, partnership
leads, the subgroup overseeing a programme) read the list, its CSV and each example; everyone
else signed in gets a 403, agency leads included (the page is about the partnership's
training, not one agency's). Only the business unit tags (`can_manage_training`), choosing the
action and finding from what the core selectors let them see.
"""

from django.db.models import Q
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone

from partnership import selectors as core_selectors
from partnership.exports import csv_response
from partnership.models import Theme
from partnership.views.toolkit import form_page, list_context, posted, require, sorted_by

from ... import permissions
from ...filters import ImpactExampleFilter
from ...forms.feedback import ImpactExampleTagForm
from ...models import FollowUp, year_label
from ...services import feedback as services

SORTS = {
    "submitted": "submitted_at",
    "course": "attendee__session__course__title",
    "session": "attendee__session__starts_at",
    "respondent": "respondent",
}
DEFAULT_SORT = "-submitted"


def impact_examples_visible_to(user):
    """Follow-up answers that give an example: all of them for those who oversee training."""
    if not permissions.oversees_training(user):
        return FollowUp.objects.none()
    return (
        FollowUp.objects.exclude(example="")
        .select_related(
            "attendee__session__course__programme", "attendee__agency", "action__plan", "finding__source"
        )
        .prefetch_related("themes")
    )


def _filtered(request):
    """The examples the list shows, filtered and sorted as on the page: for its CSV."""
    base = impact_examples_visible_to(request.user)
    filterset = ImpactExampleFilter(request.GET, queryset=base, request=request)
    return sorted_by(filterset.qs, request.GET.get("sort", ""), sorts=SORTS, default=DEFAULT_SORT)[0]


def get_example(request, pk: int) -> FollowUp:
    require(permissions.oversees_training(request.user))
    return get_object_or_404(impact_examples_visible_to(request.user), pk=pk)


def impact_example_list_view(request):
    require(permissions.oversees_training(request.user))
    base = impact_examples_visible_to(request.user)
    context = {
        **list_context(request, ImpactExampleFilter, base, sorts=SORTS, default=DEFAULT_SORT),
        "can_tag": permissions.can_manage_training(request.user),
    }
    return render(request, "training/feedback/impact_example_list.html", context)


CSV_COLUMNS = (
    ("Submitted", lambda f: f"{timezone.localtime(f.submitted_at):%d/%m/%Y}"),
    ("Programme year", lambda f: year_label(f.attendee.session.course.programme.year)),
    ("Course", lambda f: f.attendee.session.course.title),
    ("Level", lambda f: f.attendee.session.course.level),
    ("Session date", lambda f: f"{f.attendee.session.date:%d/%m/%Y}"),
    ("Respondent", lambda f: f.get_respondent_display()),
    ("Participant", lambda f: f.attendee.name),
    ("Agency", lambda f: f.attendee.organisation_name),
    ("Job role", lambda f: f.attendee.job_role),
    ("Practice changed", lambda f: f.get_practice_changed_display()),
    ("How practice has changed", lambda f: f.how),
    ("Example", lambda f: f.example),
    ("Difference for children and families", lambda f: f.difference_for_children),
    ("Barriers", lambda f: f.barriers),
    ("Themes", lambda f: "; ".join(t.name for t in f.themes.all())),
    ("Action", lambda f: f"{f.action.plan}: {f.action}" if f.action_id else ""),
    ("Finding", lambda f: f"{f.finding.source}: {f.finding.title}" if f.finding_id else ""),
)


def impact_example_export_view(request):
    """The list as CSV, with the page's filters and order."""
    require(permissions.oversees_training(request.user))
    queryset = _filtered(request)
    rows = ([value(f) for _label, value in CSV_COLUMNS] for f in queryset.iterator(chunk_size=500))
    return csv_response(
        filename=f"training-impact-examples-{timezone.localdate():%Y-%m-%d}.csv",
        header=[label for label, _value in CSV_COLUMNS],
        rows=rows,
    )


def impact_example_detail_view(request, pk: int):
    example = get_example(request, pk)
    context = {
        "example": example,
        "attendee": example.attendee,
        "session": example.attendee.session,
        "course": example.attendee.session.course,
        "themes": list(example.themes.all()),
        "can_tag": permissions.can_manage_training(request.user),
        "list_url": reverse("training:impact-example-list"),
    }
    return render(request, "training/feedback/impact_example_detail.html", context)


def impact_example_tag_view(request, pk: int):
    example = get_example(request, pk)
    require(permissions.can_manage_training(request.user))
    user = request.user
    current = list(example.themes.all())
    form = ImpactExampleTagForm(
        posted(request),
        initial={"themes": current, "action": example.action_id, "finding": example.finding_id},
        themes=Theme.objects.filter(Q(active=True) | Q(pk__in=[t.pk for t in current])).order_by("name"),
        actions=core_selectors.actions_visible_to(user).order_by("plan__title", "pk"),
        findings=core_selectors.findings_visible_to(user)
        .select_related("source")
        .order_by("source__title", "pk"),
    )
    detail_url = reverse("training:impact-example-detail", args=[example.pk])

    def call(form):
        data = form.cleaned_data
        return services.impact_example_tag(
            follow_up=example,
            themes=data["themes"],
            action=data["action"],
            finding=data["finding"],
            actor=user,
        )

    return form_page(
        request,
        form,
        call=call,
        success=lambda saved: "Impact example tagged",
        next_url=detail_url,
        template="training/feedback/impact_example_tag.html",
        title="Tag an impact example",
        button="Save tags",
        cancel_url=detail_url,
        example=example,
    )
