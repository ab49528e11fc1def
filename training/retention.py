"""Training's retention rule (found by partnership/security/retention.py through the app
registry): attendees' personal details, RETENTION["training_attendees"].

Default: 36 months after the session ended, anonymise. By then the evaluation on the day and
the three-month follow-up are long over, and the training reports for the next two years
(which count attendance by agency, course and level) are written; the counts, the agency, the
attendance and the answers to evaluations stay, so those figures do not change. What goes is
who the person was: name, email, job role and their line manager's name and email, in the
attendee's record, in its history, and as the recipient of the reminders sent about it.

"delete" is also allowed (RETENTION_TRAINING_ATTENDEES_ACTION=delete): it removes the attendee
with their evaluations and follow-ups, and so changes past attendance figures.
"""

from __future__ import annotations

import uuid

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q, QuerySet

from partnership.models import SentReminder
from partnership.security.retention import RetentionRule, oldest_of

from .models import Attendee, Session

ANONYMOUS_NAME = "Anonymised attendee"
# Anonymised addresses end here: ".invalid" never delivers (RFC 2606), and the suffix marks a
# record as done, so a second run leaves it alone.
ANONYMOUS_DOMAIN = "anonymised.invalid"


def _find(cutoff, action: str) -> QuerySet:
    due = Attendee.objects.filter(session__ends_at__lt=cutoff)
    return due if action == "delete" else due.exclude(email__endswith=f"@{ANONYMOUS_DOMAIN}")


def _anonymous_address() -> str:
    return f"{uuid.uuid4().hex[:16]}@{ANONYMOUS_DOMAIN}"


def anonymise_attendees(queryset: QuerySet) -> int:
    """Replace each attendee's personal details (see the module docstring). Rows and their
    history are changed with `update()` on purpose: a history entry would keep the old values."""
    attendees = list(queryset.values_list("pk", "session_id", "email", "manager_email").order_by("pk"))
    addresses: dict[str, str] = {}  # one stand-in per real address in this run
    history = Attendee.history.model
    attendee_type = ContentType.objects.get_for_model(Attendee)
    session_type = ContentType.objects.get_for_model(Session)
    for pk, session_id, email, manager_email in attendees:
        new_email = addresses.setdefault(email, _anonymous_address())
        new_manager = addresses.setdefault(manager_email, _anonymous_address()) if manager_email else ""
        personal = {
            "name": ANONYMOUS_NAME,
            "email": new_email,
            "job_role": "",
            "manager_name": "",
            "manager_email": new_manager,
        }
        Attendee.objects.filter(pk=pk).update(**personal)
        history.objects.filter(id=pk).update(**personal)
        # The reminders about this attendee keep their "sent" mark under the new address, so
        # no job sends them again; the real address is gone from them too.
        about = Q(object_type=attendee_type, object_id=pk) | Q(object_type=session_type, object_id=session_id)
        for old, new in ((email, new_email), (manager_email, new_manager)):
            if old:
                SentReminder.objects.filter(about, recipient=old).update(recipient=new)
    return len(attendees)


def delete_attendees(queryset: QuerySet) -> int:
    pks = list(queryset.values_list("pk", flat=True))
    for attendee in Attendee.objects.filter(pk__in=pks):
        attendee._change_reason = "Deleted: its retention period ended"
        attendee.delete()
    return len(pks)


RULES = [
    RetentionRule(
        key="training_attendees",
        label="Training attendees' personal details",
        counts_from="the end of the session",
        find=_find,
        actions={"anonymise": anonymise_attendees, "delete": delete_attendees},
        oldest=oldest_of("session__ends_at"),
    )
]
