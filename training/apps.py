from django.apps import AppConfig


class TrainingConfig(AppConfig):
    name = "training"

    def ready(self):
        # Its menu item, home parts, demo, jobs and retention rules.
        from . import extensions

        extensions.register(self)
