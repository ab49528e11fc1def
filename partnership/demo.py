"""The demo partnership: fictional agencies, subgroups, priorities and one person per role.

`seed()` is idempotent: it creates what is missing and changes nothing that exists, so running
`seed_demo` twice leaves the database (and its history) exactly as the first run did. Each
later app offers its own `demo.py` with a `seed(stdout)` that `seed_demo` calls after this one.
"""

from django.db import transaction

from .demo_learning import seed_learning
from .models import Agency, Area, Priority, Role, RoleAssignment, Subgroup, User

# Printed by `make run` and listed in the README. Demo data only: never seeded in production.
DEMO_PASSWORD = "learning-cycle-demo"  # noqa: S105 - a published demo password, by design

AREAS = ["Northbrook", "Eastmoor"]

# (name, short name, sector, statutory partner?, area or None for partnership-wide)
AGENCIES = [
    ("Northbrook Council Children's Services", "NBC", "local_authority", True, "Northbrook"),
    ("Eastmoor Council Children's Services", "EMC", "local_authority", True, "Eastmoor"),
    ("Northbrook and Eastmoor Integrated Care Board", "ICB", "health", True, None),
    ("Northshire Police", "Police", "police", True, None),
    ("Northbrook General Hospital NHS Foundation Trust", "NGH", "health", False, "Northbrook"),
    ("Eastmoor Community Health NHS Trust", "ECH", "health", False, "Eastmoor"),
    ("Northshire Mental Health NHS Trust", "NMH", "health", False, None),
    ("Northshire Ambulance Service", "Ambulance", "health", False, None),
    ("Northshire Probation Delivery Unit", "Probation", "probation", False, None),
    ("Northbrook Youth Justice Service", "YJS", "local_authority", False, "Northbrook"),
    ("Brookside Academy Trust", "Brookside", "education", False, "Northbrook"),
    ("Eastmoor College", "EM College", "education", False, "Eastmoor"),
    ("Eastmoor Early Years Alliance", "EYA", "education", False, "Eastmoor"),
    ("Northbrook Homes", "NB Homes", "other", False, "Northbrook"),
    ("Haven Domestic Abuse Service", "Haven", "voluntary", False, None),
    ("Young Voices Northshire", "Young Voices", "voluntary", False, None),
]

# Each agency's senior manager, to whom the partnership's escalation letters go. Haven has
# none yet, so the demo shows what the pages say when an agency has no contact.
SENIOR_MANAGERS = {
    "NBC": ("Aisha Thornbury", "Director of Children's Services"),
    "EMC": ("Graham Pellow", "Director of Children's Services"),
    "ICB": ("Dr Helen Okafor", "Chief Nursing Officer"),
    "Police": ("Ch Supt Mark Renshaw", "Head of Public Protection"),
    "NGH": ("Clare Whitfield", "Director of Nursing"),
    "ECH": ("Samuel Achebe", "Director of Nursing and Quality"),
    "NMH": ("Dr Priya Raman", "Chief Nurse"),
    "Ambulance": ("Lewis Hartley", "Director of Quality"),
    "Probation": ("Joanne Fisk", "Head of the Probation Delivery Unit"),
    "YJS": ("Tom Ashdown", "Head of Youth Justice"),
    "Brookside": ("Rachel Moss", "Chief Executive Officer"),
    "EM College": ("Daniel Brightwell", "Principal"),
    "EYA": ("Fiona Castell", "Alliance Manager"),
    "NB Homes": ("Owen Prescott", "Director of Housing Services"),
    "Young Voices": ("Marcia Dunmore", "Chief Executive"),
}

SUBGROUPS = [
    (
        "Learning and Improvement",
        "Oversees the learning and improvement framework: multi-agency audits, learning from reviews "
        "and the action plans that follow, and evidence that practice has changed.",
    ),
    (
        "Training",
        "Plans the multi-agency training programme from the training needs assessment, and evaluates "
        "its impact on practice three months after courses.",
    ),
    (
        "Quality and Performance",
        "Scrutinises the multi-agency performance dataset, Section 11 self-assessments and single-agency "
        "audits, and chooses areas for deep dives.",
    ),
    (
        "Practice Review",
        "Considers serious incident notifications, runs Rapid Reviews, recommends LCSPRs and oversees "
        "reviews through to publication.",
    ),
    (
        "Child Death Overview Panel",
        "Reviews the deaths of all children normally resident in the area, identifies modifiable "
        "factors and publishes an annual report.",
    ),
]

PRIORITIES = {
    2025: [
        ("Neglect and cumulative harm", "Recognising and responding early to neglect."),
        ("Exploitation and harm outside the home", "A contextual response to exploitation."),
        ("Hearing the voice of the child", "Children's views shape plans and services."),
    ],
    2026: [
        ("Neglect and cumulative harm", "Using the graded care profile consistently across agencies."),
        ("Exploitation and harm outside the home", "Safety mapping with schools and community partners."),
        ("Safeguarding babies", "Safer sleep, bruising protocol and support for new parents."),
        ("Hearing the voice of the child", "You said, we did: children's voice in every review and audit."),
    ],
    2027: [
        ("Neglect and cumulative harm", "Every agency uses the graded care profile; re-audit to show it."),
        ("Safeguarding babies", "The pre-birth pathway, safer sleep and the bruising protocol everywhere."),
        ("Transitions to adulthood", "One trusted worker for young people moving to adult services."),
    ],
}

# The demo sign-ins: email, name, job title, agency short name, role, role scope.
DEMO_PEOPLE = [
    ("business.unit@northbrook-scp.example", "Hannah Okafor", "Partnership Manager", "NBC",
     Role.BUSINESS_UNIT, None),
    ("partnership.lead@northbrook-scp.example", "David Ashworth", "Director of Children's Services", "NBC",
     Role.PARTNERSHIP_LEAD, None),
    ("subgroup.chair@northbrook-scp.example", "Priya Raman", "Designated Nurse for Safeguarding", "ICB",
     Role.SUBGROUP_CHAIR, "Learning and Improvement"),
    ("subgroup.member@northbrook-scp.example", "Tom Fielding", "Detective Inspector, Safeguarding", "Police",
     Role.SUBGROUP_MEMBER, "Learning and Improvement"),
    ("agency.lead@northbrook-scp.example", "Grace Mensah", "Named Nurse for Safeguarding Children", "NGH",
     Role.AGENCY_LEAD, "NGH"),
    ("lay.member@northbrook-scp.example", "Margaret Holt", "Lay member", None,
     Role.LAY_MEMBER, None),
    ("peer.challenger@northbrook-scp.example", "Imran Qureshi", "Head of Safeguarding, Haven", "Haven",
     Role.PEER_CHALLENGER, None),
]  # fmt: skip

# Further people so that every subgroup has a chair and members, and agencies have leads.
SUPPORTING_PEOPLE = [
    ("training.chair@northbrook-scp.example", "Joanne Pritchard", "Training Manager", "NBC",
     [(Role.SUBGROUP_CHAIR, "Training")]),
    ("qp.chair@northbrook-scp.example", "Ravi Chandran", "Head of Quality Assurance", "EMC",
     [(Role.SUBGROUP_CHAIR, "Quality and Performance")]),
    ("practice.review.chair@northbrook-scp.example", "Sarah Whitlock", "Detective Superintendent", "Police",
     [(Role.SUBGROUP_CHAIR, "Practice Review"), (Role.AGENCY_LEAD, "Police")]),
    ("cdop.chair@northbrook-scp.example", "Dr Aisha Bello", "Consultant in Public Health", "ICB",
     [(Role.SUBGROUP_CHAIR, "Child Death Overview Panel"), (Role.AGENCY_LEAD, "ICB")]),
    ("qa.officer@northbrook-scp.example", "Owen Price", "Quality Assurance Officer", "NBC",
     [(Role.BUSINESS_UNIT, None)]),
    ("schools.lead@northbrook-scp.example", "Fiona Kerr", "Trust Safeguarding Lead", "Brookside",
     [(Role.AGENCY_LEAD, "Brookside"), (Role.SUBGROUP_MEMBER, "Training")]),
    ("college.lead@northbrook-scp.example", "Marcus Bell", "Designated Safeguarding Lead", "EM College",
     [(Role.AGENCY_LEAD, "EM College")]),
    ("mh.lead@northbrook-scp.example", "Dr Leah Simons", "Named Doctor", "NMH",
     [(Role.AGENCY_LEAD, "NMH"), (Role.SUBGROUP_MEMBER, "Practice Review")]),
    ("probation.lead@northbrook-scp.example", "Kevin Doyle", "Senior Probation Officer", "Probation",
     [(Role.AGENCY_LEAD, "Probation"), (Role.SUBGROUP_MEMBER, "Quality and Performance")]),
    ("haven.worker@northbrook-scp.example", "Nadia Rahman", "Children's Domestic Abuse Worker", "Haven",
     [(Role.AGENCY_LEAD, "Haven"), (Role.SUBGROUP_MEMBER, "Learning and Improvement")]),
    ("second.lay.member@northbrook-scp.example", "Peter Lowe", "Lay member", None,
     [(Role.LAY_MEMBER, None), (Role.PEER_CHALLENGER, None)]),
]  # fmt: skip


def _save_new(model, lookup: dict, defaults: dict):
    """Create the record if it is missing (with history naming no user: the demo made it)."""
    instance = model.objects.filter(**lookup).first()
    if instance is not None:
        return instance, False
    instance = model(**lookup, **defaults)
    instance.save()
    return instance, True


def _person(email, name, job_title, agency, password) -> User:
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User(email=email, full_name=name, job_title=job_title, agency=agency)
        user.set_password(password)
        user.save()
    return user


def _assign(user, role, scope_name, subgroups, agencies) -> None:
    scope = {}
    if role in (Role.SUBGROUP_CHAIR, Role.SUBGROUP_MEMBER):
        scope["subgroup"] = subgroups[scope_name]
    elif role == Role.AGENCY_LEAD:
        scope["agency"] = agencies[scope_name]
    if not RoleAssignment.objects.filter(user=user, role=role, **scope).exists():
        RoleAssignment(user=user, role=role, **scope).save()


@transaction.atomic
def seed(stdout=None) -> None:
    areas = {name: _save_new(Area, {"name": name}, {})[0] for name in AREAS}
    agencies = {}
    for name, short, sector, statutory, area in AGENCIES:
        agencies[short], _ = _save_new(
            Agency,
            {"name": name},
            {
                "short_name": short,
                "sector": sector,
                "partner_status": "statutory_partner" if statutory else "relevant_agency",
                "area": areas[area] if area else None,
            },
        )
    for short, (manager, role) in SENIOR_MANAGERS.items():
        agency = agencies[short]
        if not agency.senior_manager_email:
            agency.senior_manager_name, agency.senior_manager_role = manager, role
            agency.senior_manager_email = (
                f"senior.manager.{short.lower().replace(' ', '-')}@northbrook-scp.example"
            )
            agency.save()
    subgroups = {
        name: _save_new(Subgroup, {"name": name}, {"remit": remit, "terms_of_reference": remit})[0]
        for name, remit in SUBGROUPS
    }
    for year, items in PRIORITIES.items():
        for title, description in items:
            _save_new(Priority, {"year": year, "title": title}, {"description": description})

    for email, name, job_title, agency, role, scope in DEMO_PEOPLE:
        user = _person(email, name, job_title, agencies.get(agency), DEMO_PASSWORD)
        _assign(user, role, scope, subgroups, agencies)
    for email, name, job_title, agency, roles in SUPPORTING_PEOPLE:
        user = _person(email, name, job_title, agencies.get(agency), DEMO_PASSWORD)
        for role, scope in roles:
            _assign(user, role, scope, subgroups, agencies)
    if not User.objects.filter(email="admin@northbrook-scp.example").exists():
        User.objects.create_superuser(
            "admin@northbrook-scp.example", DEMO_PASSWORD, full_name="Demo Administrator"
        )
    seed_learning(agencies, subgroups)
    if stdout:
        stdout.write(
            f"Demo partnership: {Agency.objects.count()} agencies, {Subgroup.objects.count()} subgroups, "
            f"{User.objects.count()} people."
        )
