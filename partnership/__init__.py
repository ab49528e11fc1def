"""The Django project package and the partnership's core app."""

from .celery import app as celery_app

__all__ = ["celery_app"]
