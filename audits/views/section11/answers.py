"""Answering a return one standard at a time, and the evidence files behind an answer.

A standard's page saves every requirement's answer in one POST, all or nothing: a refusal
keeps nothing half-saved and the page keeps what was typed. "Save as draft and return later"
saves whatever is there (and says so only if something was entered); "Save and continue" also
asks for a rating of each required requirement, and an area for improvement where the rating
is in the lower half of the scale, then moves to the next standard (after the last, to checking the answers).
"""

import logging

from django.conf import settings
from django.contrib import messages
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from partnership import uploads
from partnership.services import DomainError
from partnership.views.toolkit import add_domain_error, form_page, posted, require

from ... import permissions, selectors
from ...forms.section11 import AnswerFileForm, AnswerForm
from ...models import AnswerFile, Requirement
from ...services.section11 import returns as return_services
from .return_pages import standard_sections, visible_return

logger = logging.getLogger(__name__)


def _initial(answer) -> dict:
    if answer is None:
        return {}
    return {
        "rating": answer.rating_id,
        "evidence": answer.evidence,
        "links": answer.links,
        "improvement": answer.improvement,
    }


def return_standard_view(request, pk: int, number: int):
    agency_return = visible_return(request, pk)
    require(permissions.can_edit_return(request.user, agency_return))
    sections = standard_sections(agency_return, number=number)
    if not sections:
        raise Http404("This framework has no such standard.")
    section = sections[0]
    framework = agency_return.round.framework
    continuing = request.method == "POST" and "continue" in request.POST
    improvement_levels = return_services.needs_improvement_levels(framework)
    for item in section["items"]:
        item["form"] = AnswerForm(
            posted(request),
            requirement=item["requirement"],
            framework=framework,
            rating_required=continuing,
            improvement_levels=improvement_levels,
            initial=_initial(item["answer"]),
        )
    forms = [item["form"] for item in section["items"]]
    later = list(framework.standards.filter(number__gt=number).values_list("number", flat=True)[:1])
    if request.method == "POST" and all(f.is_valid() for f in forms):
        saved = 0
        try:
            with transaction.atomic():
                for item in section["items"]:
                    form = item["form"]
                    if item["answer"] is None and form.is_empty:
                        continue
                    current = form
                    saved += 1
                    return_services.answer_save(
                        agency_return=agency_return,
                        requirement=item["requirement"],
                        rating=form.cleaned_data["rating"],
                        evidence=form.cleaned_data["evidence"].strip(),
                        links=form.cleaned_data["links"].strip(),
                        improvement=form.cleaned_data["improvement"].strip(),
                        actor=request.user,
                    )
        except DomainError as exc:
            add_domain_error(current, exc)
        else:
            standard = section["standard"]
            if not saved:
                # Nothing typed and nothing saved before: saying "saved" would be untrue.
                messages.info(
                    request, f"Nothing was entered for standard {standard.number}, so nothing was saved."
                )
            elif not continuing:
                messages.success(
                    request,
                    f"Standard {standard.number} saved as a draft. You can come back to it at any time.",
                )
            else:
                messages.success(request, f"Standard {standard.number} saved")
            if not continuing:
                return redirect(agency_return)
            if later:
                return redirect("audits:return-standard", pk=agency_return.pk, number=later[0])
            return redirect("audits:return-submit", pk=agency_return.pk)
    context = {
        "agency_return": agency_return,
        "round": agency_return.round,
        "section": section,
        "standard": section["standard"],
        "forms": forms,
        "has_errors": any(f.errors for f in forms),
        "next_number": later[0] if later else None,
        "standards": list(framework.standards.values_list("number", "title")),
    }
    return render(request, "audits/return_standard.html", context)


def return_answer_file_view(request, pk: int, requirement_pk: int):
    agency_return = visible_return(request, pk)
    require(permissions.can_edit_return(request.user, agency_return))
    requirement = get_object_or_404(
        Requirement.objects.select_related("standard"),
        pk=requirement_pk,
        standard__framework=agency_return.round.framework_id,
    )
    data = (request.POST, request.FILES) if request.method == "POST" else (None, None)
    form = AnswerFileForm(*data, max_upload_mb=settings.MAX_UPLOAD_MB)
    back = reverse("audits:return-standard", args=[agency_return.pk, requirement.standard.number])
    return form_page(
        request,
        form,
        call=lambda form: return_services.answer_file_add(
            agency_return=agency_return,
            requirement=requirement,
            upload=form.cleaned_data["file"],
            description=form.cleaned_data["description"],
            actor=request.user,
        ),
        success=lambda saved: f"{saved.file_name} added to {requirement.reference}",
        next_url=f"{back}#requirement-{requirement.pk}",
        template="audits/return_answer_file.html",
        title=f"Add an evidence file to {requirement.reference}",
        requirement=requirement,
        agency_return=agency_return,
        button="Upload the file",
        cancel_url=back,
    )


def answer_file_download_view(request, pk: int):
    """A stored evidence file, only for someone who may see its return (404 for anyone else)."""
    visible = selectors.returns_visible_to(request.user).values("pk")
    record = get_object_or_404(AnswerFile.objects.filter(answer__agency_return__in=visible), pk=pk)
    try:
        return uploads.file_response(
            record.file, file_name=record.file_name, content_type=record.content_type
        )
    except FileNotFoundError:
        logger.error("Answer file %s: its stored file %s is missing", record.pk, record.file.name)
        raise Http404("The file is missing.") from None
