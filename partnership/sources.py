"""Which sources of learning a person may see, with each source app adding its own rule.

Non-confidential sources are partnership learning, open to everyone signed in. Confidential ones
(case reviews) are open to the business unit, the partnership leads and the subgroup that
oversees them, plus whoever the source's own app says (a review's named panel): an app adds its
rule with `register_visibility(kind, rule)` from its AppConfig.ready(), so the core need not
import it.

Some sources are not confidential but belong to one agency (a single-agency audit names that
agency's own practice): their app registers `register_restriction(name, rule)`, where `rule(user)`
returns a Q over LearningSource of such sources the person may not read. They stay open to the
business unit, the partnership leads and the overseeing subgroup, like every source.
"""

from collections.abc import Callable

from django.db.models import Q

from . import permissions

_rules: dict[str, Callable] = {}
_restrictions: dict[str, Callable] = {}


def register_visibility(kind: str, rule: Callable) -> None:
    """`rule(user)` returns a Q over LearningSource for the confidential sources of `kind` the
    user may also see."""
    _rules[kind] = rule


def register_restriction(name: str, rule: Callable) -> None:
    """`rule(user)` returns a Q over LearningSource of the non-confidential sources the user may
    not read (an agency's own audit, for someone who does not lead that agency)."""
    _restrictions[name] = rule


def visibility_q(user) -> Q | None:
    """A filter over LearningSource for `user`; None means everything."""
    if permissions.sees_everything(user):
        return None
    q = Q(confidential=False)
    for rule in _restrictions.values():
        q &= ~rule(user)
    subgroups = permissions.roles_of(user).subgroups
    if subgroups:
        q |= Q(subgroup_id__in=subgroups)
    for kind, rule in _rules.items():
        q |= Q(kind=kind) & rule(user)
    return q
