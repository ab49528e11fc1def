"""Delete or anonymise every record whose retention period has ended (settings.RETENTION).

Safe to run any number of times: a second run finds nothing left to do. Celery beat runs the
same every night (`apply_retention_task`, 02:30); `--dry-run` lists what is due and changes nothing.
"""

from django.core.management.base import BaseCommand

from partnership.security.retention import apply_retention


class Command(BaseCommand):
    help = (
        "Delete or anonymise the records whose retention period has ended, and log it in the "
        "security log. With --dry-run, list what is due and change nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="List what is due (kind, count, oldest, action); change nothing.",
        )

    def handle(self, *args, dry_run=False, **options):
        results = apply_retention(dry_run=dry_run)
        for due in results:
            self.stdout.write(due.line())
        if dry_run:
            total = sum(d.count for d in results)
            self.stdout.write(self.style.SUCCESS(f"Dry run: {total} record(s) due; nothing was changed."))
        else:
            total = sum(d.done or 0 for d in results)
            self.stdout.write(self.style.SUCCESS(f"{total} record(s) deleted or anonymised."))
