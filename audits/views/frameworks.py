"""Self-assessment frameworks as data: the list, a framework's page (its rating scale, standards
and the requirements under each), and the forms that set them up, change and remove them.

Everyone signed in may read a framework (agencies prepare their evidence from it); only the
business unit changes one (`permissions.can_manage_section11`: a 403 for everyone else). Parts
are looked up inside their framework, so another framework's part is a 404. Removing asks
"are you sure?" first; the services refuse to remove what agencies have already answered.
"""

from django.db.models import Count, Prefetch
from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from partnership.models.organisation import Sector
from partnership.views.toolkit import confirmed_change, form_page, posted, require

from .. import permissions, selectors
from ..forms.frameworks import FrameworkForm, RatingLevelForm, RequirementForm, StandardForm
from ..models import Framework, Requirement
from ..services import frameworks as services


def _framework(request, pk: int) -> Framework:
    return get_object_or_404(selectors.frameworks_visible_to(request.user), pk=pk)


def _managed(request, pk: int) -> Framework:
    framework = _framework(request, pk)
    require(permissions.can_manage_section11(request.user))
    return framework


def framework_list_view(request):
    frameworks = Framework.objects.annotate(
        standards_count=Count("standards", distinct=True), rounds_count=Count("rounds", distinct=True)
    ).order_by("-active", "name")
    context = {"frameworks": list(frameworks), "can_manage": permissions.can_manage_section11(request.user)}
    return render(request, "audits/framework_list.html", context)


def framework_detail_view(request, pk: int):
    framework = _framework(request, pk)
    standards = framework.standards.prefetch_related(
        Prefetch("requirements", queryset=Requirement.objects.annotate(answers_count=Count("answers")))
    )
    context = {
        "framework": framework,
        "standards": list(standards),
        "levels": list(framework.rating_levels.order_by("-score")),
        "rounds": list(framework.rounds.order_by("-year", "-pk")),
        "sectors": [Sector(s).label for s in framework.sectors if s in Sector.values],
        "can_manage": permissions.can_manage_section11(request.user),
    }
    return render(request, "audits/framework_detail.html", context)


def _framework_form(request, framework: Framework):
    is_new = framework.pk is None
    form = FrameworkForm(posted(request), instance=framework)
    return form_page(
        request,
        form,
        call=lambda form: services.framework_save(
            framework=form.instance, sectors=form.cleaned_data["sectors"], actor=request.user
        ),
        success=lambda saved: (
            f"{saved} {'set up: now add its rating scale and standards' if is_new else 'saved'}"
        ),
        title="Set up a framework" if is_new else f"Change {framework}",
        button="Set up the framework" if is_new else "Save",
        cancel_url=reverse("audits:framework-list")
        if is_new
        else reverse("audits:framework-detail", args=[framework.pk]),
    )


def framework_create_view(request):
    require(permissions.can_manage_section11(request.user))
    return _framework_form(request, Framework())


def framework_edit_view(request, pk: int):
    return _framework_form(request, _managed(request, pk))


def _part_form(request, framework, form, *, call, success, title, button, anchor):
    back = reverse("audits:framework-detail", args=[framework.pk]) + f"#{anchor}"
    return form_page(
        request, form, call=call, success=success, next_url=back, template="partnership/source_form.html",
        title=title, caption=framework.name, button=button, cancel_url=back,
    )  # fmt: skip


def _confirm_removal(request, framework, *, change, success, anchor, title, body):
    return confirmed_change(
        request, change=change, success=success,
        back_url=reverse("audits:framework-detail", args=[framework.pk]) + f"#{anchor}",
        title=title, body=body, button="Yes, remove it", warning=True,
    )  # fmt: skip


# --- standards and requirements -----------------------------------------------------------


def standard_form_view(request, pk: int, standard_pk: int | None = None):
    framework = _framework(request, pk)
    standard = get_object_or_404(framework.standards, pk=standard_pk) if standard_pk else None
    require(permissions.can_manage_section11(request.user))
    form = StandardForm(posted(request), instance=standard, framework=framework)
    return _part_form(
        request, framework, form,
        call=lambda form: services.standard_save(standard=form.instance, actor=request.user),
        success=lambda saved: f"Standard {saved.number} saved",
        title="Add a standard" if standard is None else f"Change standard {standard.number}",
        button="Save the standard", anchor="standards",
    )  # fmt: skip


def standard_delete_view(request, pk: int, standard_pk: int):
    framework = _framework(request, pk)
    standard = get_object_or_404(framework.standards, pk=standard_pk)
    require(permissions.can_manage_section11(request.user))
    count = standard.requirements.count()
    return _confirm_removal(
        request, framework,
        change=lambda: services.standard_delete(standard=standard, actor=request.user),
        success=f"Standard {standard.number} removed", anchor="standards",
        title=f"Are you sure you want to remove standard {standard.number}?",
        body=[f"“{standard.title}” and its {count} requirement{'' if count == 1 else 's'} will be removed from "
              f"{framework}.", "A standard that agencies have already answered cannot be removed."],
    )  # fmt: skip


def requirement_form_view(
    request, pk: int, standard_pk: int | None = None, requirement_pk: int | None = None
):
    framework = _framework(request, pk)
    if requirement_pk:
        requirement = get_object_or_404(
            Requirement.objects.select_related("standard"), standard__framework=framework, pk=requirement_pk
        )
        standard = requirement.standard
    else:
        requirement, standard = None, get_object_or_404(framework.standards, pk=standard_pk)
    require(permissions.can_manage_section11(request.user))
    form = RequirementForm(posted(request), instance=requirement, standard=standard)
    return _part_form(
        request, framework, form,
        call=lambda form: services.requirement_save(requirement=form.instance, actor=request.user),
        success=lambda saved: f"Requirement {saved.reference} saved",
        title=f"Add a requirement to standard {standard.number}" if requirement is None
        else f"Change requirement {requirement.reference}",
        button="Save the requirement", anchor=f"standard-{standard.number}",
    )  # fmt: skip


def requirement_delete_view(request, pk: int, requirement_pk: int):
    framework = _framework(request, pk)
    requirement = get_object_or_404(
        Requirement.objects.select_related("standard"), standard__framework=framework, pk=requirement_pk
    )
    require(permissions.can_manage_section11(request.user))
    return _confirm_removal(
        request, framework,
        change=lambda: services.requirement_delete(requirement=requirement, actor=request.user),
        success=f"Requirement {requirement.reference} removed", anchor=f"standard-{requirement.standard.number}",
        title=f"Are you sure you want to remove requirement {requirement.reference}?",
        body=[f"“{requirement.text}” will no longer be asked in returns.",
              "A requirement that agencies have already answered cannot be removed: make it optional instead."],
    )  # fmt: skip


# --- the rating scale -----------------------------------------------------------------------


def level_form_view(request, pk: int, level_pk: int | None = None):
    framework = _framework(request, pk)
    level = get_object_or_404(framework.rating_levels, pk=level_pk) if level_pk else None
    require(permissions.can_manage_section11(request.user))
    form = RatingLevelForm(posted(request), instance=level, framework=framework)
    return _part_form(
        request, framework, form,
        call=lambda form: services.rating_level_save(level=form.instance, actor=request.user),
        success=lambda saved: f"Rating level “{saved.label}” saved",
        title="Add a rating level" if level is None else f"Change “{level.label}”",
        button="Save the rating level", anchor="scale",
    )  # fmt: skip


def level_delete_view(request, pk: int, level_pk: int):
    framework = _framework(request, pk)
    level = get_object_or_404(framework.rating_levels, pk=level_pk)
    require(permissions.can_manage_section11(request.user))
    return _confirm_removal(
        request, framework,
        change=lambda: services.rating_level_delete(level=level, actor=request.user),
        success=f"Rating level “{level.label}” removed", anchor="scale",
        title=f"Are you sure you want to remove “{level.label}” from the rating scale?",
        body=["A rating level that returns have been rated with cannot be removed: change its wording instead."],
    )  # fmt: skip
