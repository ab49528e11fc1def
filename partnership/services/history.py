"""Saving tracked records with the acting person attributed in their history."""

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models

from . import DomainError


def save_tracked(instance: models.Model, *, actor, reason: str = "", **save_kwargs) -> models.Model:
    """Validate and save `instance` so that its history row names `actor` (tasks and commands
    have no request). A model validation error becomes a DomainError on the field concerned."""
    instance._history_user = actor
    if reason:
        instance._change_reason = reason
    try:
        instance.full_clean()
    except ValidationError as exc:
        if hasattr(exc, "error_dict"):
            field, errors = next(iter(exc.message_dict.items()))
            raise DomainError(errors[0], field=None if field == NON_FIELD_ERRORS else field) from exc
        raise DomainError(exc.messages[0]) from exc
    instance.save(**save_kwargs)
    return instance


def delete_tracked(instance: models.Model, *, actor, reason: str = "") -> None:
    instance._history_user = actor
    if reason:
        instance._change_reason = reason
    instance.delete()
