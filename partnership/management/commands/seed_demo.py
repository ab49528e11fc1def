"""Build the fictional demo partnership. Running it again changes nothing."""

from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from partnership.settings.env import IS_PRODUCTION

OUR_APPS = ("partnership", "reviews", "audits", "training", "dashboards")


class Command(BaseCommand):
    help = "Create the demo partnership (agencies, subgroups, priorities, one person per role)."

    def handle(self, *args, **options):
        if IS_PRODUCTION:
            raise CommandError("seed_demo makes demo accounts with a published password: not in production.")
        # The core first, then each app's own demo.py, in the order settings list them.
        for app_config in apps.get_app_configs():
            if app_config.name not in OUR_APPS or find_spec(f"{app_config.name}.demo") is None:
                continue
            import_module(f"{app_config.name}.demo").seed(stdout=self.stdout)
        # Then the learning briefings, which link the findings the apps' demos made.
        from partnership.demo_briefings import seed_briefings

        seed_briefings(stdout=self.stdout)
        # Last, once every app has made its people: demo authenticator apps for those who need one.
        from partnership.two_factor.demo import seed_demo_devices

        seed_demo_devices(stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS(f"{settings.PARTNERSHIP_NAME} demo data is ready."))
