"""factory_boy factories for the performance dataset."""

import datetime
from decimal import Decimal

import factory

from dashboards.models import DeepDive, Indicator, IndicatorValue


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Indicator
        skip_postgeneration_save = True

    code = factory.Sequence(lambda n: f"IND{n:03d}")
    title = factory.Sequence(lambda n: f"Indicator {n}")
    unit = Indicator.Unit.PERCENTAGE
    higher_is_better = True
    target = Decimal("80")
    frequency = Indicator.Frequency.QUARTERLY


class IndicatorValueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IndicatorValue

    indicator = factory.SubFactory(IndicatorFactory)
    period_start = datetime.date(2026, 4, 1)
    value = Decimal("75")


class DeepDiveFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DeepDive
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Deep dive {n}")
    date = datetime.date(2026, 9, 1)
