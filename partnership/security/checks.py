"""System checks for the security settings, run by `manage.py check` (and so in CI).

Every retention rule must have a usable RETENTION entry (a period and an action the rule
supports), so that a typo in an environment variable stops the deployment instead of
leaving records kept for ever or removed too soon.
"""

from django.conf import settings
from django.core import checks


@checks.register(checks.Tags.compatibility)
def check_retention_settings(app_configs=None, **kwargs):
    from .retention import policy_problem, retention_rules

    rules = retention_rules()
    errors = [
        checks.Error(problem, id="partnership.E101") for rule in rules if (problem := policy_problem(rule))
    ]
    known = {rule.key for rule in rules}
    errors += [
        checks.Warning(
            f'RETENTION["{key}"] matches no retention rule of an installed app.',
            hint="Remove it, or install the app that keeps that kind of record.",
            id="partnership.W101",
        )
        for key in getattr(settings, "RETENTION", {})
        if key not in known
    ]
    return errors
