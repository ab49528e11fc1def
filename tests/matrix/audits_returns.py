"""Matrix cases for Section 11 rounds and agencies' returns.

Rounds are partnership business: everyone signed in sees the list and a round's page (each
seeing the rows of the returns they may see); only the business unit sets one up, opens it and
invites agencies. A return is seen by its own agency's lead, the business unit, partnership
leads, the overseeing subgroup and the panel members of a session it is assigned to — another
agency's lead gets a 404. Only the agency edits it; only the business unit sends it back or
accepts it.
"""

import datetime

from django.core.files.base import ContentFile

from audits.frameworks import PAN_LONDON_NAME
from audits.models import (
    AnswerFile,
    ChallengeSession,
    Framework,
    PlannedImprovement,
    Return,
    ReturnStatus,
    Round,
)

from ..factories import UserFactory
from . import Case, only, scoped

OVERSIGHT = {"business_unit", "partnership_lead", "subgroup_chair", "subgroup_member"}


def make_round(w, status="draft") -> Round:
    framework = Framework.objects.get(name=PAN_LONDON_NAME)
    round_ = Round.objects.create(
        framework=framework, title="Section 11 self-assessment 2026", year=2026, status=status,
        opens_on=datetime.date(2026, 9, 1), due_on=datetime.date(2026, 11, 30), subgroup=w.subgroup,
    )  # fmt: skip
    for agency in (w.agency, w.other_agency):
        Return.objects.create(round=round_, agency=agency)
    return round_


def the_return(agency_attr, status=ReturnStatus.DRAFT):
    def make(w):
        round_ = make_round(w, status="open")
        agency_return = round_.returns.get(agency=getattr(w, agency_attr))
        Return.objects.filter(pk=agency_return.pk).update(status=status)
        return agency_return

    return make


def round_pk(w):
    return [make_round(w).pk]


def return_pk(agency_attr, status=ReturnStatus.DRAFT):
    return lambda w: [the_return(agency_attr, status)(w).pk]


def return_standard(agency_attr):
    return lambda w: [the_return(agency_attr)(w).pk, 1]


def return_requirement(agency_attr):
    def args(w):
        agency_return = the_return(agency_attr)(w)
        return [
            agency_return.pk,
            agency_return.round.framework.standards.get(number=1).requirements.first().pk,
        ]

    return args


def answer_file(agency_attr):
    def args(w):
        agency_return = the_return(agency_attr)(w)
        requirement = agency_return.round.framework.standards.get(number=1).requirements.first()
        answer = agency_return.answers.create(requirement=requirement, evidence="Policy")
        record = AnswerFile(answer=answer, file_name="policy.txt", content_type="text/plain", size=6,
                            uploaded_by=w.business_unit)  # fmt: skip
        record.file.save("policy.txt", ContentFile(b"Policy"), save=True)
        return [record.pk]

    return args


def assigned_to_panel(w):
    agency_return = the_return("agency", ReturnStatus.SUBMITTED)(w)
    session = ChallengeSession.objects.create(
        round=agency_return.round, title="Panel A", date=datetime.date(2026, 12, 1)
    )
    session.members.add(w.lay_member)
    session.returns.add(agency_return)
    return [agency_return.pk]


OURS = OVERSIGHT | {"agency_lead"}
THEIRS = OVERSIGHT | {"other_agency_lead"}

CASES = [
    Case("audits:round-list"),
    Case("audits:round-create", only({"business_unit"})),
    Case("audits:round-detail", args=round_pk),
    Case("audits:round-open", only({"business_unit"}), args=round_pk),
    Case("audits:round-invite", only({"business_unit"}), args=round_pk),
    Case("audits:return-detail", scoped(sees=OURS, may=OURS), args=return_pk("agency"), label="own"),
    Case(
        "audits:return-detail", scoped(sees=THEIRS, may=THEIRS), args=return_pk("other_agency"), label="other"
    ),
    Case(
        "audits:return-detail",
        scoped(sees=OURS | {"lay_member"}, may=OURS | {"lay_member"}),
        args=assigned_to_panel,
        label="assigned-to-panel",
    ),
    Case(
        "audits:return-standard",
        scoped(sees=OURS, may={"agency_lead"}),
        args=return_standard("agency"),
        label="own",
    ),
    Case(
        "audits:return-standard",
        scoped(sees=THEIRS, may={"other_agency_lead"}),
        args=return_standard("other_agency"),
        label="other",
    ),
    Case(
        "audits:return-standard",
        scoped(sees=OURS, may=set()),
        args=lambda w: [the_return("agency", ReturnStatus.SUBMITTED)(w).pk, 1],
        label="submitted",
    ),
    Case(
        "audits:return-answer-file",
        scoped(sees=OURS, may={"agency_lead"}),
        args=return_requirement("agency"),
        label="own",
    ),
    Case(
        "audits:return-answer-file",
        scoped(sees=THEIRS, may={"other_agency_lead"}),
        args=return_requirement("other_agency"),
        label="other",
    ),
    Case("audits:answer-file-download", scoped(sees=OURS, may=OURS), args=answer_file("agency"), label="own"),
    Case(
        "audits:answer-file-download",
        scoped(sees=THEIRS, may=THEIRS),
        args=answer_file("other_agency"),
        label="other",
    ),
]

for name in ("return-carry-forward", "return-submit", "return-improvement-add", "return-contributor-add"):
    CASES += [
        Case(f"audits:{name}", scoped(sees=OURS, may={"agency_lead"}), args=return_pk("agency"), label="own"),
        Case(
            f"audits:{name}",
            scoped(sees=THEIRS, may={"other_agency_lead"}),
            args=return_pk("other_agency"),
            label="other",
        ),
    ]

for name in ("return-send-back", "return-accept"):
    CASES += [
        Case(
            f"audits:{name}",
            scoped(sees=OURS, may={"business_unit"}),
            args=return_pk("agency", ReturnStatus.SUBMITTED),
            label="own",
        ),
        Case(
            f"audits:{name}",
            scoped(sees=THEIRS, may={"business_unit"}),
            args=return_pk("other_agency", ReturnStatus.SUBMITTED),
            label="other",
        ),
    ]


# --- the lists and exports, and changing a return's parts -------------------------------------


def improvement(agency_attr, status=ReturnStatus.DRAFT):
    def args(w):
        agency_return = the_return(agency_attr, status)(w)
        planned = PlannedImprovement.objects.create(
            agency_return=agency_return,
            description="Level 2 training for all staff",
            due_on=datetime.date(2027, 6, 30),
        )
        return [agency_return.pk, planned.pk]

    return args


def contributor(agency_attr):
    """A return with a colleague added; for our agency the colleague is `no_role` (who then
    sees the return), for the other agency a new colleague of theirs."""

    def args(w):
        agency_return = the_return(agency_attr)(w)
        agency = getattr(w, agency_attr)
        person = w.no_role if agency == w.agency else UserFactory(agency=agency)
        agency_return.contributors.add(person)
        return [agency_return.pk, person.pk]

    return args


def with_a_round(w) -> list:
    """For a list or an export: a round with both agencies' returns to show; no URL arguments."""
    make_round(w)
    return []


# Lists and exports: everyone signed in, each seeing the rounds and the returns they may see.
CASES += [
    Case("audits:round-export", args=with_a_round),
    Case("audits:round-list", label="filtered", args=with_a_round, query="status=draft&sort=-due"),
    Case("audits:return-list", args=with_a_round),
    Case("audits:return-list", label="filtered", args=with_a_round, query="status=not_started&sort=agency"),
    Case("audits:return-export", args=with_a_round, query="status=not_started"),
    Case(
        "audits:return-improvement-edit",
        scoped(sees=OURS, may={"agency_lead"}),
        args=improvement("agency"),
        label="own",
    ),
    Case(
        "audits:return-improvement-edit",
        scoped(sees=THEIRS, may={"other_agency_lead"}),
        args=improvement("other_agency"),
        label="other",
    ),
    Case(
        "audits:return-improvement-edit",
        scoped(sees=OURS, may=set()),
        args=improvement("agency", ReturnStatus.SUBMITTED),
        label="submitted",
    ),
    Case(
        "audits:return-improvement-delete",
        scoped(sees=OURS, may={"agency_lead"}),
        args=improvement("agency"),
        label="own",
    ),
    Case(
        "audits:return-improvement-delete",
        scoped(sees=THEIRS, may={"other_agency_lead"}),
        args=improvement("other_agency"),
        label="other",
    ),
    Case(
        "audits:return-contributor-remove",
        scoped(sees=OURS | {"no_role"}, may={"agency_lead"}),
        args=contributor("agency"),
        label="own",
    ),
    Case(
        "audits:return-contributor-remove",
        scoped(sees=THEIRS, may={"other_agency_lead"}),
        args=contributor("other_agency"),
        label="other",
    ),
]


def return_and_file(agency_attr, status=ReturnStatus.DRAFT):
    def args(w):
        record = AnswerFile.objects.get(pk=answer_file(agency_attr)(w)[0])
        agency_return = record.answer.agency_return
        Return.objects.filter(pk=agency_return.pk).update(status=status)
        return [agency_return.pk, record.pk]

    return args


CASES += [
    Case(
        "audits:return-answer-file-delete",
        scoped(sees=OURS, may={"agency_lead"}),
        args=return_and_file("agency"),
        label="own",
    ),
    Case(
        "audits:return-answer-file-delete",
        scoped(sees=THEIRS, may={"other_agency_lead"}),
        args=return_and_file("other_agency"),
        label="other",
    ),
    Case(
        "audits:return-answer-file-delete",
        scoped(sees=OURS, may=set()),
        args=return_and_file("agency", ReturnStatus.SUBMITTED),
        label="submitted",
    ),
]


# --- escalation to the agency's senior manager (only the business unit records the response) ---


def escalated(agency_attr):
    def args(w):
        from django.utils import timezone

        from audits.models import Escalation

        agency_return = the_return(agency_attr, ReturnStatus.ACCEPTED)(w)
        Escalation.objects.create(
            agency_return=agency_return, addressee="Dr A Senior, Director", sent_to="a.senior@example.org",
            subject="Outstanding improvements", letter="Dear Dr Senior,", outstanding=1,
            written_on=datetime.date(2027, 7, 15), sent_at=timezone.now(), response_due_on=datetime.date(2027, 8, 12),
        )  # fmt: skip
        return [agency_return.pk]

    return args


CASES += [
    Case(
        "audits:return-escalation-response",
        scoped(sees=OURS, may={"business_unit"}),
        args=escalated("agency"),
        label="own",
    ),
    Case(
        "audits:return-escalation-response",
        scoped(sees=THEIRS, may={"business_unit"}),
        args=escalated("other_agency"),
        label="other",
    ),
]
