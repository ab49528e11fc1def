"""Reviews' part of `seed_scale` (see partnership/scale.py): 300 case reviews (scaled) of every
kind at every stage, opened over the last three years, each with an action plan.

Made with `bulk_create`, so without history rows: synthetic data for measuring speed only.
"""

from datetime import timedelta

from partnership.scale import Scale, add_plans, bulk_sources

from .models import Review, ReviewKind
from .stages import STAGES

KINDS = [ReviewKind.RAPID_REVIEW] * 5 + [
    ReviewKind.LCSPR,
    ReviewKind.LEARNING_REVIEW,
    ReviewKind.DHR,
    ReviewKind.AGENCY_REVIEW,
    ReviewKind.THEMATIC,
]


def seed(rng, stdout, factor: float = 1.0) -> None:
    s = Scale.load(factor)
    subgroup = s.subgroups["Practice Review"]
    reviews = []
    for i in range(1, s.n(300) + 1):
        kind = KINDS[i % len(KINDS)]
        opened = s.today - timedelta(days=rng.randint(0, 1100))
        stages = STAGES[kind]
        # Older reviews are further on; the most recent are still at the start.
        stage = stages[min(len(stages) - 1, (s.today - opened).days * len(stages) // 900)]
        reviews.append(
            Review(
                reference=f"SC-{kind[:5].upper()}-{i:04d}",
                title=f"Child S{i}",
                kind=kind,
                stage=stage,
                subgroup=subgroup,
                lead=rng.choice(s.business_unit),
                opened_on=opened,
                summary="A pseudonymised summary for scale testing.",
            )
        )
    bulk_sources(Review, reviews)
    add_plans(rng, s, [r.learning_source for r in reviews], subgroup)
    stdout.write(f"  reviews: {len(reviews)} reviews with action plans")
