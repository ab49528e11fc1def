"""Learning briefings: how the partnership tells practitioners what it has learnt.

A briefing (a 7-minute briefing, a newsletter article, a practice note, a webinar or learning
event) disseminates findings from the learning chain: it links the findings it draws on (and,
through them, their sources) and the themes it is about, says who it is for and the channels it
goes out through (newsletter, website, training, procedures, team meetings), and is published on
a date. Its six sections follow the 7-minute briefing format used across English safeguarding
partnerships: background, why it matters, what we found, what to do, questions for practice and
further reading.

A draft is read by the business unit and the partnership leads only; a published briefing is
meant for every practitioner, so its text never names a child (the publisher confirms it).
"""

from django.db import models
from django.db.models import Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from .learning import Finding
from .organisation import Priority, Theme, choices_constraint


class BriefingFormat(models.TextChoices):
    SEVEN_MINUTE = "seven_minute", "7-minute briefing"
    NEWSLETTER = "newsletter", "Newsletter article"
    PRACTICE_NOTE = "practice_note", "Practice note"
    LEARNING_EVENT = "learning_event", "Webinar or learning event"
    OTHER = "other", "Other"


class BriefingStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Published"


class BriefingAudience(models.TextChoices):
    PRACTITIONERS = "practitioners", "Practitioners"
    MANAGERS = "managers", "Managers and supervisors"
    SAFEGUARDING_LEADS = "safeguarding_leads", "Designated and named safeguarding leads"
    ALL_STAFF = "all_staff", "All agencies' staff and volunteers"
    LEADERS = "leaders", "Senior leaders and the partnership board"


class BriefingChannel(models.TextChoices):
    """The ways a briefing goes out. Each is a boolean field `channel_<value>` on `Briefing`,
    so a list can filter by channel on any database and history records each change."""

    NEWSLETTER = "newsletter", "Newsletter"
    WEBSITE = "website", "Website"
    TRAINING = "training", "Training"
    PROCEDURES = "procedures", "Procedures"
    TEAM_MEETINGS = "team_meetings", "Team meetings"


# The six sections of the 7-minute format, in order: (field name, heading).
BRIEFING_SECTIONS = (
    ("background", "Background"),
    ("why_it_matters", "Why it matters"),
    ("what_we_found", "What we found"),
    ("what_to_do", "What to do"),
    ("questions_for_practice", "Questions for practice"),
    ("further_reading", "Further reading"),
)


def channel_field(value: str) -> str:
    return f"channel_{value}"


class Briefing(models.Model):
    """One learning briefing (see the module docstring)."""

    Format = BriefingFormat
    Status = BriefingStatus
    Audience = BriefingAudience
    Channel = BriefingChannel

    title = models.CharField(max_length=255)
    format = models.CharField(
        max_length=20, choices=BriefingFormat.choices, default=BriefingFormat.SEVEN_MINUTE
    )
    status = models.CharField(max_length=12, choices=BriefingStatus.choices, default=BriefingStatus.DRAFT)
    audience = models.CharField(
        max_length=24, choices=BriefingAudience.choices, default=BriefingAudience.PRACTITIONERS
    )

    background = models.TextField(blank=True, help_text="What happened, or what was looked at, in brief.")
    why_it_matters = models.TextField(
        blank=True, help_text="Why practitioners should care: the risk to children."
    )
    what_we_found = models.TextField(blank=True, help_text="The learning: the key messages.")
    what_to_do = models.TextField(
        blank=True, help_text="Actions for practitioners: what to do differently from tomorrow."
    )
    questions_for_practice = models.TextField(
        blank=True, help_text="Reflective questions for supervision and team meetings."
    )
    further_reading = models.TextField(
        blank=True, help_text="Procedures, guidance, tools and training to go to next."
    )

    channel_newsletter = models.BooleanField("newsletter", default=False)
    channel_website = models.BooleanField("website", default=False)
    channel_training = models.BooleanField("training", default=False)
    channel_procedures = models.BooleanField("procedures", default=False)
    channel_team_meetings = models.BooleanField("team meetings", default=False)

    findings = models.ManyToManyField(
        Finding, blank=True, related_name="briefings", help_text="The findings it disseminates."
    )
    themes = models.ManyToManyField(Theme, blank=True, related_name="briefings")
    priorities = models.ManyToManyField(Priority, blank=True, related_name="briefings")
    published_on = models.DateField("published", null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(m2m_fields=[findings, themes, priorities])

    class Meta:
        ordering = ["-published_on", "-created_at", "pk"]
        constraints = [
            choices_constraint("format", BriefingFormat, "briefing_format_valid"),
            choices_constraint("status", BriefingStatus, "briefing_status_valid"),
            choices_constraint("audience", BriefingAudience, "briefing_audience_valid"),
            models.CheckConstraint(
                condition=Q(status=BriefingStatus.DRAFT) | Q(published_on__isnull=False),
                name="briefing_published_has_date",
            ),
        ]
        indexes = [models.Index(fields=["status", "published_on"])]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("partnership:briefing-detail", args=[self.pk])

    @property
    def is_draft(self) -> bool:
        return self.status == BriefingStatus.DRAFT

    @property
    def channels(self) -> list:
        """The channels it goes out through, as `BriefingChannel` members, in their order."""
        return [c for c in BriefingChannel if getattr(self, channel_field(c.value))]

    @property
    def sections(self) -> list[tuple[str, str]]:
        """(heading, text) of the six sections, in the 7-minute order (empty ones included)."""
        return [(heading, getattr(self, name)) for name, heading in BRIEFING_SECTIONS]
