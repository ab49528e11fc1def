"""Writes to the partnership core. Each service enforces one rule and records who acted."""


class DomainError(Exception):
    """A rule of the partnership's world was broken; `message` is written for the user."""

    def __init__(self, message: str, *, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field
