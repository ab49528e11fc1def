"""The partnership's security measures that cut across every app.

- `events.py`: the security log (`record_event(kind, *, request=None, user=None, detail="",
  actor=None, email="")`), `signals.py` for sign-ins, failures and lockouts, `middleware.py`
  for refusals, downloads and `Cache-Control: no-store`; `views.py` the business unit's page.
- `retention.py` and `retention_rules.py`: how long records are kept (settings.RETENTION) and
  the `apply_retention` command's work; apps add rules in their own `retention.py`.
- `dependency_audit.py`: `make audit`, the check of our pinned dependencies against the
  PyPI advisory database.
The Content-Security-Policy comes from django-csp (settings.CONTENT_SECURITY_POLICY).
"""
