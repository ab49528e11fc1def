from django.apps import AppConfig


class PartnershipConfig(AppConfig):
    name = "partnership"
    verbose_name = "Partnership"

    def ready(self):
        # The security log's signal receivers (sign-ins, failures, lockouts) and the check
        # that every retention rule has a valid RETENTION setting.
        from .security import checks, signals  # noqa: F401
