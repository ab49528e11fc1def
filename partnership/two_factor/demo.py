"""The demo's authenticator app: one published key, so people trying the demo can sign in.

`seed_demo` gives every demo person who must use two-factor sign-in an authenticator app with
this key, only where TWO_FACTOR_DEMO_DEVICES is on (development; `seed_demo` refuses to run in
production at all). There, the code page shows the current code for such an app, and
`manage.py demo_signins` prints the key for anyone who prefers to add it to a real app. In
production a device with this key is never accepted (see services.code_check).
"""

import time
from base64 import b32decode

from django.conf import settings
from django.db import transaction
from django_otp.oath import TOTP

# Published in the README and by `demo_signins`: never a secret.
DEMO_TOTP_KEY_BASE32 = "LEARNINGCYCLEDEMOKEYNORTHBROOKAB"
DEMO_TOTP_KEY = b32decode(DEMO_TOTP_KEY_BASE32).hex()


def is_demo_device(device) -> bool:
    return getattr(device, "key", None) == DEMO_TOTP_KEY


def demo_codes_shown() -> bool:
    """Whether the code page may show the demo's current code (development only)."""
    return bool(getattr(settings, "TWO_FACTOR_DEMO_DEVICES", False))


def demo_code(device=None) -> str:
    """The code an app with the demo key shows now (six digits)."""
    step = getattr(device, "step", 30)
    totp = TOTP(b32decode(DEMO_TOTP_KEY_BASE32), step=step, t0=getattr(device, "t0", 0), digits=6)
    totp.time = time.time()
    return f"{totp.token():06d}"


@transaction.atomic
def seed_demo_devices(stdout=None) -> int:
    """Give each active person who must use two-factor sign-in, and has no app yet, a demo app
    with the published key. Does nothing unless TWO_FACTOR_DEMO_DEVICES is on; running it again
    changes nothing. Returns how many apps it added."""
    if not demo_codes_shown():
        return 0
    from django.contrib.auth import get_user_model
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from .policy import two_factor_required
    from .services import APP_DEVICE_NAME

    added = 0
    for user in get_user_model().objects.filter(is_active=True).order_by("pk"):
        if TOTPDevice.objects.filter(user=user, confirmed=True).exists() or not two_factor_required(user):
            continue
        TOTPDevice.objects.create(user=user, name=APP_DEVICE_NAME, key=DEMO_TOTP_KEY, confirmed=True)
        added += 1
    if stdout and added:
        stdout.write(f"Demo two-factor: {added} people sign in with the demo authenticator key.")
    return added
