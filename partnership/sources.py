"""Which sources of learning a person may see, with each source app adding its own rule.

Non-confidential sources are partnership learning, open to everyone signed in. Confidential ones
(case reviews) are open to the business unit, the partnership leads and the subgroup that
oversees them, plus whoever the source's own app says (a review's named panel): an app registers
an `extensions.SourceVisibility(kind, rule)` (`extensions.SOURCE_VISIBILITY`), so the core need
not import it.

Some sources are not confidential but belong to one agency (a single-agency audit names that
agency's own practice): their app registers an `extensions.SourceRestriction(name, rule)`
(`extensions.SOURCE_RESTRICTIONS`), where `rule(user)` returns a Q over LearningSource of such
sources the person may not read. They stay open to the
business unit, the partnership leads and the overseeing subgroup, like every source.
"""

from django.db.models import Q

from . import extensions, permissions


def visibility_q(user) -> Q | None:
    """A filter over LearningSource for `user`; None means everything."""
    if permissions.sees_everything(user):
        return None
    q = Q(confidential=False)
    for restriction in extensions.registered(extensions.SOURCE_RESTRICTIONS):
        q &= ~restriction.rule(user)
    subgroups = permissions.roles_of(user).subgroups
    if subgroups:
        q |= Q(subgroup_id__in=subgroups)
    for visibility in extensions.registered(extensions.SOURCE_VISIBILITY):
        q |= Q(kind=visibility.kind) & visibility.rule(user)
    return q
