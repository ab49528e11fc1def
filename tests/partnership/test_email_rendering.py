"""Every email the product sends reads right whatever a title holds: the subject and the text
part are plain text (never HTML-escaped: "everyone's responsibility", not "everyone&#x27;s"),
and the HTML part escapes each value exactly once."""

import datetime
from pathlib import Path
from types import SimpleNamespace as Thing

import pytest
from django.conf import settings
from django.utils import timezone
from django.utils.html import escape

from partnership.emails import render_email

NASTY = 'Tom\'s "R&R" <briefing>'  # an apostrophe, an ampersand, angle brackets, quotes
PARTNERSHIP = settings.PARTNERSHIP_NAME
EMAILS = Path(settings.BASE_DIR) / "templates" / "emails"


def context() -> dict:
    """One context holding everything any email template reads, each title being NASTY."""
    day = datetime.date(2026, 9, 14)
    starts_at = timezone.make_aware(datetime.datetime(2026, 9, 14, 9, 30))
    agency = Thing(name=NASTY, display_name=NASTY)
    course = Thing(title=NASTY, requires_manager_approval=False, get_level_display=lambda: "Level 1")
    session = Thing(starts_at=starts_at, ends_at=starts_at + datetime.timedelta(hours=3), date=day,
                    trainer="Sam Trainer", online=False, venue="Town Hall")  # fmt: skip
    attendee = Thing(name=NASTY, email="tom@example.org", status="booked", manager_name="Mo Manager",
                     manager_email="mo@example.org", job_role="Social worker", organisation_name="NCCS")  # fmt: skip
    round_ = Thing(title=NASTY, due_on=day, framework=Thing(name="Section 11 2026"), subgroup="Q&P")
    source = Thing(title="Child Q", get_kind_display=lambda: "Case review")
    plan = Thing(title=NASTY, source=source)
    action = Thing(description="Refresh the toolkit", due_date=day, get_absolute_url=lambda: "/actions/1/",
                   get_status_display=lambda: "In progress", lead_display="Jo Bloggs", is_overdue=True,
                   is_stale=True, is_escalated=False, last_update_on=None, owner_agency=agency, rag="red",
                   plan=plan, url="https://example.org/actions/1/", impact=NASTY, reported_complete_on=day)  # fmt: skip
    return {
        "agency": agency, "course": course, "session": session, "attendee": attendee, "round": round_,
        "agency_return": Thing(agency=agency, round=round_, status="draft", get_status_display=lambda: "In progress"),
        "review": Thing(title=NASTY, reference="CSPR-2026-01", get_kind_display=lambda: "Child safeguarding practice review"),
        "clock": Thing(name="Rapid review", due=day, source="Working Together 2023"),
        "request": Thing(due_on=day, questions="What happened?"),
        "person": Thing(full_name=NASTY, email="tom@example.org"),
        "invited_by": Thing(full_name="Bea Unit", job_title="Business manager", agency="NSCP"),
        "plans": [{"plan": plan, "url": "https://example.org/plans/1/", "actions": [action], "overdue": 1, "stale": 1}],
        "actions": [action], "groups": [{"agency": agency, "actions": [action]}],
        "url": "https://example.org/x/", "accept_url": "https://example.org/a/", "reset_url": "https://example.org/r/",
        "sign_in_url": "https://example.org/s/", "approve_url": "https://example.org/p/",
        "cancel_url": "https://example.org/c/", "actions_url": "https://example.org/actions/",
        "expires_at": starts_at, "valid_for": "3 days", "when": "Monday 14 September 2026, 09:30 to 12:30",
        "where": "Town Hall", "reason": "Trainer unwell", "comments": "Please add evidence.",
        "months": 3, "minutes": 5, "reminder": False, "for_chair": True, "total": 1, "overdue": 1,
        "days_left": 3, "today": day, "session_date": day, "closes_on": day, "description": "3 days left",
        "missed": False, "escalated": False, "escalate_months": 3, "stale_months": 3, "reported_on": day,
        "required": True, "business_unit_email": "bu@example.org", "by_business_unit": False, "was_waiting": False,
        "escalation": Thing(subject=NASTY, letter=f"Dear {NASTY},\n\nYours sincerely"),
        "paragraphs": [f"Dear {NASTY},", "Yours sincerely"],
        "meeting": Thing(title=NASTY, date=day), "version": Thing(number=1),
        "sign_off": Thing(decided_on=day, decided_by=NASTY, reason=NASTY), "list_url": "https://example.org/l/",
        "business_unit": False, "action": action,
        "waiting": [NASTY, "Foundations"], "published_on": day, "published_url": "https://example.org/report",
        "briefing": Thing(title=NASTY, published_on=day, get_format_display=lambda: "7-minute briefing"),
        "cascade": Thing(due_on=day, expires_at=starts_at), "link_days": 28, "briefing_url": "https://example.org/b/",
        "flag": Thing(agency=agency, partner=agency, risk=NASTY, raised_by=NASTY, raised_on=day, response_due_on=day,
                      source=Thing(title=NASTY, get_kind_display=lambda: "Audit")),
        "outcome": Thing(outcome=NASTY, check_on=day, measure_display=lambda: NASTY),
        "source": Thing(title=NASTY, confidential=False, get_kind_display=lambda: "Audit"),
        "contribution": Thing(title=NASTY, kind="subgroup", due_on=day), "year_label": "2025/26",
    }  # fmt: skip


SUBJECTS = {
    "audits/escalation": NASTY,
    "dashboards/contribution_chaser": f'Overdue: "{NASTY}" for the annual report 2025/26 was due on 14 September 2026',
    "dashboards/contribution_request": f'Annual report 2025/26: please write "{NASTY}" by 14 September 2026',
    "governance/pack_circulated": f"Board pack: {NASTY}, 14 September 2026",
    "partnership/risk_flagged": f"Risk flagged to {NASTY}: response due 14 September 2026",
    "audits/outstanding_actions": f"{NASTY}: improvement actions still open six months on",
    "audits/return_sent_back": f"Your Section 11 return has been sent back for amendment – {NASTY}",
    "audits/round_opened": f"{NASTY}: your agency's return is due by 14 September 2026",
    "audits/round_reminder": f"Overdue: {NASTY}'s Section 11 return was due on 14 September 2026",
    "partnership/agency_overdue": f"1 overdue action for {NASTY} – {PARTNERSHIP}",
    "partnership/outcome_check_due": f"Did it stick? An outcome of {NASTY} is due to be checked on 14 September 2026",
    "partnership/cascade_request": f'Please cascade "{NASTY}" in {NASTY} by 14 September 2026',
    "partnership/invitation": f"Set up your account for {PARTNERSHIP}",
    "partnership/plan_chaser": f"Six-monthly chaser: 1 action plan to review – {PARTNERSHIP}",
    "partnership/signoff_digest": f"1 action awaits your sign-off – {PARTNERSHIP}",
    "partnership/signoff_returned": f"Action returned at sign-off: Refresh the toolkit – {PARTNERSHIP}",
    "partnership/two_factor_reset": f"Your two-factor sign-in to {PARTNERSHIP} has been reset",
    "registration/password_reset": f"Reset your password for {PARTNERSHIP}",
    "dashboards/submission_warning": "Due soon: Rapid review",
    "reviews/agency_request": "Request for information: Child safeguarding practice review CSPR-2026-01 – reply by 14 September 2026",
    "reviews/clock_warning": f"Due soon: Rapid review – {NASTY} (CSPR-2026-01)",
    "training/booking_approval_request": f"Please approve or decline {NASTY}'s place on {NASTY} (14 September 2026)",
    "training/booking_approved": f"Your line manager approved your place: you are booked on {NASTY} on 14 September 2026",
    "training/booking_awaiting_approval": f"Your place on {NASTY} on 14 September 2026 needs your line manager's approval",
    "training/booking_cancelled": f"Your place on {NASTY} on 14 September 2026 has been cancelled",
    "training/booking_confirmed": f"Your place is booked: {NASTY} on 14 September 2026",
    "training/booking_declined": f"Your line manager declined your place on {NASTY} on 14 September 2026",
    "training/booking_promoted": f"A place has become available: you are booked on {NASTY} on 14 September 2026",
    "training/booking_reminder": f"Reminder: {NASTY} on Monday 14 September 2026 at 09:30",
    "training/booking_waiting": f"You are on the waiting list: {NASTY} on 14 September 2026",
    "training/feedback_evaluation": f"How was {NASTY} on 14 September 2026? Tell us in 5 minutes",
    "training/feedback_follow_up_manager": f"{NASTY} attended {NASTY}: have you seen a change in their practice?",
    "training/feedback_follow_up_participant": f"{NASTY}, 3 months on: has it changed your practice?",
    "training/programme_session_cancelled": f"Cancelled: {NASTY} on 14 September 2026",
}  # fmt: skip


def test_every_email_the_product_sends_has_a_case_here():
    sent = {str(p.relative_to(EMAILS))[: -len("_subject.txt")] for p in EMAILS.glob("*/*_subject.txt")}
    assert sent == set(SUBJECTS)


@pytest.mark.parametrize("prefix", sorted(SUBJECTS))
def test_subject_and_text_are_plain_and_html_is_escaped_once(prefix):
    subject, text, html = render_email(prefix, context())
    assert subject == SUBJECTS[prefix]
    for escaped in ("&#x27;", "&#39;", "&amp;", "&lt;", "&gt;", "&quot;"):
        assert escaped not in text, f"{escaped} in the text part"
    assert NASTY in text
    assert escape(NASTY) in html
    assert (
        NASTY not in html and "&amp;amp;" not in html and "&amp;#x27;" not in html and "&amp;lt;" not in html
    )
