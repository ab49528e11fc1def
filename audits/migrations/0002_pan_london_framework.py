"""Seed the Pan London Section 11 framework (see audits/frameworks.py)."""

from django.db import migrations


def add_framework(apps, schema_editor):
    from audits.frameworks import PAN_LONDON_NAME, PAN_LONDON_STANDARDS, RATING_SCALE

    Framework = apps.get_model("audits", "Framework")
    RatingLevel = apps.get_model("audits", "RatingLevel")
    Standard = apps.get_model("audits", "Standard")
    Requirement = apps.get_model("audits", "Requirement")
    framework, created = Framework.objects.get_or_create(
        name=PAN_LONDON_NAME,
        defaults={"description": "The eight Pan London Section 11 standards, completed every two years."},
    )
    if not created:
        return
    for score, label, description in RATING_SCALE:
        RatingLevel.objects.create(framework=framework, score=score, label=label, description=description)
    for number, (title, requirements) in enumerate(PAN_LONDON_STANDARDS, start=1):
        standard = Standard.objects.create(framework=framework, number=number, title=title)
        for order, (text, guidance) in enumerate(requirements, start=1):
            Requirement.objects.create(
                standard=standard, reference=f"{number}.{order}", text=text, guidance=guidance, order=order
            )


class Migration(migrations.Migration):
    dependencies = [("audits", "0001_initial")]

    operations = [migrations.RunPython(add_framework, migrations.RunPython.noop)]
