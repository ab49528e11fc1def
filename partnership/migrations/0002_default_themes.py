"""Seed the learning themes every partnership starts with (see partnership/themes.py)."""

from django.db import migrations


def add_themes(apps, schema_editor):
    from partnership.themes import DEFAULT_THEMES

    Theme = apps.get_model("partnership", "Theme")
    for name, description in DEFAULT_THEMES:
        Theme.objects.get_or_create(name=name, defaults={"description": description})


class Migration(migrations.Migration):
    dependencies = [("partnership", "0001_initial")]

    operations = [migrations.RunPython(add_themes, migrations.RunPython.noop)]
