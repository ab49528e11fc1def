"""Case reviews: summary fields and statutory clocks only.

Never the children's details: no pseudonym (the review's title), no summary, chronology,
rationale, terms of reference or any narrative; a review is known here by its reference.
"""

from rest_framework import serializers

from reviews.models import Decision, Review


class ClockSerializer(serializers.Serializer):
    key = serializers.CharField()
    name = serializers.CharField()
    start = serializers.DateField(allow_null=True)
    due = serializers.DateField(allow_null=True)
    done = serializers.DateField(allow_null=True)
    state = serializers.ChoiceField(choices=["not_started", "running", "overdue", "met", "missed"])
    met = serializers.BooleanField(
        allow_null=True, help_text="Whether it was done by its due date; null until done."
    )


class ReviewSerializer(serializers.ModelSerializer):
    subgroup_name = serializers.CharField(source="subgroup.name", read_only=True)
    decision = serializers.ChoiceField(
        choices=Decision.choices, allow_blank=True, read_only=True, help_text="Empty until decided."
    )
    clocks = ClockSerializer(many=True, read_only=True, source="clock_rows")

    class Meta:
        model = Review
        fields = [
            "id", "reference", "kind", "stage", "subgroup", "subgroup_name", "opened_on", "decision",
            "decided_on", "sent_to_panel_on", "final_report_on", "planned_publication_on",
            "published_on", "clocks",
        ]  # fmt: skip
        read_only_fields = fields


class ReviewClockSerializer(ClockSerializer):
    """One statutory clock of one review, as a flat row (the clock board)."""

    review = serializers.IntegerField()
    reference = serializers.CharField()
    kind = serializers.CharField()
    stage = serializers.CharField()
