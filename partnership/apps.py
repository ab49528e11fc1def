from django.apps import AppConfig


class PartnershipConfig(AppConfig):
    name = "partnership"
    verbose_name = "Partnership"

    def ready(self):
        # The security log's signal receivers (sign-ins, failures, lockouts) and the check
        # that every retention rule has a valid RETENTION setting.
        from django.db.backends.signals import connection_created

        from . import fragments
        from .security import checks, signals  # noqa: F401

        # Every write moves the cached fragments' data version on (partnership/fragments.py).
        connection_created.connect(fragments.watch_writes, dispatch_uid="fragments-watch-writes")
        self.register_extensions()

    def register_extensions(self) -> None:
        """The core's own parts of its extension points (partnership/extensions.py), first of
        all apps: its home parts, demo and scale data, chasers and retention rules."""
        from . import (
            demo,
            demo_briefings,
            demo_dissemination,
            demo_outcomes,
            demo_priorities,
            demo_signoff,
            home,
            priorities,
            reminders,
            scale,
        )
        from . import extensions as ext
        from .security.retention_rules import RULES
        from .two_factor.demo import seed_demo_devices

        ext.register(self, ext.HOME_PARTS, home.home_parts)
        ext.register(
            self,
            ext.DEMO_DATA,
            ext.DemoData("the partnership", demo.seed, ext.DEMO_CORE),
            # The learning briefings link the findings the apps' demos made.
            ext.DemoData("learning briefings", demo_briefings.seed_briefings, ext.DEMO_LINKS),
            # Their dissemination: a plan, the agencies' cascades (some confirmed), feedback.
            ext.DemoData("dissemination", demo_dissemination.seed_dissemination, ext.DEMO_LINKS),
            # Intended outcomes and their checks (an indicator outcome reads the dataset), before
            # the priorities, which link the findings they open.
            ext.DemoData("intended outcomes", demo_outcomes.seed_outcomes, ext.DEMO_LINKS),
            # The demo year's priorities: their plans, what serves them, the business plan and
            # progress, once every source and briefing exists.
            ext.DemoData("priorities", demo_priorities.seed_priorities, ext.DEMO_LINKS),
            # Once every source's plan has its actions: a few reported done, awaiting sign-off.
            ext.DemoData("sign-off", demo_signoff.seed_signoff, ext.DEMO_LAST),
            # Once every app has made its people: demo authenticator apps for those who need one.
            ext.DemoData("two-factor devices", seed_demo_devices, ext.DEMO_LAST),
        )
        ext.register(self, ext.SCALE_DATA, scale.seed)
        ext.register(self, ext.REMINDER_JOBS, *reminders.JOBS)
        ext.register(self, ext.RETENTION_RULES, *RULES)
        ext.register(self, ext.PRIORITY_PARTS, priorities.core_priority_parts)
