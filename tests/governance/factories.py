"""Factories for meetings, their attendance, agenda, papers and decisions."""

import datetime

import factory
from django.core.files.base import ContentFile

from governance.models import AgendaItem, Attendance, Body, Decision, Meeting, Paper
from tests.factories import AgencyFactory, SubgroupFactory

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


class MeetingFactory(factory.django.DjangoModelFactory):
    """A subgroup's meeting, held; pass body=Body.EXECUTIVE, subgroup=None for the executive."""

    class Meta:
        model = Meeting

    body = Body.SUBGROUP
    subgroup = factory.SubFactory(SubgroupFactory)
    title = factory.Sequence(lambda n: f"Subgroup meeting {n}")
    date = datetime.date(2026, 10, 14)
    place = "Online"
    status = Meeting.Status.HELD


class AttendanceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Attendance

    meeting = factory.SubFactory(MeetingFactory)
    agency = factory.SubFactory(AgencyFactory)
    status = Attendance.Status.PRESENT
    representative = "Jo Rep"
    representative_role = "Designated safeguarding lead"


class PaperFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Paper

    meeting = factory.SubFactory(MeetingFactory)
    title = "Quarterly multi-agency dataset"
    file = factory.LazyFunction(lambda: ContentFile(PDF, name="dataset.pdf"))
    file_name = "dataset.pdf"
    content_type = "application/pdf"
    size = len(PDF)


class AgendaItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgendaItem

    meeting = factory.SubFactory(MeetingFactory)
    number = factory.Sequence(lambda n: n + 1)
    title = "Performance dataset"


class DecisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Decision

    meeting = factory.SubFactory(MeetingFactory)
    kind = Decision.Kind.NOTED
    text = "The subgroup noted the dataset."


class PackVersionFactory(factory.django.DjangoModelFactory):
    """A circulated board pack (its frozen HTML given); add recipients with PackRecipientFactory."""

    class Meta:
        model = "governance.PackVersion"

    meeting = factory.SubFactory(MeetingFactory)
    number = factory.Sequence(lambda n: n + 1)
    title = "Executive Group, 14 October 2026"
    html = "<h2>1. Statutory clocks</h2><p>Frozen figures.</p>"
    circulated_at = factory.LazyFunction(lambda: datetime.datetime(2026, 10, 7, 9, 0, tzinfo=datetime.UTC))


class PackRecipientFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "governance.PackRecipient"

    version = factory.SubFactory(PackVersionFactory)
    user = None
    email = factory.LazyAttribute(lambda o: o.user.email)
    sent_at = factory.LazyAttribute(lambda o: o.version.circulated_at)


class HighlightReportFactory(factory.django.DjangoModelFactory):
    """A subgroup's draft highlight report to an executive meeting; `submitted()` for one
    submitted with figures frozen."""

    class Meta:
        model = "governance.HighlightReport"

    meeting = factory.SubFactory(
        MeetingFactory, body=Body.EXECUTIVE, subgroup=None, title="Executive Group",
        date=datetime.date(2026, 12, 9), status=Meeting.Status.PLANNED,
    )  # fmt: skip
    subgroup = factory.SubFactory(SubgroupFactory)
    went_well = "The neglect audit reported on time."
    concerns = "Health attendance has fallen."
    support_needed = ""

    class Params:
        submitted = factory.Trait(
            status="submitted",
            figures=[{"key": "open", "label": "Open actions", "value": 4}],
            period_start=datetime.date(2026, 9, 1),
            period_end=datetime.date(2026, 11, 30),
            submitted_at=factory.LazyFunction(
                lambda: datetime.datetime(2026, 11, 30, 9, tzinfo=datetime.UTC)
            ),
        )
