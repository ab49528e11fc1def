"""An LCSPR's parallel proceedings: recording one and changing its date or conclusion. Their
dates hold the publication back (reviews/services/publication.py); the review page lists them
with the warnings recorded when a date moved."""

from django.shortcuts import get_object_or_404

from partnership.views.toolkit import form_page, posted, require

from ... import permissions, selectors
from ...forms.publication import ProceedingForm
from ...models import ParallelProceeding
from ...services import publication as publication_services
from .changes import managed_review


def _page(request, review, proceeding):
    is_new = proceeding.pk is None
    form = ProceedingForm(posted(request), instance=proceeding)
    return form_page(
        request,
        form,
        call=lambda form: publication_services.proceeding_save(proceeding=form.instance, actor=request.user),
        success=lambda saved: f"{'Proceeding recorded' if is_new else 'Proceeding saved'}: {saved}",
        next_url=review.get_absolute_url() + "#proceedings",
        title="Record a parallel proceeding" if is_new else "Change the parallel proceeding",
        caption=f"{review.reference}: {review.title}",
        button="Record proceeding" if is_new else "Save",
        cancel_url=review.get_absolute_url() + "#proceedings",
    )


def proceeding_add_view(request, pk: int):
    review = managed_review(request, pk)
    return _page(request, review, ParallelProceeding(review=review))


def proceeding_edit_view(request, pk: int):
    proceeding = get_object_or_404(
        ParallelProceeding.objects.filter(review__in=selectors.reviews_visible_to(request.user)), pk=pk
    )
    review = proceeding.review
    require(permissions.can_manage_review(request.user, review))
    return _page(request, review, proceeding)
