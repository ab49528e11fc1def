"""Emails rendered from templates, with a plain-text and an HTML part, sent after commit by a
Celery worker (so a slow or failing mail server never holds up a page, and is retried)."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template import Context
from django.template.loader import get_template, render_to_string


def render_email(template_prefix: str, context: dict) -> tuple[str, str, str]:
    """(subject, text, html) from templates/emails/<prefix>_subject.txt, .txt and .html."""
    context = _with_defaults(context)
    text = render_plain_text(f"emails/{template_prefix}.txt", context)
    html = render_to_string(f"emails/{template_prefix}.html", context)
    return render_subject(template_prefix, context), text, html


def render_subject(template_prefix: str, context: dict) -> str:
    """The subject alone, on one line (a dry run says what would be sent without building the
    rest, or the links the rest needs)."""
    subject = render_plain_text(f"emails/{template_prefix}_subject.txt", _with_defaults(context))
    return " ".join(subject.split())


def _with_defaults(context: dict) -> dict:
    return {"partnership_name": settings.PARTNERSHIP_NAME, "site_url": settings.SITE_URL, **context}


def render_plain_text(template_name: str, context: dict) -> str:
    """A subject or a text part: plain text, so rendered with autoescaping off (a course called
    "Safeguarding is everyone's responsibility" must not arrive as "everyone&#x27;s"). Only the
    HTML part is escaped; no template needs to remember `{% autoescape off %}`."""
    return get_template(template_name).template.render(Context(context, autoescape=False))


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
