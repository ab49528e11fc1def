"""Training courses, sessions and the programme year's figures (training/analysis)."""

from rest_framework import serializers

from training.analysis.figures import Figures
from training.models import Course, Level, Session


class CourseSerializer(serializers.ModelSerializer):
    programme_year = serializers.IntegerField(source="programme.year", read_only=True)
    provider_agency_name = serializers.CharField(
        source="provider_agency.name", default=None, read_only=True, allow_null=True
    )
    themes = serializers.SerializerMethodField()

    class Meta:
        model = Course
        fields = [
            "id", "programme_year", "title", "level", "format", "multi_agency", "provider",
            "provider_agency", "provider_agency_name", "provider_name", "themes", "bookable",
        ]  # fmt: skip
        read_only_fields = fields

    def get_themes(self, course) -> list[str]:
        return [t.name for t in course.themes.all()]


class SessionSerializer(serializers.ModelSerializer):
    course_title = serializers.CharField(source="course.title", read_only=True)
    level = serializers.IntegerField(source="course.level", read_only=True)
    programme_year = serializers.IntegerField(source="course.programme.year", read_only=True)
    places_taken = serializers.IntegerField(source="held", read_only=True)
    waiting = serializers.IntegerField(read_only=True)

    class Meta:
        model = Session
        fields = [
            "id", "course", "course_title", "level", "programme_year", "starts_at", "ends_at", "online",
            "venue", "capacity", "trainer", "status", "places_taken", "waiting",
        ]  # fmt: skip
        read_only_fields = fields


GROUPS = ("overall", "course", "level", "agency")


def _figures_fields() -> dict:
    fields = {}
    for name, annotation in Figures.__annotations__.items():
        if annotation in ("int", int):
            fields[name] = serializers.IntegerField()
    for name in Figures.DERIVED:
        fields[name] = serializers.FloatField(allow_null=True)
    return fields


FiguresRowSerializer = type(
    "TrainingFiguresRowSerializer",
    (serializers.Serializer,),
    {
        "__doc__": "One line of the training figures: the year overall, a course, a level or an "
        "agency (key null with group agency: people from other organisations). Rates are "
        "percentages; means are on the 1 to 5 scale; null means no data.",
        "year": serializers.IntegerField(),
        "group": serializers.ChoiceField(choices=GROUPS),
        "key": serializers.IntegerField(allow_null=True),
        "label": serializers.CharField(),
        "level": serializers.ChoiceField(choices=Level.choices, allow_null=True),
        **_figures_fields(),
    },
)
