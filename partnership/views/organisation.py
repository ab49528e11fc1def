"""Business-unit pages for the partnership's organisation and people."""

urlpatterns: list = []
