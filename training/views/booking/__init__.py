"""Training views: booking (see its urls.py)."""

from .urls import urlpatterns

__all__ = ["urlpatterns"]
