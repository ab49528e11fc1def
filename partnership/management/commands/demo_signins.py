"""Print where the app is served and the demo sign-ins (used by `make run`)."""

from django.core.management.base import BaseCommand

from partnership.demo import DEMO_PASSWORD, DEMO_PEOPLE
from partnership.two_factor.demo import DEMO_TOTP_KEY_BASE32, demo_code, demo_codes_shown


class Command(BaseCommand):
    help = "Print the app's address and the demo sign-ins."

    def add_arguments(self, parser):
        parser.add_argument("--port", default="8000")

    def handle(self, *args, port, **options):
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS(f"The app is starting at http://127.0.0.1:{port}/"))
        self.stdout.write(f"Demo sign-ins (password for all: {DEMO_PASSWORD}):")
        for email, name, _job, _agency, role, scope in DEMO_PEOPLE:
            where = f" ({scope})" if scope else ""
            self.stdout.write(f"  {role.label + where:<44} {email:<42} {name}")
        self.stdout.write("  " + f"{'Django admin (superuser)':<44} admin@northbrook-scp.example")
        if demo_codes_shown():
            self.stdout.write(
                "Two-factor sign-in (business unit, partnership leads, case reviews, admin): the code page "
                "shows the current code.\n"
                f"  Or add the demo key {DEMO_TOTP_KEY_BASE32} to an authenticator app (now: {demo_code()})."
            )
        self.stdout.write("Emails are printed here by the worker. Press Ctrl-C to stop.\n")
