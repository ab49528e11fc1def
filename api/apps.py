from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "api"
    verbose_name = "API"

    def ready(self):
        # Tells drf-spectacular how our token authentication appears in the OpenAPI schema.
        # The link to the person's API tokens on their account page.
        from . import (
            authentication,  # noqa: F401
            extensions,
        )

        extensions.register(self)
