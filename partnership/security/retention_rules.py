"""The core's retention rules: the security log, sent-reminder records, and action evidence.

Why these periods (defaults, set in settings.RETENTION, for the partnership's records policy
to confirm):
- Security events, 24 months from the event: long enough to look back over two years of
  sign-ins and refusals when a concern about access is raised, short enough not to keep a
  record of everyone's comings and goings indefinitely.
- Sent reminders, 24 months from the date the reminder was for: they hold recipients' email
  addresses and matter only while a job might send the same email again. The newest record
  of each job and subject is kept for as long as the subject exists, whatever its age,
  because it is what tells a sweeping job ("due and not yet sent") that the email went: a
  Section 11 round's "still open six months on" report or a missed statutory clock would
  otherwise be sent again. Older periods (a plan's earlier chasers) and records whose
  subject has been deleted go.
- Action evidence files, 6 years from when the plan's last action closed: the usual period
  for keeping a public body's working records after the work ends, long enough for the next
  inspections and for the annual reports that cite the evidence. Uploaded files go, with
  their evidence entries; evidence given as a link, progress updates and impact statements
  stay, so the plan still says what was done.
"""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Max, Min, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from ..models import NOT_CLOSED_STATUSES, ActionPlan, Evidence, SecurityEvent, SentReminder
from .retention import RetentionRule, delete_with_files, oldest_of

# --- security events ------------------------------------------------------------------------


def _security_events_find(cutoff, action: str) -> QuerySet:
    """Events before the cutoff; to anonymise, only those that still say who or where."""
    due = SecurityEvent.objects.filter(at__lt=cutoff)
    if action == "anonymise":
        due = due.exclude(person__isnull=True, actor__isnull=True, email="", ip_address__isnull=True)
    return due


def _delete_rows(queryset: QuerySet) -> int:
    return queryset.model._default_manager.filter(pk__in=queryset.values("pk")).delete()[0]


def _anonymise_security_events(queryset: QuerySet) -> int:
    return SecurityEvent.objects.filter(pk__in=queryset.values("pk")).update(
        person=None, actor=None, email="", ip_address=None
    )


SECURITY_EVENTS = RetentionRule(
    key="security_events",
    label="Security events",
    counts_from="when the event happened",
    find=_security_events_find,
    actions={"delete": _delete_rows, "anonymise": _anonymise_security_events},
    oldest=oldest_of("at"),
)


# --- sent reminders -------------------------------------------------------------------------


def _sent_reminders_find(cutoff, action: str) -> QuerySet:
    """Records for a date before the cutoff that a later period of the same job and subject
    has replaced, or whose subject no longer exists (see the module docstring)."""
    old = SentReminder.objects.filter(period__lt=timezone.localdate(cutoff))
    latest = (
        SentReminder.objects.filter(
            job=OuterRef("job"), object_type=OuterRef("object_type"), object_id=OuterRef("object_id")
        )
        .order_by("-period")
        .values("period")[:1]
    )
    gone = Q(pk__in=[])
    for type_id in old.values_list("object_type", flat=True).distinct():
        model = ContentType.objects.get_for_id(type_id).model_class()
        if model is None:  # an app or model removed since
            gone |= Q(object_type_id=type_id)
        else:
            existing = model._base_manager.values("pk")
            gone |= Q(object_type_id=type_id) & ~Q(object_id__in=existing)
    return SentReminder.objects.filter(pk__in=old.filter(Q(period__lt=Subquery(latest)) | gone).values("pk"))


SENT_REMINDERS = RetentionRule(
    key="sent_reminders",
    label="Sent reminder records",
    counts_from="the date the reminder was for",
    find=_sent_reminders_find,
    actions={"delete": _delete_rows},
    oldest=oldest_of("period"),
)


# --- action evidence ------------------------------------------------------------------------


def closed_plans():
    """Plans with at least one action and none open nor awaiting sign-off, with `closed_on`:
    when the last closed."""
    return ActionPlan.objects.annotate(
        open_actions=Count("actions", filter=Q(actions__status__in=NOT_CLOSED_STATUSES)),
        all_actions=Count("actions"),
        closed_on=Max("actions__closed_on"),
    ).filter(open_actions=0, all_actions__gt=0, closed_on__isnull=False)


def _plan_closed_on():
    return Subquery(closed_plans().filter(pk=OuterRef("action__plan_id")).values("closed_on")[:1])


def _action_evidence_find(cutoff, action: str) -> QuerySet:
    plans = closed_plans().filter(closed_on__lt=timezone.localdate(cutoff)).values("pk")
    return Evidence.objects.exclude(file="").filter(action__plan__in=plans)


def _action_evidence_oldest(queryset: QuerySet):
    return queryset.annotate(plan_closed_on=_plan_closed_on()).aggregate(oldest=Min("plan_closed_on"))[
        "oldest"
    ]


def _delete_evidence(queryset: QuerySet) -> int:
    return delete_with_files(queryset, file_field="file")


ACTION_EVIDENCE = RetentionRule(
    key="action_evidence",
    label="Action plan evidence files",
    counts_from="when the plan's last action closed",
    find=_action_evidence_find,
    actions={"delete": _delete_evidence},
    oldest=_action_evidence_oldest,
)

RULES = [SECURITY_EVENTS, SENT_REMINDERS, ACTION_EVIDENCE]
