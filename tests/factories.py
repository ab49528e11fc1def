"""factory_boy factories for the partnership core; each later app adds its own beside these."""

import csv
import datetime
import io

import factory
import openpyxl
from django.core.files.uploadedfile import SimpleUploadedFile

from partnership.models import (
    Action,
    ActionPlan,
    ActionUpdate,
    Agency,
    Area,
    Consultation,
    Evidence,
    Finding,
    IntendedOutcome,
    Priority,
    Recommendation,
    Role,
    RoleAssignment,
    Subgroup,
    Theme,
    User,
)


class AreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Area
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Area {n}")


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agency

    name = factory.Sequence(lambda n: f"Agency {n}")
    short_name = factory.Sequence(lambda n: f"AG{n}")
    sector = Agency.Sector.HEALTH
    partner_status = Agency.PartnerStatus.RELEVANT_AGENCY
    area = factory.SubFactory(AreaFactory)


class SubgroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Subgroup

    name = factory.Sequence(lambda n: f"Subgroup {n}")
    remit = "Oversees a part of the partnership's learning."


class PriorityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Priority

    year = 2026
    title = factory.Sequence(lambda n: f"Priority {n}")


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Theme

    name = factory.Sequence(lambda n: f"Theme {n}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    full_name = factory.Sequence(lambda n: f"Person {n}")
    job_title = "Safeguarding lead"
    agency = factory.SubFactory(AgencyFactory)
    password = factory.PostGenerationMethodCall("set_password", "correct horse battery staple")

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class RoleAssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RoleAssignment

    user = factory.SubFactory(UserFactory)
    role = Role.BUSINESS_UNIT


PASSWORD = "correct horse battery staple"


# --- the learning chain ---------------------------------------------------------------------


class ConsultationFactory(factory.django.DjangoModelFactory):
    """A consultation with children: the core's own source of learning."""

    class Meta:
        model = Consultation

    title = factory.Sequence(lambda n: f"Youth forum session {n}")
    date = datetime.date(2026, 3, 14)
    group = "Northbrook Youth Forum, 12 young people aged 13 to 17"
    topic = "Feeling safe online"
    what_they_said = "Adults do not always understand the apps we use."
    subgroup = factory.SubFactory(SubgroupFactory)


class FindingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Finding

    source = factory.LazyAttribute(lambda o: ConsultationFactory().learning_source)
    title = factory.Sequence(lambda n: f"Finding {n}")


class RecommendationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Recommendation

    source = factory.LazyAttribute(lambda o: ConsultationFactory().learning_source)
    reference = factory.Sequence(lambda n: f"R{n}")
    text = "Agencies should ask children about their online lives at every assessment."
    to_partnership = True


class ActionPlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActionPlan

    source = factory.LazyAttribute(lambda o: ConsultationFactory(subgroup=o.subgroup).learning_source)
    subgroup = factory.SubFactory(SubgroupFactory)
    title = factory.Sequence(lambda n: f"Action plan {n}")
    start_date = datetime.date(2026, 1, 5)


class ActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Action

    plan = factory.SubFactory(ActionPlanFactory)
    recommendation = factory.LazyAttribute(lambda o: RecommendationFactory(source=o.plan.source))
    description = factory.Sequence(lambda n: f"Deliver briefing {n} to all frontline staff")
    owner_agency = factory.SubFactory(AgencyFactory)
    lead_name = "Jo Bloggs"
    start_date = datetime.date(2026, 1, 5)
    due_date = datetime.date(2026, 9, 30)


class ActionUpdateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActionUpdate

    action = factory.SubFactory(ActionFactory)
    text = "Briefing drafted and agreed by the subgroup."
    author = factory.SubFactory(UserFactory)


class EvidenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Evidence

    action = factory.SubFactory(ActionFactory)
    description = "Attendance list"
    link = "https://intranet.example.org/briefing-attendance"
    added_by = factory.SubFactory(UserFactory)


class IntendedOutcomeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IntendedOutcome

    source = factory.LazyAttribute(lambda o: ConsultationFactory().learning_source)
    outcome = "Practitioners ask children about their online lives at every assessment."
    measure_kind = IntendedOutcome.Measure.REAUDIT
    measure = "Re-audit of 20 assessments against the online safety questions."


# --- case reviews ---------------------------------------------------------------------------


class NotificationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "reviews.Notification"

    reference = factory.Sequence(lambda n: f"SIN-2026-{n:03d}")
    became_aware_on = datetime.date(2026, 12, 18)
    incident = "serious_harm"
    abuse_or_neglect = "suspected"
    summary = "Child Q, aged 2, was admitted to hospital with injuries consistent with abuse."


class ReviewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "reviews.Review"

    reference = factory.Sequence(lambda n: f"RR-2026-{n:03d}")
    title = "Child Q"
    kind = "rapid_review"
    stage = "gathering"
    notification = factory.SubFactory(NotificationFactory)
    subgroup = factory.SubFactory(SubgroupFactory)
    opened_on = datetime.date(2026, 12, 18)


class PanelMemberFactory(factory.django.DjangoModelFactory):
    """A person on a review's panel: they may read the review's detail."""

    class Meta:
        model = "reviews.PanelMember"

    review = factory.SubFactory(ReviewFactory)
    user = factory.SubFactory(UserFactory)
    role = "member"


class CdopReportFactory(factory.django.DjangoModelFactory):
    """A Child Death Overview Panel annual report whose figures add up."""

    class Meta:
        model = "reviews.CdopReport"

    year = 2025
    deaths_reviewed = 31
    modifiable_deaths = 9
    categories = factory.LazyFunction(lambda: {"Perinatal or neonatal event": 20, "Infection": 11})
    summary = "Modifiable factors most often involved unsafe sleeping."
    subgroup = factory.SubFactory(SubgroupFactory)


class CdopReferralFactory(factory.django.DjangoModelFactory):
    """A case the Child Death Overview Panel refers to the Practice Review subgroup."""

    class Meta:
        model = "reviews.CdopReferral"

    report = factory.SubFactory(CdopReportFactory)
    referred_on = datetime.date(2026, 1, 12)
    pseudonym = "Child V"
    referred_for = "learning_review"
    reason = "Unsafe sleep with a parent who had been drinking."


class ExternalReviewFactory(factory.django.DjangoModelFactory):
    """Learning from a review published elsewhere."""

    class Meta:
        model = "reviews.ExternalReview"

    title = "Safeguarding children with disabilities in residential settings"
    published_by = "Child Safeguarding Practice Review Panel"
    published_on = datetime.date(2025, 10, 1)
    summary = "Children with complex needs were not seen or heard."
    subgroup = factory.SubFactory(SubgroupFactory)


# --- files to upload: the import tests' spreadsheets ----------------------------------------


def csv_upload(header, rows, *, name="file.csv", bom=False) -> SimpleUploadedFile:
    """A CSV file as a browser uploads it: `header`, then `rows` (with a byte-order mark, as
    Excel writes one, when `bom`)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(rows)
    data = buffer.getvalue().encode("utf-8")
    return SimpleUploadedFile(name, (b"\xef\xbb\xbf" if bom else b"") + data, content_type="text/csv")


def xlsx_upload(header, rows, *, name="file.xlsx") -> SimpleUploadedFile:
    """An Excel workbook with one sheet: `header`, then `rows` (dates and numbers kept as such)."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())
