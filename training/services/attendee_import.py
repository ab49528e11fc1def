"""Importing a session's attendees from a CSV or Excel (.xlsx) file: every row, or none.

The rule, as for the import of actions (partnership/services/action_import.py): the whole file
is checked before anything is saved, and every problem is reported with the line it is on (the
header being line 1, as a spreadsheet shows it) and a plain reason. Only a file with no problem
at all is imported, in one transaction, with the session row locked (as a booking locks it), so
an import and a booking never overfill the session between them.

The file is the session's list: every person in it holds a booked place afterwards. A person
is matched by email (whatever its case) with whoever is already on the list: their details are
updated from the file, and someone who had cancelled, was waiting or awaiting approval is booked.
So importing the same file twice adds nobody and changes nothing the second time. The Attended
column (yes, no or empty) records attendance, once the session has started; an empty cell
leaves what was recorded before.

Refused outright, before any row is read: a cancelled session, a file that is not CSV or .xlsx
(judged by its content), an empty file, one larger than MAX_UPLOAD_MB, a header without the
required columns (they are named), more than MAX_ROWS people; and, once the rows are checked, a
file that would give more people places than the session has.
"""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone

from partnership.models import Agency
from partnership.services import DomainError
from partnership.services.history import save_tracked
from partnership.spreadsheets import TableSpec, UnreadableFile, normalise, read_import

from ..models import HOLDS_PLACE, Attendee, AttendeeSource, AttendeeStatus, Session, SessionStatus
from .analysis import course_year, schedule_summary_refresh
from .programme import require_manager

MAX_ROWS = 500

NAME = "Name"
EMAIL = "Email"
AGENCY = "Agency"
JOB_ROLE = "Job role"
MANAGER_NAME = "Line manager name"
MANAGER_EMAIL = "Line manager email"
ATTENDED = "Attended"
COLUMNS = (NAME, EMAIL, AGENCY, JOB_ROLE, MANAGER_NAME, MANAGER_EMAIL, ATTENDED)
REQUIRED = (NAME, EMAIL, AGENCY)
COLUMN_HELP = (
    (NAME, True, "The person's full name."),
    (EMAIL, True, "Their work email. Someone already on the session's list is matched by it and updated."),
    (AGENCY, True, "The partner agency's name or short name, as in the template's second sheet."),
    (JOB_ROLE, False, "For example, Social worker or Health visitor."),
    (MANAGER_NAME, False, "Their line manager's name, for the three-month follow-up."),
    (MANAGER_EMAIL, False, "Their line manager's work email, for the three-month follow-up."),
    (ATTENDED, False, "Yes or No once the session has taken place. Leave empty before it, or if not known."),
)
ALIASES = {
    "full name": NAME,
    "email address": EMAIL,
    "organisation": AGENCY,
    "role": JOB_ROLE,
    "job title": JOB_ROLE,
    "line manager": MANAGER_NAME,
    "line manager's name": MANAGER_NAME,
    "manager name": MANAGER_NAME,
    "line manager's email": MANAGER_EMAIL,
    "manager email": MANAGER_EMAIL,
    "attendance": ATTENDED,
}
TABLE = TableSpec(
    columns=COLUMNS,
    aliases=ALIASES,
    required=REQUIRED,
    max_rows=MAX_ROWS,
    too_many=(
        f"The file has more than {MAX_ROWS} people. A session's list is shorter: check the file is the right one."
    ),
    no_rows="The file has no people under its column headings.",
)
YES = {"yes", "y", "true", "1", "attended"}
NO = {"no", "n", "false", "0", "did not attend", "no show", "no-show"}


class ImportRefused(DomainError):
    """Rows of the file have problems: `errors` lists each (line, reason); nothing was saved."""

    def __init__(self, errors: list[tuple[int, str]]):
        count = len(errors)
        super().__init__(
            f"No attendees were imported. The file has {count} problem{'s' if count != 1 else ''} "
            "to fix: correct the file and upload it again.",
            field="file",
        )
        self.errors = errors


@dataclass
class ImportResult:
    """What an import did: people added, people whose entry changed, and those already right."""

    added: list[Attendee] = field(default_factory=list)
    updated: list[Attendee] = field(default_factory=list)
    unchanged: int = 0

    @property
    def message(self) -> str:
        def people(n: int) -> str:
            return f"{n} {'person' if n == 1 else 'people'}"

        parts = [f"{people(len(self.added))} added", f"{people(len(self.updated))} updated"]
        if self.unchanged:
            parts.append(f"{people(self.unchanged)} already up to date")
        return "Attendees imported: " + ", ".join(parts)


@dataclass
class Row:
    """One checked row of the file."""

    line: int
    name: str
    email: str
    agency: Agency
    job_role: str
    manager_name: str
    manager_email: str
    attended: bool | None


def _text(value) -> str:
    """A cell as text: Excel numbers such as 3.0 become "3", and runs of spaces inside a name
    or an email become one (`spreadsheets.cell_text` only trims the ends)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return " ".join(str(value).split())


def _table(upload) -> tuple[list[str], list[tuple[int, list]]]:
    """(column of each cell position, [(line, cells)]) of the file's non-empty data rows."""
    try:
        return read_import(upload, TABLE)
    except UnreadableFile as exc:
        raise DomainError(exc.message, field="file") from exc


def agency_lookup() -> dict[str, Agency]:
    """Agencies by name and by short name, case-insensitively; active agencies win a tie."""
    agencies: dict[str, Agency] = {}
    for agency in Agency.objects.order_by("-active", "name"):
        agencies.setdefault(normalise(agency.name), agency)
        if agency.short_name:
            agencies.setdefault(normalise(agency.short_name), agency)
    return agencies


def _email(text: str, label: str, problems: list[str]) -> str:
    try:
        validate_email(text)
    except ValidationError:
        problems.append(f"{label} '{text}' is not a valid email address")
    return text.lower()


def _check_row(line: int, record: dict, agencies: dict, started: bool) -> tuple[Row | None, list[str]]:
    problems: list[str] = []
    name = _text(record.get(NAME))
    if not name:
        problems.append("Name is missing")
    elif len(name) > 200:
        problems.append("Name must be 200 characters or fewer")
    email = _text(record.get(EMAIL))
    if not email:
        problems.append("Email is missing")
    else:
        email = _email(email, "Email", problems)
    agency_text = _text(record.get(AGENCY))
    agency = agencies.get(normalise(agency_text)) if agency_text else None
    if not agency_text:
        problems.append("Agency is missing: enter the agency's name or short name")
    elif agency is None:
        problems.append(
            f"Agency '{agency_text}' is not one of the partnership's agencies: use its name or short "
            "name as listed in the template"
        )
    manager_email = _text(record.get(MANAGER_EMAIL))
    if manager_email:
        manager_email = _email(manager_email, "Line manager email", problems)
    attended_text = normalise(_text(record.get(ATTENDED)))
    attended = None
    if attended_text in YES:
        attended = True
    elif attended_text in NO:
        attended = False
    elif attended_text:
        problems.append(f"Attended '{_text(record.get(ATTENDED))}' must be Yes, No or empty")
    if attended is not None and not started:
        problems.append("Attended must be empty: the session has not started yet")
    for label, value in ((JOB_ROLE, record.get(JOB_ROLE)), (MANAGER_NAME, record.get(MANAGER_NAME))):
        if len(_text(value)) > 200:
            problems.append(f"{label} must be 200 characters or fewer")
    if problems:
        return None, problems
    row = Row(
        line=line,
        name=name,
        email=email,
        agency=agency,
        job_role=_text(record.get(JOB_ROLE)),
        manager_name=_text(record.get(MANAGER_NAME)),
        manager_email=manager_email,
        attended=attended,
    )
    return row, []


def parse_attendees_file(upload, session: Session) -> tuple[list[Row], list[tuple[int, str]]]:
    """Read and check every row of the file: (rows ready to save, [(line, reason)]).

    A row has as many errors as it has problems. A problem with the file as a whole (see the
    module docstring) raises DomainError instead.
    """
    columns, data = _table(upload)
    agencies = agency_lookup()
    started = session.starts_at <= timezone.now()
    rows, errors, seen = [], [], {}
    for line, cells in data:
        record = {}
        for column, cell in zip(columns, cells, strict=False):
            if column and column not in record:
                record[column] = cell
        row, problems = _check_row(line, record, agencies, started)
        if row is not None:
            if row.email in seen:
                problems.append(f"Email {row.email} is the same as on line {seen[row.email]}")
            else:
                seen[row.email] = line
        if problems:
            errors.extend((line, problem) for problem in problems)
        else:
            rows.append(row)
    return rows, errors


def _apply(attendee: Attendee, row: Row) -> bool:
    """Copy the row onto the attendee; whether anything changed."""
    values = {
        "name": row.name,
        "agency_id": row.agency.pk,
        "organisation": "",
        "job_role": row.job_role,
        "manager_name": row.manager_name,
        "manager_email": row.manager_email,
        "status": AttendeeStatus.BOOKED,
    }
    if row.attended is not None:
        values["attended"] = row.attended
    changed = False
    for name, value in values.items():
        if getattr(attendee, name) != value:
            setattr(attendee, name, value)
            changed = True
    return changed


def attendees_import(*, session: Session, upload, actor) -> ImportResult:
    """Import every row of the file onto the session's list, or none (see the module docstring).

    Raises DomainError for a problem with the file, the session or the person; ImportRefused
    (listing each row's problems) for problems in its rows. Returns what was done.
    """
    require_manager(actor)
    with transaction.atomic():
        session = Session.objects.select_for_update().get(pk=session.pk)
        if session.status == SessionStatus.CANCELLED:
            raise DomainError(
                "This session has been cancelled: nobody can be imported onto it.", field="file"
            )
        rows, errors = parse_attendees_file(upload, session)
        if errors:
            raise ImportRefused(errors)
        existing = {a.email: a for a in session.attendees.all()}
        in_file = {row.email for row in rows}
        others_holding = sum(
            1 for email, a in existing.items() if email not in in_file and a.status in HOLDS_PLACE
        )
        if others_holding + len(rows) > session.capacity:
            raise DomainError(
                f"No attendees were imported: with this file {others_holding + len(rows)} people would "
                f"hold places, but the session has {session.capacity}. Change the session to raise its "
                "capacity, then import the file again.",
                field="file",
            )
        result = ImportResult()
        for row in rows:
            attendee = existing.get(row.email)
            if attendee is None:
                attendee = Attendee(session=session, email=row.email, source=AttendeeSource.IMPORTED)
                _apply(attendee, row)
                result.added.append(_save(attendee, row, actor))
            elif _apply(attendee, row):
                result.updated.append(_save(attendee, row, actor))
            else:
                result.unchanged += 1
        if result.added or result.updated:
            schedule_summary_refresh(course_year(session.course_id))
    return result


def _save(attendee: Attendee, row: Row, actor) -> Attendee:
    try:
        return save_tracked(attendee, actor=actor, reason="Imported from a file")
    except DomainError as exc:  # a rule the checks above missed: still reported by line
        raise ImportRefused([(row.line, exc.message)]) from exc
