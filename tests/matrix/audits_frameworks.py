"""Matrix cases for self-assessment frameworks: everyone signed in reads them (agencies prepare
their evidence from the standards); only the business unit sets them up, changes and removes
their standards, requirements and rating levels (403 for everyone else). A part asked for under
another framework is a 404."""

from audits.frameworks import PAN_LONDON_NAME
from audits.models import Framework

from . import Case, only

BU = {"business_unit"}


def pan_london(w) -> Framework:
    return Framework.objects.get(name=PAN_LONDON_NAME)


def schools(w) -> Framework:
    """A second framework, with one standard, one requirement and a two-point scale."""
    framework = Framework.objects.create(name="Annual schools safeguarding audit", sectors=["education"])
    framework.rating_levels.create(label="Yes", score=1)
    framework.rating_levels.create(label="No", score=0)
    standard = framework.standards.create(number=1, title="Designated safeguarding lead")
    standard.requirements.create(reference="1.1", text="A trained DSL is in post.")
    return framework


def part(related: str):
    def args(w):
        framework = schools(w)
        if related == "requirements":
            return [framework.pk, framework.standards.get().requirements.get().pk]
        return [framework.pk, getattr(framework, related).first().pk]

    return args


def part_of_another(related: str):
    def args(w):
        pk = part(related)(w)[1]
        return [pan_london(w).pk, pk]

    return args


CASES = [
    Case("audits:framework-list"),
    Case("audits:framework-detail", args=lambda w: [pan_london(w).pk]),
    Case("audits:framework-create", expect=only(BU)),
    Case("audits:framework-edit", args=lambda w: [pan_london(w).pk], expect=only(BU)),
    Case("audits:standard-add", args=lambda w: [pan_london(w).pk], expect=only(BU)),
    Case("audits:requirement-add", args=part("standards"), expect=only(BU)),
    Case("audits:level-add", args=lambda w: [schools(w).pk], expect=only(BU)),
]
for _name, _related in (
    ("standard", "standards"),
    ("requirement", "requirements"),
    ("level", "rating_levels"),
):
    for _page in ("edit", "delete"):
        CASES += [
            Case(f"audits:{_name}-{_page}", args=part(_related), expect=only(BU)),
            Case(
                f"audits:{_name}-{_page}",
                args=part_of_another(_related),
                label="part of another framework",
                default=404,
            ),
        ]
