"""Multi-agency and single-agency audits, and learning from inspections."""

import uuid

from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from partnership.models import Agency, Priority, SourceKind, SourceOfLearning, Subgroup, Theme, User
from partnership.models.organisation import choices_constraint


class AuditProgramme(models.Model):
    """The year's programme of thematic audits, owned by a subgroup."""

    year = models.PositiveSmallIntegerField(unique=True, help_text="2026 means April 2026 to March 2027.")
    subgroup = models.ForeignKey(Subgroup, on_delete=models.PROTECT, related_name="audit_programmes")
    notes = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-year"]

    def __str__(self):
        return f"Audit programme {self.year}/{str(self.year + 1)[-2:]}"


class AuditStatus(models.TextChoices):
    PLANNED = "planned", "Planned"
    AUDITING = "auditing", "Agencies auditing"
    WORKSHOP = "workshop", "Workshop held"
    REPORTED = "reported", "Overview reported"


class MultiAgencyAudit(SourceOfLearning):
    """A multi-agency thematic audit: key lines of enquiry, a case sample (pseudonyms only),
    each agency auditing its own work, a workshop for challenge, and an overview."""

    SOURCE_KIND = SourceKind.AUDIT

    programme = models.ForeignKey(
        AuditProgramme, on_delete=models.SET_NULL, null=True, blank=True, related_name="audits"
    )
    title = models.CharField(max_length=200)
    themes = models.ManyToManyField(Theme, blank=True, related_name="multi_agency_audits")
    priorities = models.ManyToManyField(Priority, blank=True, related_name="multi_agency_audits")
    subgroup = models.ForeignKey(Subgroup, on_delete=models.PROTECT, related_name="multi_agency_audits")
    status = models.CharField(max_length=16, choices=AuditStatus.choices, default=AuditStatus.PLANNED)
    planned_on = models.DateField()
    childrens_views = models.TextField("views of children and families", blank=True)
    workshop_on = models.DateField(null=True, blank=True)
    workshop_attendees = models.TextField(blank=True)
    workshop_notes = models.TextField(blank=True)
    strengths = models.TextField(blank=True)
    areas_for_improvement = models.TextField(blank=True)
    reported_on = models.DateField(null=True, blank=True)
    repeats = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="repeated_by",
        help_text="The earlier audit this one repeats, to see whether improvements have stuck.",
    )
    history = HistoricalRecords(m2m_fields=[themes, priorities])

    class Meta:
        ordering = ["-planned_on"]
        constraints = [choices_constraint("status", AuditStatus, "multi_agency_audit_status_valid")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("audits:audit-detail", args=[self.pk])

    def source_date(self):
        return self.reported_on or self.planned_on

    def source_subgroup(self):
        return self.subgroup


class LineOfEnquiry(models.Model):
    audit = models.ForeignKey(MultiAgencyAudit, on_delete=models.CASCADE, related_name="lines_of_enquiry")
    number = models.PositiveSmallIntegerField()
    text = models.TextField()
    # In a re-audit, the earlier audit's line this one was copied from: the line its figures are
    # compared with, however the business unit rewords or renumbers it.
    repeats = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="repeated_by"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["audit", "number"]
        verbose_name_plural = "lines of enquiry"
        constraints = [
            models.UniqueConstraint(fields=["audit", "number"], name="line_of_enquiry_number_unique")
        ]

    def __str__(self):
        return f"{self.number}. {self.text[:60]}"


class AuditParticipant(models.Model):
    """An agency taking part, with its auditor: someone with no previous involvement in the cases."""

    audit = models.ForeignKey(MultiAgencyAudit, on_delete=models.CASCADE, related_name="participants")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    auditor = models.CharField(max_length=150)
    no_previous_involvement = models.BooleanField(
        default=False, help_text="The auditor confirms no previous involvement in the cases audited."
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["agency__name"]
        constraints = [models.UniqueConstraint(fields=["audit", "agency"], name="audit_participant_unique")]

    def __str__(self):
        return f"{self.agency}: {self.auditor}"


class AuditCase(models.Model):
    audit = models.ForeignKey(MultiAgencyAudit, on_delete=models.CASCADE, related_name="cases")
    pseudonym = models.CharField(max_length=40, help_text='For example, "Child A". Never a name.')
    notes = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["pseudonym"]
        constraints = [models.UniqueConstraint(fields=["audit", "pseudonym"], name="audit_case_unique")]

    def __str__(self):
        return self.pseudonym


class Grade(models.TextChoices):
    OUTSTANDING = "outstanding", "Outstanding"
    GOOD = "good", "Good"
    REQUIRES_IMPROVEMENT = "requires_improvement", "Requires improvement"
    INADEQUATE = "inadequate", "Inadequate"


class AgencyAuditFinding(models.Model):
    """One agency's finding on one line of enquiry, with a grade."""

    audit = models.ForeignKey(MultiAgencyAudit, on_delete=models.CASCADE, related_name="agency_findings")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    line_of_enquiry = models.ForeignKey(
        LineOfEnquiry, on_delete=models.CASCADE, related_name="agency_findings"
    )
    grade = models.CharField(max_length=24, choices=Grade.choices)
    finding = models.TextField()
    recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords()

    class Meta:
        ordering = ["line_of_enquiry__number", "agency__name"]
        constraints = [
            choices_constraint("grade", Grade, "agency_audit_finding_grade_valid"),
            models.UniqueConstraint(
                fields=["audit", "agency", "line_of_enquiry"], name="agency_audit_finding_unique"
            ),
        ]

    def __str__(self):
        return f"{self.agency} on {self.line_of_enquiry}"


class SingleAgencyAudit(SourceOfLearning):
    """An audit an agency carried out of its own work and reported to the partnership."""

    SOURCE_KIND = SourceKind.AUDIT

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="single_agency_audits")
    title = models.CharField(max_length=200)
    scope = models.TextField()
    summary = models.TextField("summary of findings")
    themes = models.ManyToManyField(Theme, blank=True, related_name="single_agency_audits")
    reported_on = models.DateField()
    reported_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    subgroup = models.ForeignKey(Subgroup, on_delete=models.PROTECT, related_name="single_agency_audits")
    history = HistoricalRecords(m2m_fields=[themes])

    class Meta:
        ordering = ["-reported_on"]

    def __str__(self):
        return f"{self.title} ({self.agency.display_name})"

    def get_absolute_url(self):
        return reverse("audits:single-audit-detail", args=[self.pk])

    def source_date(self):
        return self.reported_on

    def source_subgroup(self):
        return self.subgroup


class Inspectorate(models.TextChoices):
    OFSTED_ILACS = "ofsted_ilacs", "Ofsted ILACS"
    JTAI = "jtai", "Joint targeted area inspection (JTAI)"
    CQC = "cqc", "Care Quality Commission (CQC)"
    HMICFRS = "hmicfrs", "HM Inspectorate of Constabulary and Fire & Rescue Services"
    HMIP = "hmip", "HM Inspectorate of Probation"
    OTHER = "other", "Other"


def report_path(instance, filename):
    return f"inspections/{uuid.uuid4().hex}"


class Inspection(SourceOfLearning):
    """An inspection of one or more partner agencies, its recommendations and action plan."""

    SOURCE_KIND = SourceKind.INSPECTION

    inspectorate = models.CharField(max_length=20, choices=Inspectorate.choices)
    title = models.CharField(max_length=200)
    agencies = models.ManyToManyField(Agency, related_name="inspections")
    started_on = models.DateField()
    ended_on = models.DateField(null=True, blank=True)
    published_on = models.DateField(null=True, blank=True)
    judgement = models.CharField(
        max_length=100, blank=True, help_text="For example, Good, or Requires improvement."
    )
    report_url = models.URLField("report address", blank=True)
    report_file = models.FileField(upload_to=report_path, blank=True)
    report_file_name = models.CharField(max_length=255, blank=True)
    subgroup = models.ForeignKey(Subgroup, on_delete=models.PROTECT, related_name="inspections")
    history = HistoricalRecords(m2m_fields=[agencies])

    class Meta:
        ordering = ["-started_on"]
        constraints = [choices_constraint("inspectorate", Inspectorate, "inspection_inspectorate_valid")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("audits:inspection-detail", args=[self.pk])

    def source_date(self):
        return self.published_on or self.started_on

    def source_subgroup(self):
        return self.subgroup
