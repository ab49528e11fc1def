"""Emails rendered from templates, with a plain-text and an HTML part, sent after commit by a
Celery worker (so a slow or failing mail server never holds up a page, and is retried)."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string


def render_email(template_prefix: str, context: dict) -> tuple[str, str, str]:
    """(subject, text, html) from templates/emails/<prefix>_subject.txt, .txt and .html."""
    context = {
        "partnership_name": settings.PARTNERSHIP_NAME,
        "site_url": settings.SITE_URL,
        **context,
    }
    subject = render_to_string(f"emails/{template_prefix}_subject.txt", context).strip()
    text = render_to_string(f"emails/{template_prefix}.txt", context)
    html = render_to_string(f"emails/{template_prefix}.html", context)
    return " ".join(subject.split()), text, html


def email_payload(*, to: list[str], template_prefix: str, context: dict, cc: list[str] | None = None) -> dict:
    """A rendered email as plain data, ready to pass to a task."""
    subject, text, html = render_email(template_prefix, context)
    return {"subject": subject, "text": text, "html": html, "to": list(to), "cc": list(cc or [])}


def message_from_payload(payload: dict) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject=payload["subject"],
        body=payload["text"],
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=payload["to"],
        cc=payload.get("cc") or [],
    )
    message.attach_alternative(payload["html"], "text/html")
    return message


def build_email(*, to: list[str], template_prefix: str, context: dict, cc: list[str] | None = None):
    """A rendered email to send now (jobs that must know whether it went use this)."""
    return message_from_payload(email_payload(to=to, template_prefix=template_prefix, context=context, cc=cc))


def send_email_on_commit(
    *, to: list[str], template_prefix: str, context: dict, cc: list[str] | None = None
) -> None:
    """Queue the email once the surrounding transaction commits, so a rolled-back change
    emails nobody. Rendering happens now, while the data it describes is in hand."""
    from .tasks import send_email_task

    payload = email_payload(to=to, template_prefix=template_prefix, context=context, cc=cc)
    transaction.on_commit(lambda: send_email_task.delay(payload))
