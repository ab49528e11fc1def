"""Build the fictional demo partnership. Running it again changes nothing."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from partnership import extensions
from partnership.settings.env import IS_PRODUCTION


class Command(BaseCommand):
    help = "Create the demo partnership (agencies, subgroups, priorities, one person per role)."

    def handle(self, *args, **options):
        if IS_PRODUCTION:
            raise CommandError("seed_demo makes demo accounts with a published password: not in production.")
        # Every app's steps (`extensions.DEMO_DATA`) by stage, then in the order settings list
        # the apps: the core's partnership first, then the sources of learning, the dashboards,
        # the briefings linking their findings, and the demo authenticators last.
        steps = extensions.registered(extensions.DEMO_DATA)
        for step in sorted(steps, key=lambda step: step.stage):
            step.seed(stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS(f"{settings.PARTNERSHIP_NAME} demo data is ready."))
