"""Case reviews' retention rule (found by partnership/security/retention.py through the app
registry): a closed review's private documents, RETENTION["review_documents"].

Default: 15 years after the review closed, delete the documents (terms of reference,
chronologies, agency reports, drafts, the final report's private copy, correspondence with the
national Panel) and their files. Neither Working Together nor the seeds set a period; case
review files are among the records a partnership keeps longest (a child named in one may ask
about it as an adult, and a later review may need to look back), so this is a deliberately
long, conservative default for the partnership's records policy to confirm. The review itself
(its pseudonym, dates, decisions, findings, recommendations and actions) stays: it is the
partnership's record of what it learnt.

When a review closed is read from its history: the start of its latest spell in the "closed"
stage (a review reopened and closed again counts from the second closing). A review with no
history of closing counts from its last change.
"""

from __future__ import annotations

from datetime import datetime

from django.db.models import QuerySet

from partnership.security.retention import RetentionRule, delete_with_files

from .models import Review, ReviewDocument, Stage


def closed_on() -> dict[int, datetime]:
    """Each closed review's id -> when it (last) closed."""
    closed = Review.objects.filter(stage=Stage.CLOSED)
    when: dict[int, datetime] = {}
    rows = (
        Review.history.model.objects.filter(id__in=closed.values("pk"))
        .order_by("id", "history_date", "history_id")
        .values_list("id", "stage", "history_date")
    )
    for review_id, stage, history_date in rows:
        if stage != Stage.CLOSED:
            when.pop(review_id, None)  # reopened: the clock starts again at the next closing
        elif review_id not in when:
            when[review_id] = history_date
    for review_id, updated_at in closed.exclude(pk__in=list(when)).values_list("pk", "updated_at"):
        when[review_id] = updated_at
    return when


def _find(cutoff, action: str) -> QuerySet:
    reviews = [pk for pk, closed_at in closed_on().items() if closed_at < cutoff]
    return ReviewDocument.objects.filter(review_id__in=reviews)


def _oldest(queryset: QuerySet):
    when = closed_on()
    dates = [when[pk] for pk in queryset.values_list("review_id", flat=True).distinct() if pk in when]
    return min(dates, default=None)


def _delete(queryset: QuerySet) -> int:
    return delete_with_files(queryset, file_field="file")


RULES = [
    RetentionRule(
        key="review_documents",
        label="Case review documents",
        counts_from="when the review closed",
        find=_find,
        actions={"delete": _delete},
        oldest=_oldest,
    )
]
