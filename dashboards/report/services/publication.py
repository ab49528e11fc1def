"""Writes of the annual report's publication trail (see `models.publication`), in its order.

- `report_finalise`: the business unit marks one ready version as the year's report; the HTML
  edition is frozen with it and the year's narratives can no longer change.
- `report_unfinalise`: undoes it, with a reason kept in the history; refused once published
  (the public document is out: a correction is a new report, not a silent change).
- `report_publish`: the public address and the date; refused before finalising; starts the
  submission clock (`ReportPublication.submission_due`).
- `report_submission_record`: the sending to the national Panel or to Foundations (date, how,
  who); each once, not before publication, not in the future.

Each locks the year's row (`select_for_update`), checks, and saves with history naming the
person; only the business unit does these (`can_produce_report`), the product itself (`actor`
None, the demo) passing unchecked.
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from partnership.services.guards import require, require_actor
from partnership.services.history import save_tracked

from ..edition import edition_html
from ..models import Recipient, ReportPublication, ReportStatus, ReportVersion
from ..models.publication import SHORT_NAMES
from ..permissions import can_produce_report


def publication_of(year: int) -> ReportPublication | None:
    return ReportPublication.objects.filter(year=year).select_related("version").first()


def is_finalised(year: int) -> bool:
    return ReportPublication.objects.filter(year=year, version__isnull=False).exists()


def _locked(year: int) -> ReportPublication:
    ReportPublication.objects.get_or_create(year=year)
    return ReportPublication.objects.select_for_update().get(year=year)


def report_finalise(
    *,
    version: ReportVersion,
    actor,
    today: datetime.date | None = None,
    at: datetime.datetime | None = None,
) -> ReportPublication:
    """Mark `version` (ready) as its year's final report and freeze the HTML edition. Refused
    when the year already has a final version: un-finalise it first, with a reason. `at` is
    when it was finalised, now unless the demo backdates it."""
    require_actor(actor, can_produce_report, "Only the business unit finalises the annual report.")
    require(version.status == ReportStatus.READY, "Only a version that is ready can be the final report.")
    with transaction.atomic():
        publication = _locked(version.year)
        require(
            not publication.is_finalised,
            "This year's report is already finalised. Un-finalise it first to choose another version.",
        )
        publication.version = version
        publication.finalised_at = at or timezone.now()
        publication.finalised_by = actor
        publication.edition_html = edition_html(
            year=version.year, actor=actor or version.requested_by, today=today
        )
        save_tracked(publication, actor=actor, reason=f"Finalised version {version.pk}")
    return publication


def report_unfinalise(*, year: int, reason: str, actor) -> ReportPublication:
    """Undo finalising, before publication only; the reason goes into the history."""
    require_actor(actor, can_produce_report, "Only the business unit un-finalises the annual report.")
    reason = (reason or "").strip()
    require(bool(reason), "Enter why the report is being un-finalised", field="reason")
    with transaction.atomic():
        publication = _locked(year)
        require(publication.is_finalised, "This year's report is not finalised.")
        require(
            not publication.is_published,
            "The report has been published, so it can no longer be un-finalised. Publish a corrected report as a new year's version instead.",
        )
        publication.version = None
        publication.finalised_at = None
        publication.finalised_by = None
        publication.edition_html = ""
        save_tracked(publication, actor=actor, reason=f"Un-finalised: {reason}"[:100])
    return publication


def report_publish(
    *, year: int, url: str, published_on: datetime.date, actor, today: datetime.date | None = None
) -> ReportPublication:
    """Record where and when the finalised report was published: this starts the clock."""
    require_actor(actor, can_produce_report, "Only the business unit records the report's publication.")
    today = today or timezone.localdate()
    require(bool((url or "").strip()), "Enter the address where the report is published", field="url")
    require(
        published_on <= today, "The date of publication must be today or in the past", field="published_on"
    )
    with transaction.atomic():
        publication = _locked(year)
        require(publication.is_finalised, "Finalise the report before recording its publication.")
        require(not publication.is_published, "The report's publication has already been recorded.")
        publication.published_url = url.strip()
        publication.published_on = published_on
        publication.published_by = actor
        save_tracked(publication, actor=actor, reason="Published")
    return publication


def report_submission_record(
    *,
    year: int,
    recipient: str,
    sent_on: datetime.date,
    how: str,
    actor,
    today: datetime.date | None = None,
) -> ReportPublication:
    """Record that the published report was sent to `recipient` (the Panel or Foundations),
    once each. When both are recorded the submission clock stops, met or missed."""
    require_actor(actor, can_produce_report, "Only the business unit records where the report was sent.")
    recipient = Recipient(recipient)
    today = today or timezone.localdate()
    name = SHORT_NAMES[recipient]
    how = (how or "").strip()
    require(bool(how), f"Enter how the report was sent to {name}", field="how")
    require(sent_on <= today, "The date it was sent must be today or in the past", field="sent_on")
    with transaction.atomic():
        publication = _locked(year)
        require(
            publication.is_published, "Record the report's publication before recording where it was sent."
        )
        require(
            publication.sent_on(recipient) is None,
            f"Sending the report to {name} has already been recorded.",
        )
        require(
            sent_on >= publication.published_on,
            "The date it was sent cannot be before the report was published",
            field="sent_on",
        )
        setattr(publication, f"{recipient}_sent_on", sent_on)
        setattr(publication, f"{recipient}_sent_how", how)
        setattr(publication, f"{recipient}_sent_by", actor)
        save_tracked(publication, actor=actor, reason=f"Sent to {name}")
    return publication
