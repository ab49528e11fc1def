"""The Django admin for training: for superusers only (see partnership/admin.py), as a back door
for support. Daily work happens on the training pages, through the services."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    Attendee,
    Course,
    CoverageReturn,
    Evaluation,
    FollowUp,
    FormLink,
    ImpactAnalysis,
    LearningOutcome,
    Need,
    NeedsAssessment,
    OutcomeConfidence,
    Programme,
    Session,
)


@admin.register(Programme)
class ProgrammeAdmin(SimpleHistoryAdmin):
    list_display = ("year", "title", "subgroup")
    filter_horizontal = ("priorities",)


class LearningOutcomeInline(admin.TabularInline):
    model = LearningOutcome
    extra = 0


@admin.register(Course)
class CourseAdmin(SimpleHistoryAdmin):
    list_display = ("title", "programme", "level", "format", "provider", "bookable")
    list_filter = ("programme", "level", "format", "provider", "bookable")
    search_fields = ("title",)
    filter_horizontal = ("themes",)
    inlines = [LearningOutcomeInline]


@admin.register(LearningOutcome)
class LearningOutcomeAdmin(SimpleHistoryAdmin):
    list_display = ("course", "number", "text")
    search_fields = ("text", "course__title")


@admin.register(Session)
class SessionAdmin(SimpleHistoryAdmin):
    list_display = ("course", "starts_at", "capacity", "status")
    list_filter = ("status", "online")
    search_fields = ("course__title", "venue", "trainer")
    date_hierarchy = "starts_at"


@admin.register(Attendee)
class AttendeeAdmin(SimpleHistoryAdmin):
    list_display = ("name", "email", "session", "agency", "status", "attended", "source")
    list_filter = ("status", "attended", "source")
    search_fields = ("name", "email", "session__course__title")
    raw_id_fields = ("session",)


@admin.register(FormLink)
class FormLinkAdmin(admin.ModelAdmin):
    list_display = ("attendee", "purpose", "expires_at", "used_at")
    list_filter = ("purpose",)
    raw_id_fields = ("attendee",)
    readonly_fields = ("key",)


class OutcomeConfidenceInline(admin.TabularInline):
    model = OutcomeConfidence
    extra = 0


@admin.register(Evaluation)
class EvaluationAdmin(admin.ModelAdmin):
    list_display = ("attendee", "overall_rating", "submitted_at")
    raw_id_fields = ("attendee",)
    inlines = [OutcomeConfidenceInline]


@admin.register(FollowUp)
class FollowUpAdmin(SimpleHistoryAdmin):
    list_display = ("attendee", "respondent", "practice_changed", "submitted_at")
    list_filter = ("respondent", "practice_changed")
    raw_id_fields = ("attendee", "action", "finding")


@admin.register(NeedsAssessment)
class NeedsAssessmentAdmin(SimpleHistoryAdmin):
    list_display = ("year", "opens_on", "closes_on")


@admin.register(Need)
class NeedAdmin(SimpleHistoryAdmin):
    list_display = ("assessment", "agency", "need", "level", "priority")
    list_filter = ("assessment", "level", "priority")
    filter_horizontal = ("themes",)


@admin.register(CoverageReturn)
class CoverageReturnAdmin(SimpleHistoryAdmin):
    list_display = ("agency", "year", "level", "staff_in_scope", "staff_trained")
    list_filter = ("year", "level")


@admin.register(ImpactAnalysis)
class ImpactAnalysisAdmin(SimpleHistoryAdmin):
    list_display = ("title", "programme", "reported_on")
