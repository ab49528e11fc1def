"""The guards every service uses: one way to refuse, one meaning of "no actor", one way to
move a status along its transition table.

`actor=None` means the product itself acting (a scheduled job, a management command, the demo
data), never a person: views always pass `request.user`, which is a user even when signed out.
So `require_actor` lets `None` through and checks every person against the predicate.
"""

from collections.abc import Callable, Iterable, Mapping

from partnership.services import DomainError


def require(allowed: bool, message: str, *, field: str | None = None) -> None:
    """Refuse with `message` (written for the user) unless `allowed`."""
    if not allowed:
        raise DomainError(message, field=field)


def require_actor(actor, predicate: Callable[..., bool], message: str, *args) -> None:
    """Refuse a person for whom `predicate(actor, *args)` is false; the product (None) may act."""
    if actor is not None and not predicate(actor, *args):
        raise DomainError(message)


def check_transition(
    table: Mapping[str, Iterable[str]],
    current: str,
    new: str,
    *,
    message: str | Callable[[str, str], str] = "This change cannot be made now.",
) -> None:
    """Refuse a move from `current` to `new` that the transition table does not allow.

    `table` maps each status to the statuses it may move to (a status missing from the table
    is final). `message` is the user's explanation, or a function of (current, new) giving it.
    """
    if new not in table.get(current, ()):
        raise DomainError(message(current, new) if callable(message) else message)
