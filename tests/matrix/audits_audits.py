"""Matrix cases for the audit programme, multi-agency and single-agency audits, and inspections.

Programmes, multi-agency audits and inspections are read by everyone signed in and changed by
the business unit. An agency lead records their own agency's findings in an audit their agency
takes part in. A single-agency audit is seen by its agency's lead, the business unit, the
partnership leads and the overseeing subgroup (404 for everyone else); its agency's lead and
the business unit change it (403 for those who only read it).
"""

import datetime

from django.core.files.base import ContentFile

from audits.models import (
    AuditCase,
    AuditParticipant,
    AuditProgramme,
    Inspection,
    LineOfEnquiry,
    MultiAgencyAudit,
    SingleAgencyAudit,
)

from . import Case, only, scoped

BU = {"business_unit"}
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def make_audit(w, *, agencies=None) -> MultiAgencyAudit:
    """A multi-agency audit overseen by world.subgroup, with one line of enquiry and the agencies
    taking part (world.agency by default)."""
    audit = MultiAgencyAudit(
        title="Neglect of adolescents", subgroup=w.subgroup, planned_on=datetime.date(2026, 5, 1)
    )
    audit.save()
    LineOfEnquiry.objects.create(audit=audit, number=1, text="How well did agencies hear the child?")
    for agency in agencies if agencies is not None else [w.agency]:
        AuditParticipant.objects.create(
            audit=audit, agency=agency, auditor="A. Auditor", no_previous_involvement=True
        )
    return audit


def make_single_audit(w, *, agency=None) -> SingleAgencyAudit:
    audit = SingleAgencyAudit(
        agency=agency or w.agency, title="Supervision audit", scope="20 cases, April to June.",
        summary="Supervision was regular in 18 of 20 cases.", reported_on=datetime.date(2026, 7, 1),
        reported_by=w.agency_lead, subgroup=w.subgroup,
    )  # fmt: skip
    audit.save()
    return audit


def make_inspection(w, *, with_file=False) -> Inspection:
    inspection = Inspection(
        inspectorate="ofsted_ilacs", title="Ofsted ILACS inspection of Northbrook", started_on=datetime.date(2026, 3, 2),
        judgement="Good", subgroup=w.subgroup,
    )  # fmt: skip
    if with_file:
        inspection.report_file.save("report.pdf", ContentFile(PDF), save=False)
        inspection.report_file_name = "report.pdf"
    inspection.save()
    inspection.agencies.set([w.agency])
    return inspection


def finding_data(w, agency):
    audit = MultiAgencyAudit.objects.get()
    return {"agency": agency.pk, "line_of_enquiry": audit.lines_of_enquiry.get().pk, "grade": "good",
            "finding": "Voice of the child recorded in 4 of 5 cases."}  # fmt: skip


def no_args(*_made) -> list:
    """For a list page: the objects are made for it to show, and the URL takes no arguments."""
    return []


READERS = {"business_unit", "partnership_lead", "subgroup_chair", "subgroup_member", "agency_lead"}


CASES = [
    # The programme.
    Case("audits:programme-list"),
    Case("audits:programme-create", expect=only(BU)),
    # Multi-agency audits: read by everyone signed in, set up by the business unit.
    Case("audits:audit-list"),
    Case(
        "audits:audit-list",
        label="filtered",
        args=lambda w: no_args(make_audit(w)),
        query="status=planned&sort=-title",
    ),
    Case("audits:audit-export"),
    Case("audits:audit-create", expect=only(BU)),
    Case("audits:audit-edit", args=lambda w: [make_audit(w).pk], expect=only(BU)),
    Case("audits:audit-detail", args=lambda w: [make_audit(w).pk]),
    Case("audits:audit-loe-add", args=lambda w: [make_audit(w).pk], expect=only(BU)),
    Case("audits:audit-participant-add", args=lambda w: [make_audit(w).pk], expect=only(BU)),
    Case("audits:audit-case-add", args=lambda w: [make_audit(w).pk], expect=only(BU)),
    Case("audits:audit-workshop", args=lambda w: [make_audit(w).pk], expect=only(BU)),
    Case("audits:audit-overview", args=lambda w: [make_audit(w).pk], expect=only(BU)),
    # Findings: the business unit, and the lead of an agency taking part, for their own agency.
    Case(
        "audits:audit-finding-add",
        args=lambda w: [make_audit(w).pk],
        label="own agency takes part",
        expect=only(BU | {"agency_lead"}),
    ),
    Case(
        "audits:audit-finding-add",
        args=lambda w: [make_audit(w, agencies=[w.other_agency]).pk],
        label="another agency takes part",
        expect=only(BU | {"other_agency_lead"}),
    ),
    Case(
        "audits:audit-finding-add",
        args=lambda w: [make_audit(w, agencies=[w.agency, w.other_agency]).pk],
        label="posting the other agency's finding",
        method="post",
        data=lambda w: finding_data(w, w.other_agency),
        expect=only({"business_unit", "other_agency_lead"}, status_ok=302),
    ),
    # Single-agency audits: their agency, the business unit, partnership leads and the subgroup.
    Case("audits:single-audit-list"),
    Case("audits:single-audit-create", expect=only(BU | {"agency_lead", "other_agency_lead"})),
    Case(
        "audits:single-audit-detail",
        args=lambda w: [make_single_audit(w).pk],
        expect=scoped(sees=READERS, may=READERS),
    ),
    Case(
        "audits:single-audit-edit",
        args=lambda w: [make_single_audit(w).pk],
        expect=scoped(sees=READERS, may={"business_unit", "agency_lead"}),
    ),
    # Inspections: published reports, read by everyone signed in, recorded by the business unit.
    Case("audits:inspection-list"),
    Case("audits:inspection-create", expect=only(BU)),
    Case("audits:inspection-edit", args=lambda w: [make_inspection(w).pk], expect=only(BU)),
    Case("audits:inspection-detail", args=lambda w: [make_inspection(w).pk]),
    Case(
        "audits:inspection-report",
        args=lambda w: [make_inspection(w, with_file=True).pk],
        label="with a file",
    ),
    Case("audits:inspection-report", args=lambda w: [make_inspection(w).pk], label="no file", default=404),
]


def make_programme(w) -> AuditProgramme:
    return AuditProgramme.objects.create(year=2026, subgroup=w.subgroup)


def audit_part(related: str):
    """[audit pk, pk of its first `related` part] for an audit with a line of enquiry, our
    agency taking part and one case."""

    def args(w):
        audit = make_audit(w)
        AuditCase.objects.create(audit=audit, pseudonym="Child A")
        return [audit.pk, getattr(audit, related).first().pk]

    return args


def another_audits_part(related: str):
    """A part of one audit, asked for under another audit: a 404 for everyone."""

    def args(w):
        pk = audit_part(related)(w)[1]
        other = MultiAgencyAudit.objects.create(
            title="Exploitation", subgroup=w.subgroup, planned_on=datetime.date(2026, 9, 1)
        )
        return [other.pk, pk]

    return args


CASES += [
    Case("audits:programme-edit", args=lambda w: [make_programme(w).pk], expect=only(BU)),
    Case("audits:single-audit-export", args=lambda w: no_args(make_single_audit(w))),
    Case(
        "audits:single-audit-export",
        label="filtered",
        args=lambda w: no_args(make_single_audit(w)),
        query="year=2026&sort=-title",
    ),
    Case("audits:inspection-export", args=lambda w: no_args(make_inspection(w))),
    Case(
        "audits:inspection-export",
        label="filtered",
        args=lambda w: no_args(make_inspection(w)),
        query="inspectorate=ofsted_ilacs",
    ),
]
for _name, _related in (
    ("audit-loe", "lines_of_enquiry"),
    ("audit-participant", "participants"),
    ("audit-case", "cases"),
):
    for _page in ("edit", "delete"):
        CASES += [
            Case(f"audits:{_name}-{_page}", args=audit_part(_related), expect=only(BU)),
            Case(
                f"audits:{_name}-{_page}",
                args=another_audits_part(_related),
                label="part of another audit",
                default=404,
            ),
        ]


def make_reaudit(w, *, agencies=None) -> MultiAgencyAudit:
    """A reported audit (our agency taking part, unless `agencies` says otherwise) and a re-audit
    of it a year later, repeating its line of enquiry."""
    earlier = make_audit(w, agencies=agencies)
    earlier.status = "reported"
    earlier.save()
    reaudit = MultiAgencyAudit.objects.create(
        title="Neglect of adolescents: re-audit", subgroup=w.subgroup, planned_on=datetime.date(2027, 5, 1),
        repeats=earlier,
    )  # fmt: skip
    LineOfEnquiry.objects.create(
        audit=reaudit,
        number=1,
        text="How well did agencies hear the child?",
        repeats=earlier.lines_of_enquiry.get(),
    )
    return reaudit


# Re-audits: planned by the business unit from an audit; the before and after is for those who see
# every agency's findings in both audits, and the lead of an agency taking part (their own rows).
COMPARERS = READERS | {"other_agency_lead"}
CASES += [
    Case("audits:audit-reaudit", args=lambda w: [make_audit(w).pk], expect=only(BU)),
    Case(
        "audits:audit-reaudit",
        label="posting",
        args=lambda w: [make_reaudit(w).repeats_id],
        method="post",
        data=lambda w: {
            "title": "Re-audit",
            "subgroup": w.subgroup.pk,
            "planned_on": "1/6/2027",
            "repeats": MultiAgencyAudit.objects.get(repeats=None).pk,
        },
        expect=only(BU, status_ok=302),
    ),
    Case(
        "audits:audit-comparison",
        args=lambda w: [make_reaudit(w, agencies=[w.agency, w.other_agency]).pk],
        expect=only(COMPARERS),
    ),
    Case(
        "audits:audit-comparison",
        label="only our agency takes part",
        args=lambda w: [make_reaudit(w).pk],
        expect=only(READERS),
    ),
    Case("audits:audit-comparison", label="not a re-audit", args=lambda w: [make_audit(w).pk], default=404),
    Case(
        "audits:audit-comparison-export",
        args=lambda w: [make_reaudit(w, agencies=[w.agency, w.other_agency]).pk],
        expect=only(COMPARERS),
    ),
    Case(
        "audits:audit-comparison-export",
        label="not a re-audit",
        args=lambda w: [make_audit(w).pk],
        default=404,
    ),
]
