"""Emails rendered from templates, with a plain-text and an HTML part, sent after commit."""

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


def build_email(*, to: list[str], template_prefix: str, context: dict, cc: list[str] | None = None):
    subject, text, html = render_email(template_prefix, context)
    message = EmailMultiAlternatives(
        subject=subject, body=text, from_email=settings.DEFAULT_FROM_EMAIL, to=to, cc=cc or []
    )
    message.attach_alternative(html, "text/html")
    return message


def send_email_on_commit(*, to: list[str], template_prefix: str, context: dict) -> None:
    """Send once the surrounding transaction commits, so a rolled-back change emails nobody."""
    message = build_email(to=to, template_prefix=template_prefix, context=context)
    transaction.on_commit(message.send)
