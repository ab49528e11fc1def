from django.apps import AppConfig


class ReviewsConfig(AppConfig):
    name = "reviews"
    verbose_name = "Case reviews"

    def ready(self):
        # Its menu item, home parts, demo, reminders, retention and source visibility.
        from . import extensions

        extensions.register(self)
