"""Action plans, actions (with their RAG) and progress updates."""

from rest_framework import serializers

from partnership.models import Action, ActionPlan, ActionUpdate, Rag
from partnership.services.actions import UPDATE_STATUSES


class ActionPlanSerializer(serializers.ModelSerializer):
    """A plan with the counts of the actions the person may see (an agency lead: their own)."""

    source_kind = serializers.CharField(source="source.kind", read_only=True)
    subgroup_name = serializers.CharField(source="subgroup.name", read_only=True)
    actions_total = serializers.IntegerField(read_only=True)
    actions_complete = serializers.IntegerField(read_only=True)
    actions_closed = serializers.IntegerField(read_only=True)
    actions_overdue = serializers.IntegerField(read_only=True)

    class Meta:
        model = ActionPlan
        fields = [
            "id", "title", "source_kind", "subgroup", "subgroup_name", "start_date",
            "actions_total", "actions_complete", "actions_closed", "actions_overdue",
        ]  # fmt: skip
        read_only_fields = fields


class ActionSerializer(serializers.ModelSerializer):
    """An action with its RAG, worked out by the one rule every page uses."""

    plan_title = serializers.CharField(source="plan.title", read_only=True)
    subgroup = serializers.IntegerField(source="plan.subgroup_id", read_only=True)
    subgroup_name = serializers.CharField(source="plan.subgroup.name", read_only=True)
    source_kind = serializers.CharField(source="plan.source.kind", read_only=True)
    recommendation_reference = serializers.CharField(source="recommendation.reference", read_only=True)
    owner_agency_name = serializers.CharField(
        source="owner_agency.name", default=None, read_only=True, allow_null=True
    )
    lead = serializers.CharField(source="lead_display", read_only=True)
    rag = serializers.ChoiceField(choices=Rag.choices, read_only=True)
    last_update_on = serializers.DateField(read_only=True, allow_null=True)

    class Meta:
        model = Action
        fields = [
            "id", "plan", "plan_title", "subgroup", "subgroup_name", "source_kind", "recommendation",
            "recommendation_reference", "description", "success_measure", "owner_agency",
            "owner_agency_name", "lead", "start_date", "due_date", "original_due_date", "status", "rag",
            "last_update_on", "closed_on", "impact",
        ]  # fmt: skip
        read_only_fields = fields


class ActionUpdateSerializer(serializers.ModelSerializer):
    """A progress update. Posting one records progress as of `date` (today when left out) and may
    move the status to on track or off track; completing and cancelling stay on the pages."""

    author_name = serializers.CharField(source="author.full_name", read_only=True)
    date = serializers.DateField(required=False, help_text="The day of the progress; today if left out.")
    new_status = serializers.ChoiceField(
        choices=[("", "No change"), *[(s.value, s.label) for s in UPDATE_STATUSES]],
        required=False,
        allow_blank=True,
        default="",
    )

    class Meta:
        model = ActionUpdate
        fields = ["id", "action", "date", "text", "new_status", "author", "author_name", "created_at"]
        read_only_fields = ["id", "action", "author", "author_name", "created_at"]
