from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "api"
    verbose_name = "API"

    def ready(self):
        # Tells drf-spectacular how our token authentication appears in the OpenAPI schema.
        from . import authentication  # noqa: F401
