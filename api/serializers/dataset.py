"""The performance dataset: indicators and their values (the values may be written)."""

from rest_framework import serializers

from dashboards.models import Indicator, IndicatorValue
from dashboards.rag import DatasetRag


class IndicatorSerializer(serializers.ModelSerializer):
    source_agency_name = serializers.CharField(
        source="source_agency.name", default=None, read_only=True, allow_null=True
    )
    themes = serializers.SerializerMethodField()

    class Meta:
        model = Indicator
        fields = [
            "id", "code", "title", "description", "source_agency", "source_agency_name", "unit",
            "higher_is_better", "target", "frequency", "themes", "active",
        ]  # fmt: skip
        read_only_fields = fields

    def get_themes(self, indicator) -> list[str]:
        return [t.name for t in indicator.themes.all()]


class IndicatorValueSerializer(serializers.ModelSerializer):
    """An indicator's value for one period. Written by the business unit only; the rules are the
    dataset's own (one value a period, the period's first day, a percentage at most 100)."""

    indicator = serializers.PrimaryKeyRelatedField(queryset=Indicator.objects.none())
    indicator_code = serializers.CharField(source="indicator.code", read_only=True)
    period_label = serializers.CharField(read_only=True)
    rag = serializers.ChoiceField(choices=DatasetRag.choices, read_only=True)

    class Meta:
        model = IndicatorValue
        fields = [
            "id", "indicator", "indicator_code", "period_start", "period_label", "value", "national",
            "statistical_neighbours", "note", "rag", "updated_at",
        ]  # fmt: skip
        read_only_fields = ["id", "indicator_code", "period_label", "rag", "updated_at"]
        # One value a period is checked by the dataset's service, in its own words.
        validators = []
        # The database refuses negative figures; saying so here names the field.
        extra_kwargs = {name: {"min_value": 0} for name in ("value", "national", "statistical_neighbours")}

    def __init__(self, *args, indicators=None, **kwargs):
        super().__init__(*args, **kwargs)
        if indicators is not None:
            self.fields["indicator"].queryset = indicators
        if self.instance is not None and not isinstance(self.instance, list | tuple):
            self.fields["indicator"].read_only = True
