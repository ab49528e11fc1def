"""Bulk import of a plan's actions from a CSV or Excel (.xlsx) file: every row, or none.

The rule: the whole file is checked before anything is saved, and every problem is reported
with the line it is on (as the person sees it in a spreadsheet, the header being line 1) and a
plain reason. Only a file with no problem at all is imported, in one transaction, each action
through `action_create` so that the same rules apply and its history names the person who
imported it. A row that repeats an action already in the plan (same recommendation and
description), or an earlier row of the same file, is refused, so importing a file twice does
not double the plan.

Refused outright, before any row is read: a file that is not CSV or .xlsx (judged by its
content), an empty file, a file larger than MAX_UPLOAD_MB, a header without the required
columns (they are named), and more than MAX_ROWS actions.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models.functions import Lower
from django.utils import timezone

from .. import permissions
from ..models import Action, ActionPlan, Agency, User
from ..spreadsheets import TableSpec, UnreadableFile, cell_date, cell_text, normalise, read_import
from . import DomainError
from .actions import action_create
from .guards import require_actor

MAX_ROWS = 1000

# The columns of the template, in order, and what each holds (shown on the import page).
RECOMMENDATION = "Recommendation"
DESCRIPTION = "Action"
SUCCESS = "How we will know it is done"
OWNER = "Owner agency"
LEAD_EMAIL = "Lead email"
LEAD_NAME = "Lead name"
START = "Start date"
DUE = "Due date"
COLUMNS = (RECOMMENDATION, DESCRIPTION, SUCCESS, OWNER, LEAD_EMAIL, LEAD_NAME, START, DUE)
REQUIRED = (RECOMMENDATION, DESCRIPTION, DUE)
COLUMN_HELP = (
    (RECOMMENDATION, True, "The reference of the recommendation the action answers, for example R1."),
    (DESCRIPTION, True, "What will be done: specific and achievable."),
    (SUCCESS, False, "The measurable change that shows it is done."),
    (OWNER, False, "The agency's name or short name. Leave empty for an action the partnership owns."),
    (LEAD_EMAIL, False, "The lead's email address. Someone who uses this service is matched by it."),
    (LEAD_NAME, False, "For a lead who does not use this service: their name (and their email if known)."),
    (START, False, "As dd/mm/yyyy. Leave empty to start today."),
    (DUE, True, "As dd/mm/yyyy, on or after the start date."),
)
# Other headings people are likely to use for the same columns.
ALIASES = {
    "recommendation reference": RECOMMENDATION,
    "recommendation ref": RECOMMENDATION,
    "description": DESCRIPTION,
    "action description": DESCRIPTION,
    "success measure": SUCCESS,
    "owner": OWNER,
    "agency": OWNER,
    "lead": LEAD_NAME,
}

TABLE = TableSpec(
    columns=COLUMNS,
    aliases=ALIASES,
    required=(*REQUIRED, (LEAD_EMAIL, LEAD_NAME)),
    max_rows=MAX_ROWS,
    too_many=(
        f"The file has more than {MAX_ROWS:,} actions. Split it into files of {MAX_ROWS:,} rows or fewer."
    ),
    no_rows="The file has no actions under its column headings.",
)


class ImportRefused(DomainError):
    """Rows of the file have problems: `errors` lists each (line, reason); nothing was saved."""

    def __init__(self, errors: list[tuple[int, str]]):
        count = len(errors)
        super().__init__(
            f"No actions were imported. The file has {count} problem{'s' if count != 1 else ''} "
            "to fix: correct the file and upload it again.",
            field="file",
        )
        self.errors = errors


@dataclass
class ImportRow:
    """One row of the file, checked and ready to save."""

    line: int
    action: Action


def _table(upload) -> tuple[list[str], list[tuple[int, list]]]:
    """(column of each cell position, [(line, cells)]) of the file's non-empty data rows."""
    try:
        return read_import(upload, TABLE)
    except UnreadableFile as exc:
        raise DomainError(exc.message, field="file") from exc


class _Lookups:
    """What rows are checked against, read once for the whole file."""

    def __init__(self, plan: ActionPlan, emails: set[str]):
        self.recommendations = {normalise(r.reference): r for r in plan.source.recommendations.all()}
        self.agencies = {}
        for agency in Agency.objects.filter(active=True):
            self.agencies.setdefault(normalise(agency.name), agency)
            if agency.short_name:
                self.agencies.setdefault(normalise(agency.short_name), agency)
        self.users = {
            user.email.casefold(): user
            for user in User.objects.annotate(email_lower=Lower("email")).filter(
                is_active=True, email_lower__in=emails
            )
        }
        self.existing = {
            (recommendation_id, normalise(description))
            for recommendation_id, description in plan.actions.values_list("recommendation_id", "description")
        }


def parse_actions_file(upload, plan: ActionPlan) -> tuple[list[ImportRow], list[tuple[int, str]]]:
    """Read and check every row of the file against the plan: (rows ready to save, errors).

    Errors are (line, reason) pairs, a row having as many as it has problems. A problem with
    the file as a whole (see the module docstring) raises DomainError instead.
    """
    columns, data = _table(upload)
    records = []
    for line, cells in data:
        record = {}
        for column, cell in zip(columns, cells, strict=False):
            if column and column not in record:
                record[column] = cell
        records.append((line, record))
    emails = {cell_text(record.get(LEAD_EMAIL)).casefold() for _line, record in records} - {""}
    lookups = _Lookups(plan, emails)
    rows, errors, seen = [], [], {}
    today = timezone.localdate()
    for line, record in records:
        action, problems = _check_row(record, plan, lookups, today)
        if action is not None:
            key = (action.recommendation_id, normalise(action.description))
            if key in lookups.existing:
                problems.append("This action is already in the plan")
            elif key in seen:
                problems.append(f"This action is the same as the one on line {seen[key]}")
            else:
                seen[key] = line
        if problems:
            errors.extend((line, problem) for problem in problems)
        else:
            rows.append(ImportRow(line, action))
    return rows, errors


def _check_row(record: dict, plan: ActionPlan, lookups: _Lookups, today) -> tuple[Action | None, list[str]]:
    problems: list[str] = []
    reference = cell_text(record.get(RECOMMENDATION))
    recommendation = lookups.recommendations.get(normalise(reference))
    if not reference:
        problems.append("Recommendation is missing")
    elif recommendation is None:
        problems.append(f"Recommendation '{reference}' is not one of this plan's recommendations")
    description = cell_text(record.get(DESCRIPTION))
    if not description:
        problems.append("Description is missing: say what will be done in the Action column")
    owner_text = cell_text(record.get(OWNER))
    owner = lookups.agencies.get(normalise(owner_text)) if owner_text else None
    if owner_text and owner is None:
        problems.append(f"Owner agency '{owner_text}' is not one of the partnership's agencies")
    email = cell_text(record.get(LEAD_EMAIL))
    name = cell_text(record.get(LEAD_NAME))
    lead_user = lookups.users.get(email.casefold()) if email else None
    if not email and not name:
        problems.append(
            "Lead is missing: enter the lead's email, or their name if they do not use this service"
        )
    elif email and lead_user is None and not name:
        problems.append(
            f"Lead email '{email}' is not a person who uses this service: add the lead's name too"
        )
    start = cell_date(record.get(START), "Start date", problems) if cell_text(record.get(START)) else today
    due = cell_date(record.get(DUE), "Due date", problems)
    if due is None and not cell_text(record.get(DUE)):
        problems.append("Due date is missing")
    if start and due and due < start:
        problems.append(f"Due date {due:%d/%m/%Y} is before the start date {start:%d/%m/%Y}")
    action = Action(
        plan=plan,
        recommendation=recommendation,
        description=description,
        success_measure=cell_text(record.get(SUCCESS)),
        owner_agency=owner,
        lead_user=lead_user,
        lead_name="" if lead_user else name,
        lead_email="" if lead_user else email,
        start_date=start or today,
        due_date=due or start or today,
    )
    labels = {"lead_name": LEAD_NAME, "lead_email": LEAD_EMAIL, "success_measure": SUCCESS}
    try:
        action.clean_fields(exclude=["plan", "recommendation", "description", "original_due_date"])
    except ValidationError as exc:
        for field_name, messages in exc.message_dict.items():
            label = labels.get(field_name, field_name.replace("_", " ").capitalize())
            problems.extend(f"{label}: {message}" for message in messages)
    return (action if recommendation is not None and description else None), problems


def actions_import(*, plan: ActionPlan, upload, actor) -> list[Action]:
    """Import every row of the file as an action of the plan, or none (see the module
    docstring). Raises DomainError for a problem with the file or the person, ImportRefused
    (listing each row's problems) for problems in its rows; returns the actions created."""
    require_actor(
        actor,
        permissions.can_edit_plan,
        "Only the business unit or the subgroup's chair can import actions.",
        plan,
    )
    with transaction.atomic():
        # One import into a plan at a time, so that two uploads of one file cannot both pass
        # the duplicate check.
        plan = ActionPlan.objects.select_for_update(of=("self",)).select_related("source").get(pk=plan.pk)
        rows, errors = parse_actions_file(upload, plan)
        if errors:
            raise ImportRefused(errors)
        created = []
        for row in rows:
            try:
                created.append(action_create(action=row.action, actor=actor))
            except (DomainError, ValidationError) as exc:  # a rule the checks above missed
                reason = exc.message if isinstance(exc, DomainError) else "; ".join(exc.messages)
                raise ImportRefused([(row.line, reason)]) from exc
    return created
