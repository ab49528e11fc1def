"""Audit pages: the audit programme, multi-agency and single-agency audits, and inspections.
The pages live in the `audit_pages` package; this module gathers their URLs for audits/urls.py."""

from .audit_pages import urlpatterns

__all__ = ["urlpatterns"]
