"""The core's extension points: everything an app above the core may add, and the one lookup.

The core never names the apps built on it (not even as a string). Where a page or a command of
the core needs each app's part (the menu, the home page, `seed_demo`, `seed_scale`,
`send_reminders`, `apply_retention`, who may see which source of learning, who must use
two-factor sign-in), the core declares an extension point here; each app registers what it
offers, from its `<app>/extensions.py`, which its `AppConfig.ready()` loads:

    # audits/extensions.py
    from partnership import extensions as ext

    def register(app) -> None:
        ext.register(app, ext.HOME_PARTS, home.home_parts)
        ext.register(app, ext.REMINDER_JOBS, *reminders.JOBS)

`registered(point)` is the one lookup: every value registered for the point, in the order the
apps are installed (INSTALLED_APPS: the core first, then the sources of learning, then the
dashboards), and within an app in the order it registered them. An app that is not installed
registers nothing, so nothing of it is shown or run.

The points, and what a value of each is (see each constant for the details):

- HOME_PARTS: `home_parts(user, *, today) -> list[HomePart]` (partnership.home).
- HOME_BLOCKS: `PageBlock`, a template the home page includes at one place, with its context.
- ACCOUNT_BLOCKS: `PageBlock`, a template the person's account page includes.
- MENU_SECTIONS: `MenuSection`, a header item of the service navigation.
- MENU_ENTRIES: `MenuEntry`, one list a section leads to, with who may use it.
- DEMO_DATA: `DemoData`, one step of `seed_demo`, with its stage.
- SCALE_DATA: `seed(rng, stdout, factor) -> None`, one app's part of `seed_scale`.
- REMINDER_JOBS: `job(*, today, dry_run) -> list[Sent]` (partnership.services.reminders).
- RETENTION_RULES: `RetentionRule` (partnership.security.retention).
- SOURCE_VISIBILITY: `SourceVisibility`, who else may see a kind of confidential source.
- SOURCE_RESTRICTIONS: `SourceRestriction`, which open sources a person may not read.
- TWO_FACTOR_REQUIREMENTS: `TwoFactorRequirement`, who else must use two-factor sign-in.
- NEXT_MEETING: `next_meeting(subgroup, *, today) -> date | None`, a subgroup's next meeting.
- ACTION_BLOCKS: `ActionBlock`, a template an action's page includes (where it was agreed).
- PRIORITY_PARTS: `priority_parts(priority, user, *, today) -> list[PriorityPart]`
  (partnership.priorities), what of an app serves a priority, on the priority's page.
- OUTCOME_INDICATORS: `OutcomeIndicators`, the indicators an intended outcome may be measured
  on, and an indicator's value on a date (the "did it stick?" check).
- FINDING_PARTS: `finding_parts(user, findings, *, today) -> {finding id: FindingPart}`, what
  of an app answers each finding (training's courses), under the finding in the learning panel.
- ANNUAL_REPORT_PARTS: `AnnualReportPart`, an app's figures for a named section of the
  annual report (the meetings and attendance in the governance section).
- BOARD_CLOCKS: `clocks(user, *, today) -> list[BoardClock]`, statutory clocks other than a
  case review's, for the clock board (the annual report's submission to the Panel).
- OUTCOME_EVIDENCE: `evidence(outcome, user) -> OutcomeEvidence | None`, what an app holds that
  answers an intended outcome (a re-audit's before and after), for its "did it stick?" check.
- SELF_KEYED_MODELS: a model class whose writes move no cached fragment on, as the fragments
  showing it key on it themselves (training's stored analysis figures).

This module imports nothing of the core's models or pages, so any module may import it.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.apps import AppConfig, apps


@dataclass(frozen=True)
class ExtensionPoint:
    """One place where apps add their part: its name and what a registered value must be."""

    name: str
    value: str

    def __str__(self) -> str:
        return self.name


HOME_PARTS = ExtensionPoint("home_parts", "home_parts(user, *, today: date) -> list[HomePart]")
"""The app's parts of the home page (partnership/home.py): headings, sentences and short lists
under "Due this week", a subgroup a person chairs, or an agency a person leads. Each call costs
a fixed number of queries however much data there is."""

HOME_BLOCKS = ExtensionPoint("home_blocks", "PageBlock")
"""A template of the app's own that the home page includes at one place (HOME_AGENCY: inside
each agency the person leads, before the agency's home parts; HOME_END: at the end)."""

ACCOUNT_BLOCKS = ExtensionPoint("account_blocks", "PageBlock")
"""A template of the app's own that the account page includes (ACCOUNT: after the password,
before two-factor sign-in), such as the link to the person's API tokens."""

MENU_SECTIONS = ExtensionPoint("menu_sections", "MenuSection")
"""A header item of the service navigation (partnership/context_processors.py)."""

MENU_ENTRIES = ExtensionPoint("menu_entries", "MenuEntry")
"""One list a header item leads to, and who may use it."""

DEMO_DATA = ExtensionPoint("demo_data", "DemoData")
"""One step of `seed_demo`: a `seed(stdout)` that is idempotent, run by stage then app order."""

SCALE_DATA = ExtensionPoint("scale_data", "seed(rng: random.Random, stdout, factor: float) -> None")
"""The app's part of `seed_scale` (the large synthetic partnership), run in app order."""

REMINDER_JOBS = ExtensionPoint("reminder_jobs", "job(*, today: date, dry_run: bool) -> list[Sent]")
"""A daily reminder job run by `send_reminders` (partnership/services/reminders.py): it sweeps
what is due and not yet sent, and is safe to run twice."""

RETENTION_RULES = ExtensionPoint("retention_rules", "RetentionRule")
"""How one kind of record is found and deleted or anonymised once its period has run out
(partnership/security/retention.py); settings.RETENTION must have an entry for its key."""

SOURCE_VISIBILITY = ExtensionPoint("source_visibility", "SourceVisibility")
"""Who, besides the core's rule, may see the confidential sources of learning of one kind."""

SOURCE_RESTRICTIONS = ExtensionPoint("source_restrictions", "SourceRestriction")
"""Non-confidential sources of learning that belong to one agency, and so are not for everyone."""

TWO_FACTOR_REQUIREMENTS = ExtensionPoint("two_factor_requirements", "TwoFactorRequirement")
"""Who, besides the core's rule, must sign in with two-factor authentication."""

NEXT_MEETING = ExtensionPoint("next_meeting", "next_meeting(subgroup, *, today: date) -> date | None")
"""The date of a subgroup's next planned meeting on or after `today`, or None when none is
planned. The six-monthly chasers name it ("before the subgroup's next meeting on 14 January
2027"); `next_meeting_of` asks every registered value and takes the earliest."""

ACTION_BLOCKS = ExtensionPoint("action_blocks", "ActionBlock")
"""A template of the app's own that an action's page includes after its summary (where the
action was agreed), with its context (`collect_action_blocks`)."""

PRIORITY_PARTS = ExtensionPoint(
    "priority_parts", "priority_parts(priority, user, *, today: date) -> list[PriorityPart]"
)
"""What of an app serves a priority (its audits, courses, measures and indicators), as parts of
the priority's page: a heading, rows the person may open, an evidence sentence, and how many
pieces of evidence count towards progress and against it (see partnership.priorities). A part
lists only what the person could open anyway: each app reads through its own selectors."""

OUTCOME_INDICATORS = ExtensionPoint("outcome_indicators", "OutcomeIndicators")
"""The indicators an intended outcome may be measured against (partnership/models/outcomes.py)
and their values: the core names an indicator only by its code. The first registered value is
used (the dashboards' performance dataset); with none, the indicator measure is not offered."""

FINDING_PARTS = ExtensionPoint(
    "finding_parts", "finding_parts(user, findings, *, today: date) -> dict[int, FindingPart]"
)
"""What of an app answers the findings of a source (training's courses, with who attended them
from the agencies the recommendations name), shown under each finding in the learning panel
(`collect_finding_parts`). `findings` are the Finding rows the person may see; a part lists only
what the person could open anyway, and costs a fixed number of queries whatever the number of
findings. A finding with nothing to show is left out of the dict."""

ANNUAL_REPORT_PARTS = ExtensionPoint("annual_report_parts", "AnnualReportPart")
"""An app's figures for one section of the partnership's annual report, which the report's
section cannot read itself (the report may not import the app): `figures(first_day, last_day,
user)` returns `ReportFigures` (facts, tables, notes) for the reporting year as `user` sees it,
or None when the app has nothing for that year. Only counts and names of bodies and agencies:
the report is published. `annual_report_parts(section)` gathers them in app order."""

BOARD_CLOCKS = ExtensionPoint("board_clocks", "clocks(user, *, today: date) -> list[BoardClock]")
"""Statutory clocks that are not a case review's (the annual report sent to the national Panel
and Foundations within 7 days of publication), running or overdue on `today`, that `user` may
see: the clock board lists them beside the reviews' clocks (`board_clocks`)."""

OUTCOME_EVIDENCE = ExtensionPoint("outcome_evidence", "evidence(outcome, user) -> OutcomeEvidence | None")
"""What an app holds that answers an intended outcome (partnership/models/outcomes.py) as the
person may see it: a sentence to pre-fill the check's evidence and a link to read it (the audits'
re-audit of the source, before and after, for an outcome measured by re-audit). None when the
app has nothing for that outcome."""

SELF_KEYED_MODELS = ExtensionPoint("self_keyed_models", "a model class")
"""Models whose writes move no cached fragment on (partnership/fragments.py): derived data that
every fragment showing it keys on by itself (training's stored analysis figures, whose time the
analysis page's fragment holds), so that refreshing it every few minutes does not empty every
kept page of the product. Another fragment must never show such a model."""

POINTS = (
    HOME_PARTS,
    HOME_BLOCKS,
    ACCOUNT_BLOCKS,
    MENU_SECTIONS,
    MENU_ENTRIES,
    DEMO_DATA,
    SCALE_DATA,
    REMINDER_JOBS,
    RETENTION_RULES,
    SOURCE_VISIBILITY,
    SOURCE_RESTRICTIONS,
    TWO_FACTOR_REQUIREMENTS,
    NEXT_MEETING,
    ACTION_BLOCKS,
    PRIORITY_PARTS,
    OUTCOME_INDICATORS,
    FINDING_PARTS,
    ANNUAL_REPORT_PARTS,
    BOARD_CLOCKS,
    OUTCOME_EVIDENCE,
    SELF_KEYED_MODELS,
)

# --- the values some points take ------------------------------------------------------------

HOME_AGENCY, HOME_END, ACCOUNT = "agency", "end", "account"


@dataclass(frozen=True)
class PageBlock:
    """A template a page includes at `place` (the home page: HOME_AGENCY or HOME_END; the
    account page: ACCOUNT).

    `context(user, today)` returns the variables the template needs, added to the page's
    context, or None when the block is not for this person (then it is not included)."""

    place: str
    template: str
    context: Callable[[Any, datetime.date], dict | None]


@dataclass(frozen=True)
class ActionBlock:
    """A template an action's page includes after the action's summary. `context(user, action)`
    returns the template's variables, or None when there is nothing to show."""

    template: str
    context: Callable[[Any, Any], dict | None]


@dataclass(frozen=True)
class MenuSection:
    """A header item. `key` is what entries name; `slug` is the section page's address
    (`partnership:section`), which two alternative sections may share. Sections are shown by
    `order` (the core's: home 0, actions 20, consultations 30, organisation 90), and only with
    at least one entry the person may use. With `opens_first` the item links straight to its
    first entry, whose page links to the others. `also` names other pages (URL names) that
    count as the item's own when it has one entry, so the item is shown as current there."""

    key: str
    slug: str
    label: str
    order: int
    opens_first: bool = False
    also: tuple[str, ...] = ()


@dataclass(frozen=True)
class MenuEntry:
    """One list under the section `section` (a MenuSection's key, or the core's "actions"
    section, which gathers the actions, the plans and such lists): its label, URL name and the
    sentence its section page says about it. `allowed(user)` says whether this person may use
    it (None: everyone signed in). Entries are listed by `order`, then registration order."""

    section: str
    label: str
    url_name: str
    description: str = ""
    allowed: Callable[[Any], bool] | None = None
    order: int = 50


# `seed_demo` runs DemoData by stage, then app order: the core's partnership and people first,
# the sources of learning, the readers of every source (dashboards), then the steps that link
# what the others made (the briefings), and last what needs every person (authenticators).
DEMO_CORE, DEMO_SOURCES, DEMO_READERS, DEMO_LINKS, DEMO_LAST = 0, 10, 20, 80, 90


@dataclass(frozen=True)
class DemoData:
    """One step of `seed_demo`: `seed(stdout)` makes what is missing and changes nothing that
    exists (a second run changes nothing). `stage` orders it (DEMO_CORE … DEMO_LAST): a step
    runs after every step of an earlier stage, whichever app made it."""

    name: str
    seed: Callable[..., Any]
    stage: int


@dataclass(frozen=True)
class SourceVisibility:
    """`rule(user)` returns a Q over LearningSource for the confidential sources of `kind` the
    user may also see (a review's named panel), besides the core's rule."""

    kind: str
    rule: Callable[[Any], Any]


@dataclass(frozen=True)
class SourceRestriction:
    """`rule(user)` returns a Q over LearningSource of the non-confidential sources the user may
    not read (an agency's own audit, for someone who does not lead that agency). They stay
    open to the business unit, the partnership leads and the overseeing subgroup."""

    name: str
    rule: Callable[[Any], Any]


@dataclass(frozen=True)
class TwoFactorRequirement:
    """`rule(user)` is True when the person must use two-factor sign-in; `reason` says why, as
    a sentence their account page shows ("You can see case reviews.")."""

    reason: str
    rule: Callable[[Any], bool]


@dataclass(frozen=True)
class IndicatorReading:
    """An indicator's value on a date: the latest value for a period that started on or before
    it (`period` says which, "July to September 2026"), with where to read it."""

    code: str
    label: str
    value: Any  # Decimal
    period: str
    url: str


@dataclass(frozen=True)
class OutcomeIndicators:
    """`choices()` lists (code, label) of the indicators an outcome may be measured on;
    `reading(code, on)` gives the `IndicatorReading` of that indicator on a date, or None when
    the dataset has no value for a period started by then (or no such indicator)."""

    choices: Callable[[], list[tuple[str, str]]]
    reading: Callable[[str, datetime.date], IndicatorReading | None]


@dataclass(frozen=True)
class FindingRow:
    """One thing that answers a finding: its label, its page, and a sentence about it."""

    label: str
    url: str = ""
    detail: str = ""


@dataclass(frozen=True)
class FindingPart:
    """Under a finding in the learning panel: a heading ("Training courses answering it") and
    its rows."""

    heading: str
    rows: tuple[FindingRow, ...] = ()


@dataclass(frozen=True)
class ReportTable:
    """A table for the annual report: a caption, column headers, and rows of printed text
    (the first cell of a row is its heading)."""

    caption: str
    columns: list[str]
    rows: list[list[str]]


@dataclass(frozen=True)
class ReportFigures:
    """What an app gives a section of the annual report: `facts` (label, printed figure),
    `tables` and `notes` (plain sentences)."""

    facts: list[tuple[str, str]] = field(default_factory=list)
    tables: list[ReportTable] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class AnnualReportPart:
    """`figures(first_day, last_day, user)` for the report's section `section` (the
    section's key, e.g. "governance"), or None when there is nothing for the year."""

    section: str
    figures: Callable[[datetime.date, datetime.date, Any], ReportFigures | None]


@dataclass(frozen=True)
class OutcomeEvidence:
    """Evidence an app found for an intended outcome: `text`, a sentence the check's evidence is
    pre-filled with; `url` and `link_text`, where to read it."""

    text: str
    url: str
    link_text: str


# --- registering and looking up ------------------------------------------------------------

_registry: dict[ExtensionPoint, list[tuple[str, Any]]] = defaultdict(list)


def register(app: AppConfig, point: ExtensionPoint, *values: Any) -> None:
    """Register `values` for `point` on behalf of `app` (call it from the app's
    `extensions.register(app)`, loaded by its AppConfig.ready()). Registering the same value
    twice for the same app has no further effect, so a second `ready()` changes nothing."""
    if point not in POINTS:
        raise ValueError(f"{point!r} is not one of the core's extension points.")
    entries = _registry[point]
    for value in values:
        if (app.label, value) not in entries:
            entries.append((app.label, value))


def registered(point: ExtensionPoint) -> list:
    """Every value registered for `point`, in INSTALLED_APPS order (the core first), then in
    the order each app registered them."""
    order = {config.label: index for index, config in enumerate(apps.get_app_configs())}
    found = sorted(enumerate(_registry.get(point, [])), key=lambda e: (order.get(e[1][0], len(order)), e[0]))
    return [value for _index, (label, value) in found if label in order]


def collect_blocks(point: ExtensionPoint, user, today: datetime.date, context: dict) -> dict[str, list[str]]:
    """The templates registered as PageBlocks for `point` that are for `user`, by place; each
    block's variables are added to `context`. A block whose context is None is left out."""
    blocks: dict[str, list[str]] = defaultdict(list)
    for block in registered(point):
        variables = block.context(user, today)
        if variables is not None:
            context.update(variables)
            blocks[block.place].append(block.template)
    return dict(blocks)


def collect_action_blocks(user, action, context: dict) -> list[str]:
    """The templates registered as ActionBlocks that have something to show on `action`'s
    page; each block's variables are added to `context`."""
    templates = []
    for block in registered(ACTION_BLOCKS):
        variables = block.context(user, action)
        if variables is not None:
            context.update(variables)
            templates.append(block.template)
    return templates


def next_meeting_of(subgroup, *, today: datetime.date) -> datetime.date | None:
    """The subgroup's next planned meeting on or after `today` (NEXT_MEETING), or None."""
    dates = [d for next_meeting in registered(NEXT_MEETING) if (d := next_meeting(subgroup, today=today))]
    return min(dates, default=None)


def collect_finding_parts(user, findings, *, today: datetime.date) -> dict[int, list[FindingPart]]:
    """{finding id: [FindingPart]} from every registered FINDING_PARTS, in app order; a finding
    no app has anything for is left out."""
    findings = list(findings)
    parts: dict[int, list[FindingPart]] = defaultdict(list)
    if not findings:
        return {}
    for finding_parts in registered(FINDING_PARTS):
        for finding_id, part in finding_parts(user, findings, today=today).items():
            parts[finding_id].append(part)
    return dict(parts)


def outcome_indicators() -> OutcomeIndicators | None:
    """The registered OUTCOME_INDICATORS (the first), or None when no app offers indicators."""
    found = registered(OUTCOME_INDICATORS)
    return found[0] if found else None


def annual_report_parts(section: str, first_day: datetime.date, last_day: datetime.date, user) -> list:
    """The `ReportFigures` every app registered (ANNUAL_REPORT_PARTS) for the annual report's
    `section` has for the year from `first_day` to `last_day`, in app order."""
    found = [part.figures(first_day, last_day, user) for part in registered(ANNUAL_REPORT_PARTS)
             if part.section == section]  # fmt: skip
    return [figures for figures in found if figures is not None]


@dataclass(frozen=True)
class BoardClock:
    """One running statutory clock for the clock board (BOARD_CLOCKS), already worked out by the
    app that owns it on the day asked: `name` says what it times ("Annual report 2025/26 sent
    to the national Panel and Foundations"), `source` the rule; `state` is one of "running",
    "overdue" (the board's words and tags), `description` the time left in words ("Due in 3
    days"); `url` is the page where the clock is stopped."""

    name: str
    source: str
    start: datetime.date
    due: datetime.date
    done: datetime.date | None
    state: str
    description: str
    url: str


def board_clocks(user, *, today: datetime.date) -> list[BoardClock]:
    """Every registered BOARD_CLOCKS clock `user` may see on `today`, soonest due first."""
    clocks = [clock for provider in registered(BOARD_CLOCKS) for clock in provider(user, today=today)]
    return sorted(clocks, key=lambda clock: clock.due)


def outcome_evidence(outcome, user) -> list[OutcomeEvidence]:
    """What the apps hold that answers `outcome`, as `user` may see it (OUTCOME_EVIDENCE)."""
    return [found for evidence in registered(OUTCOME_EVIDENCE) if (found := evidence(outcome, user))]
