from django.apps import AppConfig


class AuditsConfig(AppConfig):
    name = "audits"

    def ready(self):
        # Its menu item, home parts and blocks, demo, reminders and source restrictions.
        from . import extensions

        extensions.register(self)
