"""Saving tracked records with the acting person attributed in their history."""

from django.db import models


def save_tracked(instance: models.Model, *, actor, reason: str = "", **save_kwargs) -> models.Model:
    """Save `instance` so that its history row names `actor` (tasks and commands have no request)."""
    instance._history_user = actor
    if reason:
        instance._change_reason = reason
    instance.full_clean()
    instance.save(**save_kwargs)
    return instance


def delete_tracked(instance: models.Model, *, actor, reason: str = "") -> None:
    instance._history_user = actor
    if reason:
        instance._change_reason = reason
    instance.delete()
