"""The previous (last complete) year's publication trail: a version produced, finalised,
published and sent to the national Panel and Foundations within the 7 days."""

from __future__ import annotations

import datetime

from django.db.models import Q
from django.utils import timezone

from ... import periods
from ..services import (
    report_finalise,
    report_publish,
    report_submission_record,
    report_version_render,
)

DEMO_REPORT_URL = "https://www.northbrook-scp.example/about-us/annual-report-{slug}"


def seed_publication(actor, stdout=None) -> bool:
    """Produce, finalise, publish and send the previous reporting year's report, once (see the
    module's docstring); return whether it did. Published four weeks before the day of seeding
    (but never before the year has ended), sent to the Panel 2 days later and to Foundations 5
    days later (within the 7: met), neither after the day of seeding."""
    from ..models import ReportPublication, ReportStatus, ReportVersion

    today = timezone.localdate()
    year = periods.reporting_year(today) - 1
    if ReportPublication.objects.filter(
        Q(version__isnull=False) | Q(published_on__isnull=False), year=year
    ).exists():
        if stdout:
            stdout.write("Demo annual report publication: already there.")
        return False
    version = ReportVersion.objects.filter(
        year=year, status=ReportStatus.READY
    ).first() or report_version_render(
        version_id=ReportVersion.objects.create(year=year, requested_by=actor).pk
    )
    if version is None or version.status != ReportStatus.READY:
        if stdout:
            stdout.write(
                "Demo annual report publication: the report could not be produced, so it is not published."
            )
        return False
    published_on = max(periods.year_start(year + 1), today - datetime.timedelta(days=28))
    finalised_at = timezone.make_aware(
        datetime.datetime.combine(published_on - datetime.timedelta(days=7), datetime.time(10, 0))
    )
    report_finalise(version=version, actor=actor, at=finalised_at)
    report_publish(
        year=year,
        url=DEMO_REPORT_URL.format(slug=periods.year_label(year).replace("/", "-")),
        published_on=published_on,
        actor=actor,
    )
    for recipient, after, how in (
        ("panel", 2, "By email to the Panel's secretariat"),
        ("foundations", 5, "By email to Foundations, with the link to the published report"),
    ):
        report_submission_record(
            year=year,
            recipient=recipient,
            sent_on=min(today, published_on + datetime.timedelta(days=after)),
            how=how,
            actor=actor,
        )
    if stdout:
        stdout.write(
            f"Demo annual report publication: {periods.year_label(year)} finalised, published and sent to the "
            "national Panel and Foundations."
        )
    return True


def publication_step(stdout=None) -> bool:
    """`seed_demo`'s last step for the annual report: the previous year's publication trail, once
    every other demo step has added what its final version prints."""
    from partnership.models import User

    from .progress import BUSINESS_UNIT

    bu = User.objects.filter(email=BUSINESS_UNIT).first()
    return bu is not None and seed_publication(bu, stdout)
