"""Matrix cases for the core pages: home, health check, accessibility statement, admin."""

from . import Case, only

CASES = [
    Case("partnership:home"),
    Case("healthz", public=True, expect={"anonymous": 200}),
    Case("partnership:accessibility", public=True),
    # The Django admin is for superusers only; everyone else is sent to its sign-in page.
    Case("admin:index", default=302, expect=only({"superuser"}, status_else=302), login_url="admin:login"),
]
