from django.apps import AppConfig


class GovernanceConfig(AppConfig):
    name = "governance"
    verbose_name = "Meetings"

    def ready(self):
        # Its menu item, home part, the action page's block, the next meeting date and demo data.
        from . import extensions

        extensions.register(self)
