"""A review's private documents: uploaded by those who manage the review, downloaded by those
who may read it (a 404 for everyone else, agency leads included), every download logged."""

from django.shortcuts import get_object_or_404

from partnership.uploads import file_response
from partnership.views.toolkit import form_page

from ... import selectors
from ...forms.reviews import DocumentUploadForm
from ...models import ReviewDocument
from ...services import reviews as review_services
from .changes import managed_review


def document_upload_view(request, pk: int):
    review = managed_review(request, pk)
    form = (
        DocumentUploadForm(request.POST, request.FILES) if request.method == "POST" else DocumentUploadForm()
    )
    return form_page(
        request,
        form,
        call=lambda form: review_services.document_upload(
            review=review,
            kind=form.cleaned_data["kind"],
            upload=form.cleaned_data["file"],
            description=form.cleaned_data["description"],
            actor=request.user,
        ),
        success=lambda saved: f"Document uploaded: {saved.file_name}",
        next_url=review.get_absolute_url() + "#documents",
        template="reviews/document_upload.html",
        title="Upload a document",
        review=review,
        cancel_url=review.get_absolute_url(),
        button="Upload",
    )


def document_download_view(request, pk: int):
    visible = selectors.reviews_visible_to(request.user).values("pk")
    document = get_object_or_404(
        ReviewDocument.objects.select_related("review").filter(review__in=visible), pk=pk
    )
    review_services.log_access(
        review=document.review, user=request.user, what=f"document: {document.file_name}"
    )
    return file_response(document.file, file_name=document.file_name, content_type=document.content_type)
