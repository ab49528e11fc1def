"""Action plans and SMART actions: the partnership's commitments, chased until they are done.

RAG is never typed: `ActionQuerySet.with_rag()` derives it in the database from the status, the
due date and the date of the last progress update (see `rag_expression`), so lists can filter and
count by it and every page shows the same colour for the same action.
"""

import uuid
from datetime import date, timedelta

from django.conf import settings
from django.db import models
from django.db.models import Case, DateField, F, OuterRef, Q, Subquery, Value, When
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from .learning import LearningSource, Recommendation
from .organisation import Agency, Priority, Subgroup, User, choices_constraint


class ActionPlan(models.Model):
    """One source's plan: the actions that answer its recommendations, owned by a subgroup.

    Its chaser clock starts at `start_date`: the subgroup chair is chased six months later and
    every six months after that while any action is open.
    """

    source = models.OneToOneField(LearningSource, on_delete=models.PROTECT, related_name="action_plan")
    title = models.CharField(max_length=255)
    subgroup = models.ForeignKey(Subgroup, on_delete=models.PROTECT, related_name="action_plans")
    start_date = models.DateField(
        default=date.today, help_text="The six-monthly chasers count from this date."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-start_date", "title"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("partnership:plan-detail", args=[self.pk])


class ActionStatus(models.TextChoices):
    NOT_STARTED = "not_started", "Not started"
    ON_TRACK = "on_track", "On track"
    OFF_TRACK = "off_track", "Off track"
    AWAITING_SIGNOFF = "awaiting_signoff", "Awaiting sign-off"
    COMPLETE = "complete", "Complete"
    CANCELLED = "cancelled", "Cancelled"


# Open: work the owner still has to do (chased, counted overdue, takes updates).
OPEN_STATUSES = (ActionStatus.NOT_STARTED, ActionStatus.ON_TRACK, ActionStatus.OFF_TRACK)
# Closed: finished for good. Only an accepted (complete) action counts as done.
CLOSED_STATUSES = (ActionStatus.COMPLETE, ActionStatus.CANCELLED)
# Reported done by its owner, waiting for the plan's subgroup to accept it or return it: neither
# open work for the owner nor closed. Not closed = OPEN_STATUSES + AWAITING_STATUSES.
AWAITING_STATUSES = (ActionStatus.AWAITING_SIGNOFF,)
NOT_CLOSED_STATUSES = OPEN_STATUSES + AWAITING_STATUSES


class Rag(models.TextChoices):
    RED = "red", "Red"
    AMBER = "amber", "Amber"
    GREEN = "green", "Green"
    AWAITING_SIGNOFF = "awaiting_signoff", "Awaiting sign-off"
    COMPLETE = "complete", "Complete"
    CANCELLED = "cancelled", "Cancelled"


def rag_expression(today: date):
    """The RAG rule, as one database expression over `status`, `due_date` and `last_update_on`.

    Complete, cancelled and awaiting sign-off actions show as such (an action awaiting sign-off
    is with the subgroup, not late for its owner, and not yet complete). Red: overdue (due before today) or off track.
    Amber: due within RAG_AMBER_DUE_DAYS days and not updated in the last RAG_AMBER_STALE_DAYS
    days. Green: everything else.
    """
    due_soon = today + timedelta(days=settings.RAG_AMBER_DUE_DAYS)
    stale_before = today - timedelta(days=settings.RAG_AMBER_STALE_DAYS)
    return Case(
        When(status=ActionStatus.COMPLETE, then=Value(Rag.COMPLETE)),
        When(status=ActionStatus.CANCELLED, then=Value(Rag.CANCELLED)),
        When(status=ActionStatus.AWAITING_SIGNOFF, then=Value(Rag.AWAITING_SIGNOFF)),
        When(Q(due_date__lt=today) | Q(status=ActionStatus.OFF_TRACK), then=Value(Rag.RED)),
        When(
            Q(due_date__lte=due_soon) & (Q(last_update_on__isnull=True) | Q(last_update_on__lt=stale_before)),
            then=Value(Rag.AMBER),
        ),
        default=Value(Rag.GREEN),
        output_field=models.CharField(),
    )


class ActionQuerySet(models.QuerySet):
    def with_last_update(self):
        latest = (
            ActionUpdate.objects.filter(action=OuterRef("pk")).order_by("-date", "-pk").values("date")[:1]
        )
        return self.annotate(last_update_on=Subquery(latest, output_field=DateField()))

    def with_rag(self, today: date | None = None):
        """Annotate `last_update_on` and `rag` (see `rag_expression`)."""
        qs = self if "last_update_on" in self.query.annotations else self.with_last_update()
        return qs.annotate(rag=rag_expression(today or timezone.localdate()))

    def open(self):
        return self.filter(status__in=OPEN_STATUSES)

    def awaiting_signoff(self):
        return self.filter(status=ActionStatus.AWAITING_SIGNOFF)

    def overdue(self, today: date | None = None):
        return self.open().filter(due_date__lt=today or timezone.localdate())


class Action(models.Model):
    """A SMART action answering a recommendation, owned by an agency and led by a person."""

    Status = ActionStatus

    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="actions")
    recommendation = models.ForeignKey(Recommendation, on_delete=models.PROTECT, related_name="actions")
    description = models.TextField(help_text="What will be done: specific and achievable.")
    success_measure = models.TextField(
        "how we will know it is done", blank=True, help_text="The measurable change that shows it is done."
    )
    owner_agency = models.ForeignKey(
        Agency,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="actions",
        help_text="Leave empty for an action the partnership owns.",
    )
    lead_user = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="actions_led", verbose_name="lead"
    )
    lead_name = models.CharField(
        max_length=150, blank=True, help_text="When the lead does not use this service."
    )
    lead_email = models.EmailField(blank=True)
    start_date = models.DateField(default=date.today)
    due_date = models.DateField()
    original_due_date = models.DateField(editable=False)
    status = models.CharField(max_length=16, choices=ActionStatus.choices, default=ActionStatus.NOT_STARTED)
    cancelled_reason = models.TextField(blank=True)
    impact = models.TextField(
        "impact statement", blank=True, help_text="What changed for children, families or practice."
    )
    closed_on = models.DateField(null=True, blank=True)
    reported_complete_on = models.DateField(
        null=True, blank=True, help_text="When the owner last reported it done, for sign-off."
    )
    reported_complete_by = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="Who last reported it done: they may not also sign it off.",
    )
    priorities = models.ManyToManyField(Priority, blank=True, related_name="actions")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Reasons (for a cancellation, a moved due date) are kept in full in the history.
    history = HistoricalRecords(history_change_reason_field=models.TextField(null=True))

    objects = ActionQuerySet.as_manager()

    class Meta:
        ordering = ["due_date", "pk"]
        constraints = [
            choices_constraint("status", ActionStatus, "action_status_valid"),
            models.CheckConstraint(condition=Q(due_date__gte=F("start_date")), name="action_due_after_start"),
            models.CheckConstraint(
                condition=~Q(status=ActionStatus.COMPLETE) | ~Q(impact=""), name="action_complete_has_impact"
            ),
            models.CheckConstraint(
                condition=~Q(status=ActionStatus.AWAITING_SIGNOFF)
                | (~Q(impact="") & Q(reported_complete_on__isnull=False)),
                name="action_awaiting_signoff_has_impact",
            ),
            models.CheckConstraint(
                condition=~Q(status=ActionStatus.CANCELLED) | ~Q(cancelled_reason=""),
                name="action_cancelled_has_reason",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "due_date"]),
            # A plan's open or overdue actions (the home page, plan pages, chasers).
            models.Index(fields=["plan", "status", "due_date"], name="action_plan_status_due_idx"),
            # The first open actions by due date (the most overdue), read in order with no sort.
            models.Index(
                fields=["due_date", "id"], condition=Q(status__in=OPEN_STATUSES), name="action_open_due_idx"
            ),
        ]

    def __str__(self):
        return self.description[:80]

    def save(self, *args, **kwargs):
        if self.original_due_date is None:
            self.original_due_date = self.due_date
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("partnership:action-detail", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def is_awaiting_signoff(self) -> bool:
        return self.status == ActionStatus.AWAITING_SIGNOFF

    @property
    def lead_display(self) -> str:
        if self.lead_user_id:
            return str(self.lead_user)
        return self.lead_name or "Not named"

    @property
    def lead_contact_email(self) -> str:
        return self.lead_user.email if self.lead_user_id else self.lead_email

    @property
    def due_date_moved(self) -> bool:
        return self.due_date != self.original_due_date


class ActionUpdate(models.Model):
    """A dated note of progress on an action, optionally moving its status."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="updates")
    date = models.DateField(default=date.today)
    text = models.TextField("progress")
    author = models.ForeignKey(User, on_delete=models.PROTECT, related_name="action_updates")
    new_status = models.CharField(max_length=16, choices=ActionStatus.choices, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-date", "-pk"]
        indexes = [models.Index(fields=["action", "-date"])]

    def __str__(self):
        from ..home import uk_date  # the home page's helpers read these models

        return f"Update on {uk_date(self.date)}"


class SignOffDecision(models.TextChoices):
    ACCEPTED = "accepted", "Accepted"
    RETURNED = "returned", "Returned"


class ActionSignOff(models.Model):
    """The owning subgroup's assurance that a completed action is done: its chair (or the
    business unit) accepts the owner's report, and only then is the action complete; or returns
    it with a reason, and the owner carries on. One row per decision, kept for the record."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="sign_offs")
    decision = models.CharField(max_length=16, choices=SignOffDecision.choices)
    reason = models.TextField(blank=True, help_text="Why it was returned: what is still needed.")
    decided_by = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="action_sign_offs"
    )
    decided_on = models.DateField(default=date.today)
    decided_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-decided_at", "-pk"]
        constraints = [
            choices_constraint("decision", SignOffDecision, "action_sign_off_decision_valid"),
            models.CheckConstraint(
                condition=~Q(decision=SignOffDecision.RETURNED) | ~Q(reason=""),
                name="action_sign_off_returned_has_reason",
            ),
        ]
        indexes = [models.Index(fields=["decision", "decided_on"])]

    def __str__(self):
        return f"{self.get_decision_display()}: {self.action}"


def evidence_path(instance, filename):
    """Evidence is stored under a random name; the person's file name is kept only as data."""
    return f"evidence/{instance.action_id}/{uuid.uuid4().hex}"


class Evidence(models.Model):
    """A file or a link that shows an action was done."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="evidence")
    description = models.CharField(max_length=255)
    file = models.FileField(upload_to=evidence_path, blank=True)
    file_name = models.CharField(max_length=255, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    size = models.PositiveIntegerField(default=0)
    link = models.URLField(blank=True, max_length=500)
    added_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="evidence_added")
    added_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-added_at"]
        verbose_name_plural = "evidence"
        constraints = [
            models.CheckConstraint(
                condition=(Q(file="") & ~Q(link="")) | (~Q(file="") & Q(link="")),
                name="evidence_is_file_or_link",
            )
        ]

    def __str__(self):
        return self.description
