"""`python manage.py annual_report --year 2025 --output report.pdf`: the annual report PDF,
produced at once from the command line, exactly as the "Produce the report" button produces it
(the same figures, narratives and renderer), read as a business unit member."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from dashboards import periods
from dashboards.report.services import FIRST_YEAR, LAST_YEAR, annual_report_pdf
from partnership.models import Role, User


class Command(BaseCommand):
    help = "Write a reporting year's annual report as a PDF (2025 is April 2025 to March 2026)."

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, required=True, help="The year the reporting year starts in.")
        parser.add_argument("--output", required=True, help="Where to write the PDF.")
        parser.add_argument(
            "--as",
            dest="email",
            default="",
            help="The business unit member to read the data as (default: the first).",
        )

    def handle(self, *args, year, output, email, **options):
        if not FIRST_YEAR <= year <= LAST_YEAR:
            raise CommandError(f"--year must be between {FIRST_YEAR} and {LAST_YEAR}.")
        people = User.objects.filter(is_active=True, role_assignments__role=Role.BUSINESS_UNIT).order_by("pk")
        if email:
            people = people.filter(email__iexact=email)
        actor = people.first()
        if actor is None:
            raise CommandError(
                "No active business unit member"
                + (f" with the email {email}." if email else ": add one first.")
            )

        def progress(percent, step):
            if options["verbosity"] > 1:
                self.stdout.write(f"{percent:3d}% {step}")

        pdf, pages = annual_report_pdf(year=year, actor=actor, progress=progress)
        Path(output).write_bytes(pdf)
        self.stdout.write(
            self.style.SUCCESS(
                f"Annual report {periods.year_label(year)}: {pages} pages, {len(pdf):,} bytes, written to {output}"
            )
        )
