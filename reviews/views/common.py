"""What every case review page shares: the scoped lookup that also writes the access log."""

from django.shortcuts import get_object_or_404

from .. import selectors
from ..services import reviews as review_services


def review_for(request, pk: int, *, what: str = "review page"):
    """The review through the person's selector (404 outside their scope), with the view
    recorded in the review's access log: every view of a review's detail is logged."""
    review = get_object_or_404(selectors.reviews_visible_to(request.user), pk=pk)
    review_services.log_access(review=review, user=request.user, what=what)
    return review
