"""The audit programme: each year's thematic audits, and setting up or changing a year's programme.

Everyone signed in sees the programme (audits are partnership learning); the business unit
sets it up (`permissions.can_manage_audits`)."""

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from partnership.views.toolkit import form_page, posted, require

from ... import permissions, selectors
from ...forms.audits import ProgrammeForm
from ...models import AuditProgramme
from ...services import audits as services


def programme_list_view(request):
    audits = selectors.multi_agency_audits_visible_to(request.user).order_by("planned_on", "pk")
    programmes = AuditProgramme.objects.select_related("subgroup").prefetch_related(
        Prefetch("audits", queryset=audits, to_attr="audit_list")
    )
    unplanned = audits.filter(programme__isnull=True)
    context = {
        "programmes": programmes,
        "unplanned": list(unplanned),
        "can_manage": permissions.can_manage_audits(request.user),
    }
    return render(request, "audits/programme_list.html", context)


def programme_create_view(request):
    require(permissions.can_manage_audits(request.user))
    return programme_form_page(request, AuditProgramme())


def programme_edit_view(request, pk: int):
    programme = get_object_or_404(selectors.programmes_visible_to(request.user), pk=pk)
    require(permissions.can_manage_audits(request.user))
    return programme_form_page(request, programme)


def programme_form_page(request, programme: AuditProgramme):
    is_new = programme.pk is None
    form = ProgrammeForm(posted(request), instance=programme)
    return form_page(
        request,
        form,
        call=lambda form: services.programme_save(programme=form.instance, actor=request.user),
        success=lambda saved: f"{saved} {'set up' if is_new else 'saved'}",
        next_url=reverse("audits:programme-list"),
        template="partnership/source_form.html",
        title="Set up a year's audit programme" if is_new else f"Change {str(programme).lower()}",
        caption="Audits",
        button="Set up programme" if is_new else "Save programme",
        cancel_url=reverse("audits:programme-list"),
    )
