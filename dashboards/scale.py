"""Dashboards' part of `seed_scale` (see partnership/scale.py): 40 indicators (scaled) of the
partnership's dataset, each with five years of quarterly values beside England and statistical
neighbours, tagged with themes.

Made with `bulk_create`, so without history rows: synthetic data for measuring speed only.
"""

from decimal import Decimal

from partnership.scale import Scale

from .models import Indicator, IndicatorValue
from .models.dataset import Frequency, Unit
from .periods import quarters_ending

QUARTERS = 20


def seed(rng, stdout, factor: float = 1.0) -> None:
    s = Scale.load(factor)
    units = [Unit.RATE, Unit.PERCENTAGE, Unit.COUNT]
    indicators = Indicator.objects.bulk_create(
        Indicator(
            code=f"SC{i:03d}",
            title=f"Scale indicator {i}",
            description="Synthetic measure for performance testing.",
            source_agency=s.agencies[i % len(s.agencies)],
            unit=units[i % 3],
            higher_is_better=bool(i % 2),
            target=Decimal(rng.randint(10, 90)),
            frequency=Frequency.QUARTERLY,
        )
        for i in range(1, s.n(40) + 1)
    )
    Indicator.themes.through.objects.bulk_create(
        Indicator.themes.through(indicator_id=ind.pk, theme_id=rng.choice(s.themes).pk) for ind in indicators
    )
    quarters = quarters_ending(s.today, QUARTERS)
    values = IndicatorValue.objects.bulk_create(
        IndicatorValue(
            indicator=ind,
            period_start=q,
            value=Decimal(rng.randint(100, 9000)) / 100,
            national=Decimal(rng.randint(100, 9000)) / 100,
            statistical_neighbours=Decimal(rng.randint(100, 9000)) / 100,
        )
        for ind in indicators
        for q in quarters
    )
    stdout.write(f"  dashboards: {len(indicators)} indicators, {len(values)} values")
