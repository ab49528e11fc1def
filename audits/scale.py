"""Audits' part of `seed_scale` (see partnership/scale.py): three Section 11 rounds on the Pan
London framework with a return from every agency, each answering every requirement; and 1,197
single-agency audits (scaled), so that with the other apps' sources the partnership has 2,000
action plans.

Made with `bulk_create`, so without history rows: synthetic data for measuring speed only.
"""

from datetime import timedelta
from importlib import import_module
from itertools import pairwise

from django.apps import apps
from django.utils import timezone

from partnership.scale import Scale, add_plans, bulk_sources

from .frameworks import PAN_LONDON_NAME
from .models import (
    Answer,
    Framework,
    Requirement,
    Return,
    ReturnStatus,
    Round,
    RoundStatus,
    SingleAgencyAudit,
)


def seed(rng, stdout, factor: float = 1.0) -> None:
    s = Scale.load(factor)
    subgroup = s.subgroups["Quality Assurance"]
    if not Framework.objects.filter(name=PAN_LONDON_NAME).exists():
        # Made by a data migration; made again the same way if it was removed (or flushed).
        import_module("audits.migrations.0002_pan_london_framework").add_framework(apps, None)
    framework = Framework.objects.get(name=PAN_LONDON_NAME)
    levels = list(framework.rating_levels.all())
    requirements = list(Requirement.objects.filter(standard__framework=framework))
    rounds = []
    for back, status in ((4, RoundStatus.REPORTED), (2, RoundStatus.REPORTED), (0, RoundStatus.OPEN)):
        opens = s.today - timedelta(days=365 * back + 60)
        rounds.append(
            Round(
                title=f"Scale Section 11 {s.today.year - back}",
                framework=framework,
                year=s.today.year - back,
                opens_on=opens,
                due_on=opens + timedelta(days=120),
                status=status,
                subgroup=subgroup,
                overview_reported_on=opens + timedelta(days=200) if status == RoundStatus.REPORTED else None,
            )
        )
    bulk_sources(Round, rounds)
    # Each round follows the one before, as `round_create` links them: the overview shows the
    # change since the last round.
    for earlier, later in pairwise(rounds):
        later.previous_round = earlier
    Round.objects.bulk_update(rounds[1:], ["previous_round"])
    now = timezone.now()
    returns = Return.objects.bulk_create(
        Return(
            round=r,
            agency=a,
            status=(
                ReturnStatus.ACCEPTED
                if r.status == RoundStatus.REPORTED
                else rng.choice([ReturnStatus.DRAFT, ReturnStatus.SUBMITTED, ReturnStatus.NOT_STARTED])
            ),
            submitted_at=now if r.status == RoundStatus.REPORTED else None,
            submitted_by=s.leads[a.pk] if r.status == RoundStatus.REPORTED else None,
            accepted_at=now if r.status == RoundStatus.REPORTED else None,
        )
        for r in rounds
        for a in s.agencies
    )
    Answer.objects.bulk_create(
        (
            Answer(
                agency_return=ret,
                requirement=req,
                rating=rng.choice(levels),
                evidence="Policy, audit results and training figures.",
            )
            for ret in returns
            if ret.status != ReturnStatus.NOT_STARTED
            for req in requirements
        ),
        batch_size=5000,
    )
    audits = [
        SingleAgencyAudit(
            agency=(agency := rng.choice(s.agencies)),
            title=f"Scale single-agency audit {i}",
            scope="Case files of children on plans.",
            summary="Most files showed good practice; recording of the child's voice varied.",
            reported_on=s.today - timedelta(days=rng.randint(30, 1100)),
            reported_by=s.leads[agency.pk],
            subgroup=subgroup,
        )
        for i in range(1, s.n(1197) + 1)
    ]
    bulk_sources(SingleAgencyAudit, audits)
    add_plans(rng, s, [r.learning_source for r in rounds] + [a.learning_source for a in audits], subgroup)
    stdout.write(f"  audits: {len(rounds)} Section 11 rounds, {len(returns)} returns, {len(audits)} audits")
