"""Build a deterministic large partnership for measuring speed (`make bench`).

At `--scale 1`: 60 agencies, 300 reviews, 2,000 action plans with 20,000 actions and 60,000
updates, 3 Section 11 rounds with a return from every agency, 5,000 training sessions with
100,000 places and their evaluations, and 40 dashboard indicators with their values. Each of our
apps offers a `scale.py` with `seed(rng, stdout, factor)`, registered as `extensions.SCALE_DATA`
and run in the order apps are installed (the core first), as `seed_demo` runs the demo data. The random choices come from
`random.Random(--seed)`, so two runs on the same day make the same partnership.

Rows are made with `bulk_create` in one transaction: no history rows (synthetic data, not a
record anyone changed) and no signals. Sources of learning get their `LearningSource` anchors
first (`partnership.scale.bulk_sources`).

Safety: never in production. On a database already seeded by this command it does nothing and
says so (so `make bench` may call it every time). On a database holding other data (any
agency) it refuses unless `--force`, which adds the scale partnership beside what is there.
"""

import random
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from partnership import extensions
from partnership.models import Agency
from partnership.scale import already_seeded
from partnership.settings.env import IS_PRODUCTION


class Command(BaseCommand):
    help = "Create a large synthetic partnership (deterministic) for performance measurement."

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=float, default=1.0, help="Multiply every count (0.01 for tests).")
        parser.add_argument("--seed", type=int, default=20261130, help="The random seed.")
        parser.add_argument(
            "--force", action="store_true", help="Seed even though the database holds other data."
        )

    def handle(self, *args, scale, seed, force, **options):
        if IS_PRODUCTION:
            raise CommandError("seed_scale makes thousands of synthetic records: never in production.")
        if scale <= 0:
            raise CommandError("--scale must be more than 0.")
        if already_seeded():
            self.stdout.write("The scale partnership is already seeded: nothing to do.")
            return
        if Agency.objects.exists() and not force:
            raise CommandError(
                "This database already holds a partnership. Use an empty database, or --force to add "
                "the scale data beside it."
            )
        rng = random.Random(seed)
        started = time.monotonic()
        with transaction.atomic():
            for seed_part in extensions.registered(extensions.SCALE_DATA):
                step = time.monotonic()
                seed_part(rng, self.stdout, factor=scale)
                self.stdout.write(f"    ({time.monotonic() - step:.1f} s)")
        self.stdout.write(
            self.style.SUCCESS(f"Scale partnership seeded in {time.monotonic() - started:.1f} s.")
        )
