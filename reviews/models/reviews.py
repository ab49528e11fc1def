"""Case reviews of every kind, with their panels, agency requests, chronology and documents.

One `Review` model holds every kind (Rapid Review, LCSPR, national CSPR, local learning review,
DHR, individual agency review, thematic enquiry): they share most of their life (a panel, a
lead, documents, findings, recommendations, an action plan) and differ in their stages and
statutory clocks, which `reviews/clocks.py` and `reviews/stages.py` describe per kind. A review
is a confidential source of learning: its detail is seen only by those with a need to know.
"""

import uuid

from django.db import models
from django.db.models import Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from partnership.home import uk_date
from partnership.models import Agency, SourceKind, SourceOfLearning, Subgroup, User
from partnership.models.organisation import choices_constraint
from partnership.models.references import UniqueReference

from .notifications import Notification


class ReviewKind(models.TextChoices):
    RAPID_REVIEW = "rapid_review", "Rapid Review"
    LCSPR = "lcspr", "Local Child Safeguarding Practice Review (LCSPR)"
    NATIONAL_CSPR = "national_cspr", "National Child Safeguarding Practice Review"
    LEARNING_REVIEW = "learning_review", "Local learning review"
    DHR = "dhr", "Domestic Homicide Review (DHR)"
    AGENCY_REVIEW = "agency_review", "Individual agency or management review"
    THEMATIC = "thematic", "Thematic enquiry"


class Stage(models.TextChoices):
    """Every stage any kind passes through; stages.py says which kind uses which, in order."""

    GATHERING = "gathering", "Gathering agency information"
    PANEL = "panel", "Panel meeting"
    DECIDED = "decided", "Decision made"
    SCOPING = "scoping", "Scoping and terms of reference"
    IN_REVIEW = "in_review", "Review under way"
    DRAFT_REPORT = "draft_report", "Draft report"
    FINAL_REPORT = "final_report", "Final report"
    PUBLICATION = "publication", "Publication"
    CLOSED = "closed", "Closed"


class Decision(models.TextChoices):
    """The Rapid Review's outcome: the safeguarding partners' decision."""

    LCSPR = "lcspr", "Hold an LCSPR"
    LEARNING_REVIEW = "learning_review", "Hold a local learning review"
    NATIONAL = "national", "Refer to the national Panel for a national review"
    NO_FURTHER = "no_further", "No further review"


# What was decided, as the list, the review page and the clock board say it after "Decision:".
DECISION_OUTCOMES = {
    Decision.LCSPR: "LCSPR to be held",
    Decision.LEARNING_REVIEW: "local learning review to be held",
    Decision.NATIONAL: "referred to the national Panel for a national review",
    Decision.NO_FURTHER: "no further review",
}


class Methodology(models.TextChoices):
    SYSTEMS = "systems", "Systems approach"
    SCIE = "scie", "SCIE Learning Together"
    APPRECIATIVE = "appreciative", "Appreciative inquiry"
    SIGNIFICANT_INCIDENT = "sila", "Significant incident learning process"
    HYBRID = "hybrid", "Hybrid or other"


class FamilyInvolvement(models.TextChoices):
    NOT_YET = "not_yet", "Not yet invited"
    INVITED = "invited", "Invited"
    TOOK_PART = "took_part", "Took part"
    DECLINED = "declined", "Declined"
    NOT_APPROPRIATE = "not_appropriate", "Not appropriate (reasons recorded)"


class Publication(models.TextChoices):
    FULL = "full", "Publish in full"
    SUMMARY = "summary", "Publish a summary"
    NOT_PUBLISHED = "not_published", "Do not publish"


class Review(UniqueReference, SourceOfLearning):
    """One case review (see the module docstring). Named only by a pseudonym ("Child Q")."""

    REFERENCE_TAKEN = "A case review with reference {obj.reference} already exists"

    SOURCE_KIND = SourceKind.CASE_REVIEW
    SOURCE_CONFIDENTIAL = True
    Kind = ReviewKind

    reference = models.CharField(
        max_length=30, unique=True, help_text="For example, RR-2026-03 or LCSPR-2026-01."
    )
    title = models.CharField(
        max_length=200, help_text='The pseudonym the review is known by, e.g. "Child Q".'
    )
    kind = models.CharField(max_length=20, choices=ReviewKind.choices)
    stage = models.CharField(max_length=20, choices=Stage.choices)
    notification = models.ForeignKey(
        Notification, on_delete=models.PROTECT, null=True, blank=True, related_name="reviews"
    )
    rapid_review = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="follow_on_reviews",
        limit_choices_to={"kind": ReviewKind.RAPID_REVIEW},
        help_text="The Rapid Review that decided this review should be held.",
    )
    joint_with = models.OneToOneField(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="joint_partner",
        help_text="A DHR and an LCSPR held jointly: one panel, linked records, one action plan.",
    )
    subgroup = models.ForeignKey(Subgroup, on_delete=models.PROTECT, related_name="reviews")
    lead = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="reviews_led",
        help_text="The business unit officer who runs the review.",
    )  # fmt: skip
    opened_on = models.DateField()
    summary = models.TextField(blank=True, help_text="Pseudonyms only.")

    # The Rapid Review's decision against the criteria.
    panel_meeting_on = models.DateField(null=True, blank=True)
    criteria = models.JSONField(default=dict, blank=True, help_text="Checklist item -> met (true/false).")
    considerations = models.TextField(blank=True)
    decision = models.CharField(max_length=20, choices=Decision.choices, blank=True)
    decision_rationale = models.TextField(blank=True)
    decided_by = models.CharField(
        max_length=255, blank=True, help_text="The safeguarding partners who decided."
    )
    decided_on = models.DateField(null=True, blank=True)
    decided_without = models.JSONField(
        "decided without the summaries of",
        default=list,
        blank=True,
        help_text="The agencies asked for a summary that had not given it when the decision was made.",
    )
    sent_to_panel_on = models.DateField("Rapid Review sent to the national Panel", null=True, blank=True)
    panel_reply_on = models.DateField("national Panel replied", null=True, blank=True)
    panel_reply = models.TextField("the Panel's reply", blank=True)

    # An LCSPR (and the other full reviews).
    terms_of_reference = models.TextField(blank=True)
    scope_from = models.DateField(null=True, blank=True)
    scope_to = models.DateField(null=True, blank=True)
    reviewer_name = models.CharField("independent reviewer", max_length=150, blank=True)
    reviewer_organisation = models.CharField(max_length=150, blank=True)
    methodology = models.CharField(max_length=20, choices=Methodology.choices, blank=True)
    family_involvement = models.CharField(
        max_length=20, choices=FamilyInvolvement.choices, default=FamilyInvolvement.NOT_YET
    )
    family_involvement_notes = models.TextField(blank=True)
    draft_report_on = models.DateField(null=True, blank=True)
    final_report_on = models.DateField(null=True, blank=True)
    publication_decision = models.CharField(max_length=20, choices=Publication.choices, blank=True)
    publication_reasons = models.TextField(blank=True)
    planned_publication_on = models.DateField(null=True, blank=True)
    sent_to_panel_and_sos_on = models.DateField(
        "final report sent to the Panel and the Secretary of State", null=True, blank=True
    )
    published_on = models.DateField(null=True, blank=True)
    publication_url = models.URLField("publication address", blank=True)
    delay_reasons = models.TextField("reasons for any delay", blank=True)

    # An LCSPR's publication duties (Redbridge 2015's appendix, Working Together).
    reviewer_appointed_on = models.DateField("reviewer appointed", null=True, blank=True)
    reviewer_rationale = models.TextField("why the reviewer was chosen", blank=True)
    decision_notified_to_panel_on = models.DateField(
        "decision notified to the national Panel", null=True, blank=True
    )
    decision_notified_to_ofsted_on = models.DateField("decision notified to Ofsted", null=True, blank=True)
    partnership_response = models.TextField(
        "the partnership's published response to the findings", blank=True
    )
    response_published_on = models.DateField("response published", null=True, blank=True)
    published_until = models.DateField(
        "kept published until", null=True, blank=True,
        help_text="The date to check the report is still published: at least 12 months after publication.",
    )  # fmt: skip
    # Kept by `services.publication.publication_hold_update` from the parallel proceedings: the
    # latest expected date of those not concluded, and what it is ("inquest").
    publication_held_until = models.DateField(null=True, blank=True, editable=False)
    publication_held_by = models.CharField(max_length=40, blank=True, editable=False)

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-opened_on", "-pk"]
        constraints = [
            choices_constraint("kind", ReviewKind, "review_kind_valid"),
            choices_constraint("stage", Stage, "review_stage_valid"),
            models.CheckConstraint(
                condition=Q(decision="") | Q(decision__in=Decision.values), name="review_decision_valid"
            ),
            models.CheckConstraint(
                condition=Q(publication_decision="") | Q(publication_decision__in=Publication.values),
                name="review_publication_valid",
            ),
        ]
        indexes = [models.Index(fields=["kind", "stage"])]

    def __str__(self):
        return f"{self.title} ({self.get_kind_display()})"

    def get_absolute_url(self):
        return reverse("reviews:review-detail", args=[self.pk])

    @property
    def publication_hold(self) -> str:
        """Why publication is held, e.g. "inquest on 3 March 2027"; empty when nothing holds it."""
        if not self.publication_held_until or self.published_on:
            return ""
        return f"{self.publication_held_by} on {uk_date(self.publication_held_until)}"

    @property
    def decision_summary(self) -> str:
        """What the Rapid Review decided and when, e.g. "Decision: LCSPR to be held, 12 March
        2026"; empty until it has decided."""
        if not self.decision:
            return ""
        text = f"Decision: {DECISION_OUTCOMES[Decision(self.decision)]}"
        if self.decided_on:
            text += f", {self.decided_on.day} {self.decided_on:%B %Y}"
        return text

    def source_title(self) -> str:
        return f"{self.title}: {self.get_kind_display()}"

    def source_date(self):
        return self.opened_on

    def source_subgroup(self):
        return self.subgroup

    def shared_plan_source(self):
        """A DHR held jointly with an LCSPR uses the LCSPR's action plan."""
        if self.kind == ReviewKind.DHR and self.joint_with_id:
            return self.joint_with.learning_source
        return None


class PanelRole(models.TextChoices):
    CHAIR = "chair", "Chair"
    MEMBER = "member", "Member"
    REVIEWER = "reviewer", "Reviewer"
    ADVISER = "adviser", "Adviser"


class PanelMember(models.Model):
    """A person named on a review's panel: they may see the review's detail."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="panel_members")
    user = models.ForeignKey(User, on_delete=models.PROTECT, related_name="review_panels")
    role = models.CharField(max_length=20, choices=PanelRole.choices, default=PanelRole.MEMBER)
    history = HistoricalRecords()

    class Meta:
        ordering = ["role", "user__full_name"]
        constraints = [models.UniqueConstraint(fields=["review", "user"], name="panel_member_unique")]

    def __str__(self):
        return f"{self.user} ({self.get_role_display()})"


class AgencyRequest(models.Model):
    """A Rapid Review's request to an involved agency for its information (an agency summary),
    answered by that agency's lead in the service and read by the review's panel."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="agency_requests")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="review_requests")
    requested_on = models.DateField()
    due_on = models.DateField()
    questions = models.TextField(
        blank=True, help_text="What the panel wants to know, if more than the usual summary."
    )
    involvement = models.TextField("the agency's involvement with the child and family", blank=True)
    analysis = models.TextField("the agency's analysis and learning", blank=True)
    responded_at = models.DateTimeField(null=True, blank=True)
    responded_by = models.ForeignKey(User, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    history = HistoricalRecords()

    class Meta:
        ordering = ["due_on", "agency__name"]
        constraints = [models.UniqueConstraint(fields=["review", "agency"], name="agency_request_unique")]

    def __str__(self):
        return f"{self.agency} summary for {self.review.title}"

    def get_absolute_url(self):
        return reverse("reviews:request-detail", args=[self.pk])

    @property
    def is_answered(self) -> bool:
        return self.responded_at is not None


class ChronologyEntry(models.Model):
    """One entry of a review's merged multi-agency chronology."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="chronology")
    date = models.DateField()
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    event = models.TextField()
    source = models.CharField(
        max_length=200, blank=True, help_text="Where it comes from, e.g. the agency summary."
    )
    added_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords()

    class Meta:
        ordering = ["date", "pk"]
        verbose_name_plural = "chronology entries"

    def __str__(self):
        return f"{uk_date(self.date)} {self.agency}"


class ReviewEvent(models.Model):
    """A milestone of a review: a practitioner event, a family meeting, a panel meeting."""

    class Kind(models.TextChoices):
        PANEL = "panel", "Panel meeting"
        PRACTITIONER = "practitioner", "Practitioner event"
        FAMILY = "family", "Meeting with the family"
        MILESTONE = "milestone", "Other milestone"

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    date = models.DateField()
    title = models.CharField(max_length=200)
    notes = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["date", "pk"]

    def __str__(self):
        return self.title


def document_path(instance, filename):
    return f"reviews/{instance.review_id}/{uuid.uuid4().hex}"


class ReviewDocument(models.Model):
    """A private document of a review (terms of reference, chronology, reports)."""

    class Kind(models.TextChoices):
        TERMS_OF_REFERENCE = "terms_of_reference", "Terms of reference"
        CHRONOLOGY = "chronology", "Chronology"
        AGENCY_REPORT = "agency_report", "Agency report"
        DRAFT_REPORT = "draft_report", "Draft report"
        FINAL_REPORT = "final_report", "Final report"
        PANEL_CORRESPONDENCE = "panel_correspondence", "Correspondence with the national Panel"
        OTHER = "other", "Other"

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(max_length=30, choices=Kind.choices)
    description = models.CharField(max_length=255, blank=True)
    file = models.FileField(upload_to=document_path)
    file_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-uploaded_at"]

    def __str__(self):
        return self.file_name


class ReviewAccess(models.Model):
    """Who viewed which review's detail, and when: the access log the business unit reads."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="access_log")
    user = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True, db_index=True)
    what = models.CharField(max_length=100, help_text="The page or file viewed.")

    class Meta:
        ordering = ["-at"]
        verbose_name_plural = "review access log"

    def __str__(self):
        return f"{self.user} viewed {self.what} at {uk_date(self.at.date())}, {self.at:%H:%M}"
