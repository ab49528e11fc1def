"""Changing and removing a return's planned improvements and evidence files, and taking
colleagues off a return.

A planned improvement is changed or removed by those who may edit the return, while it is
editable (a 403 for those who see the return but may not); removing asks "are you sure?" first.
The agency's lead takes a colleague off the return, again after a confirmation page. The return
is always looked up through `returns_visible_to` first: another agency's return is a 404.
"""

from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.formats import date_format

from partnership.models import User
from partnership.views.toolkit import confirmed_change, form_page, posted, require

from ... import permissions
from ...forms.section11 import ImprovementForm
from ...models import AnswerFile
from ...services.section11 import returns as return_services
from .return_pages import visible_return


def _improvement(request, pk: int, improvement_pk: int):
    agency_return = visible_return(request, pk)
    improvement = get_object_or_404(agency_return.improvements.select_related("standard"), pk=improvement_pk)
    require(permissions.can_edit_return(request.user, agency_return) and improvement.action_id is None)
    improvement.agency_return = agency_return
    return agency_return, improvement


def return_improvement_edit_view(request, pk: int, improvement_pk: int):
    agency_return, improvement = _improvement(request, pk, improvement_pk)
    form = ImprovementForm(posted(request), instance=improvement, agency_return=agency_return)
    back = agency_return.get_absolute_url() + "#improvements"
    return form_page(
        request,
        form,
        call=lambda form: return_services.improvement_update(improvement=form.instance, actor=request.user),
        success=lambda saved: "Planned improvement changed",
        next_url=back,
        title="Change a planned improvement",
        button="Save the improvement",
        cancel_url=back,
    )


def return_improvement_delete_view(request, pk: int, improvement_pk: int):
    agency_return, improvement = _improvement(request, pk, improvement_pk)
    return confirmed_change(
        request,
        change=lambda: return_services.improvement_delete(improvement=improvement, actor=request.user),
        success="Planned improvement removed",
        back_url=agency_return.get_absolute_url() + "#improvements",
        title="Are you sure you want to remove this planned improvement?",
        body=[
            f"“{improvement.description}”, due by {date_format(improvement.due_on)}, will be removed from "
            f"{agency_return.agency.name}'s return.",
            "It will not become one of your agency's actions when the return is accepted.",
        ],
        button="Yes, remove it",
        warning=True,
    )


def return_answer_file_delete_view(request, pk: int, file_pk: int):
    agency_return = visible_return(request, pk)
    record = get_object_or_404(
        AnswerFile.objects.select_related("answer__requirement__standard"),
        answer__agency_return=agency_return,
        pk=file_pk,
    )
    require(permissions.can_edit_return(request.user, agency_return))
    requirement = record.answer.requirement
    back = reverse("audits:return-standard", args=[agency_return.pk, requirement.standard.number])
    return confirmed_change(
        request,
        change=lambda: return_services.answer_file_delete(record=record, actor=request.user),
        success=f"{record.file_name} removed from {requirement.reference}",
        back_url=f"{back}#requirement-{requirement.pk}",
        title=f"Are you sure you want to remove {record.file_name}?",
        body=[f"The file will no longer be part of the evidence for {requirement.reference}."],
        button="Yes, remove it",
        warning=True,
    )


def return_contributor_remove_view(request, pk: int, user_pk: int):
    agency_return = visible_return(request, pk)
    require(permissions.can_add_contributors(request.user, agency_return))
    person = get_object_or_404(
        User.objects.filter(pk__in=agency_return.contributors.values("pk")), pk=user_pk
    )
    return confirmed_change(
        request,
        change=lambda: return_services.return_contributor_remove(
            agency_return=agency_return, person=person, actor=request.user
        ),
        success=f"{person} can no longer help complete the return",
        back_url=agency_return.get_absolute_url() + "#contributors",
        title=f"Are you sure you want to remove {person} from the return?",
        body=[
            f"{person} will no longer be able to see or change {agency_return.agency.name}'s return. "
            "The answers they have already given stay.",
            "You can add them again at any time.",
        ],
        button="Yes, remove them",
        warning=True,
    )
