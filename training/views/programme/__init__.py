"""Training views: programme (see its urls.py)."""

from .urls import urlpatterns

__all__ = ["urlpatterns"]
