"""Run every due reminder job of the project now: chasers, clock warnings, follow-ups."""

from datetime import date

from django.core.management.base import BaseCommand, CommandError

from partnership.services.reminders import RemindersIncomplete, run_reminders


class Command(BaseCommand):
    help = "Send every reminder that is due and not yet sent. Safe to run any number of times."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Print what would be sent; send nothing.")
        parser.add_argument(
            "--date", type=date.fromisoformat, help="Act as if today were this date (YYYY-MM-DD)."
        )

    def handle(self, *args, dry_run=False, date=None, **options):
        try:
            results = run_reminders(today=date, dry_run=dry_run)
            failed = None
        except RemindersIncomplete as exc:
            results, failed = exc.args[1], exc.args[0]
        for result in results:
            self.stdout.write(result.line())
        verb = "would send" if dry_run else "sent"
        count = sum(r.status in ("sent", "would send") for r in results)
        self.stdout.write(self.style.SUCCESS(f"{count} email(s) {verb}."))
        if failed:
            raise CommandError(f"{failed}. Run again later: nothing already sent will be sent twice.")
