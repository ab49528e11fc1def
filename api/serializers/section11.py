"""Section 11 rounds, agencies' returns, and each return's rating per standard."""

from rest_framework import serializers

from audits.models import Return, ReturnStatus, Round


class RoundSerializer(serializers.ModelSerializer):
    framework_name = serializers.CharField(source="framework.name", read_only=True)
    subgroup_name = serializers.CharField(
        source="subgroup.name", default=None, read_only=True, allow_null=True
    )

    class Meta:
        model = Round
        fields = [
            "id", "title", "year", "status", "opens_on", "due_on", "framework", "framework_name",
            "subgroup", "subgroup_name", "previous_round",
        ]  # fmt: skip
        read_only_fields = fields


class ReturnSerializer(serializers.ModelSerializer):
    round_title = serializers.CharField(source="round.title", read_only=True)
    agency_name = serializers.CharField(source="agency.name", read_only=True)

    class Meta:
        model = Return
        fields = [
            "id",
            "round",
            "round_title",
            "agency",
            "agency_name",
            "status",
            "submitted_at",
            "accepted_at",
        ]
        read_only_fields = fields


class StandardRatingSerializer(serializers.Serializer):
    """One agency's rating of one standard in one round: its own (the lowest it gave any
    requirement of the standard), the panel's moderated rating, and the rating that counts
    (moderated where there is one, as on the round's overview)."""

    return_id = serializers.IntegerField()
    round = serializers.IntegerField()
    round_title = serializers.CharField()
    agency = serializers.IntegerField()
    agency_name = serializers.CharField()
    return_status = serializers.ChoiceField(choices=ReturnStatus.choices)
    standard = serializers.IntegerField()
    standard_number = serializers.IntegerField()
    standard_title = serializers.CharField()
    self_rating = serializers.CharField(allow_null=True)
    self_score = serializers.IntegerField(allow_null=True)
    moderated_rating = serializers.CharField(allow_null=True)
    moderated_score = serializers.IntegerField(allow_null=True)
    rating = serializers.CharField(allow_null=True)
    score = serializers.IntegerField(allow_null=True)
