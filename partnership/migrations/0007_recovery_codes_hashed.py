"""Recovery codes were stored as django-otp keeps them, in plain text; from now on only a keyed
digest of each is stored (partnership.two_factor.services.recovery_digest). Digests are exactly
16 characters of URL-safe base64; the old codes were 8 base32 characters, so each is replaced
by its digest and goes on working. Not reversible: the codes are not kept anywhere."""

from django.db import migrations


def hash_plain_codes(apps, schema_editor):
    from partnership.two_factor.services import recovery_digest

    StaticToken = apps.get_model("otp_static", "StaticToken")
    for token in StaticToken.objects.exclude(token__regex=r"^[A-Za-z0-9_-]{16}$"):
        token.token = recovery_digest(token.token)
        token.save(update_fields=["token"])


class Migration(migrations.Migration):
    dependencies = [
        ("partnership", "0006_action_home_indexes"),
        ("otp_static", "0003_add_timestamps"),
    ]

    operations = [migrations.RunPython(hash_plain_codes, migrations.RunPython.noop)]
