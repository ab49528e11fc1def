from django.apps import AppConfig


class DashboardsConfig(AppConfig):
    name = "dashboards"

    def ready(self):
        # Its menu items, demo and scale data.
        from . import extensions

        extensions.register(self)
