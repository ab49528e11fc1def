"""The core's part of `seed_scale`: a large synthetic partnership for measuring speed.

Makes 60 agencies (scaled), six subgroups, twenty themes, the people who hold each role, and
500 consultations with children (scaled) as sources of learning, each with findings,
recommendations and an action plan of ten actions with three progress updates each. The other
apps' `scale.py` add their own sources through `bulk_sources` and `add_plans` here, so that the
whole partnership has 2,000 plans, 20,000 actions and 60,000 updates at factor 1.

Everything is made with `bulk_create` and so has no history rows: this is synthetic data for
measuring pages and jobs, not a record anyone changed. Every name starts with "Scale" (agencies,
subgroups, themes) or ends in "@scale.example" (people), which is how the command recognises a
database it has already seeded. Dates are relative to the day it runs, so RAG ratings, clocks and
due reminders look like a live partnership's; the random choices come from the seeded `rng`.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db import models
from django.utils import timezone

from partnership.models import (
    Action,
    ActionPlan,
    ActionStatus,
    ActionUpdate,
    Agency,
    Area,
    Consultation,
    Finding,
    LearningSource,
    Priority,
    Recommendation,
    Role,
    RoleAssignment,
    Subgroup,
    Theme,
    User,
)

EMAIL_DOMAIN = "scale.example"
SUBGROUPS = [
    "Learning and Improvement",
    "Practice Review",
    "Quality Assurance",
    "Training and Workforce",
    "Exploitation",
    "Neglect",
]
THEMES = [
    "Neglect", "Voice of the child", "Exploitation", "Domestic abuse", "Mental health",
    "Information sharing", "Professional curiosity", "Escalation", "Transitions", "Disability",
    "Online harm", "Adolescent risk", "Parental substance misuse", "Housing", "Education",
    "Early help", "Safer sleep", "Bruising in non-mobile babies", "Culture and identity", "Think family",
]  # fmt: skip
SECTORS = list(Agency.Sector.values)
ACTIONS_PER_PLAN = 10
UPDATES_PER_ACTION = 3


def scaled(count: int, factor: float, minimum: int = 1) -> int:
    return max(minimum, round(count * factor))


@dataclass
class Scale:
    """What every app's seed needs: the factor, today, and the core records made here."""

    factor: float
    today: date = field(default_factory=timezone.localdate)
    agencies: list = field(default_factory=list)
    subgroups: dict = field(default_factory=dict)
    themes: list = field(default_factory=list)
    business_unit: list = field(default_factory=list)
    chairs: dict = field(default_factory=dict)  # subgroup name -> user
    leads: dict = field(default_factory=dict)  # agency id -> user

    @classmethod
    def load(cls, factor: float) -> "Scale":
        """The core records of an already-seeded database (for the apps' seeds)."""
        s = cls(factor=factor)
        s.agencies = list(Agency.objects.filter(name__startswith="Scale ").order_by("pk"))
        s.subgroups = {
            g.name.removeprefix("Scale "): g for g in Subgroup.objects.filter(name__startswith="Scale ")
        }
        s.themes = list(Theme.objects.filter(name__startswith="Scale ").order_by("pk"))
        people = User.objects.filter(email__endswith=f"@{EMAIL_DOMAIN}")
        s.business_unit = list(people.filter(role_assignments__role=Role.BUSINESS_UNIT).order_by("pk"))
        for ra in RoleAssignment.objects.filter(user__in=people).select_related("user", "subgroup"):
            if ra.role == Role.SUBGROUP_CHAIR:
                s.chairs[ra.subgroup.name.removeprefix("Scale ")] = ra.user
            elif ra.role == Role.AGENCY_LEAD:
                s.leads[ra.agency_id] = ra.user
        return s

    def n(self, count: int, minimum: int = 1) -> int:
        return scaled(count, self.factor, minimum)

    def authors(self) -> list:
        return self.business_unit + list(self.leads.values())


def already_seeded() -> bool:
    return User.objects.filter(email__endswith=f"@{EMAIL_DOMAIN}").exists()


def _person(email: str, name: str, agency=None, title: str = "") -> User:
    user = User(email=email, full_name=name, job_title=title, agency=agency)
    user.set_unusable_password()
    return user


def seed(rng, stdout, factor: float = 1.0) -> Scale:
    s = Scale(factor=factor)
    areas = Area.objects.bulk_create([Area(name=f"Scale area {i}") for i in (1, 2)])
    s.agencies = Agency.objects.bulk_create(
        Agency(
            name=f"Scale agency {i:03d}",
            short_name=f"SA{i:03d}",
            sector=SECTORS[i % len(SECTORS)],
            partner_status=Agency.PartnerStatus.STATUTORY_PARTNER
            if i <= 3
            else Agency.PartnerStatus.RELEVANT_AGENCY,
            area=areas[i % 2] if i % 5 else None,
        )
        for i in range(1, s.n(60, minimum=3) + 1)
    )
    s.subgroups = dict(
        zip(
            SUBGROUPS,
            Subgroup.objects.bulk_create(
                Subgroup(name=f"Scale {name}", remit=f"Oversees {name.lower()} across the partnership.")
                for name in SUBGROUPS
            ),
            strict=True,
        )
    )
    s.themes = Theme.objects.bulk_create(Theme(name=f"Scale {name}") for name in THEMES)
    Priority.objects.bulk_create(
        Priority(year=s.today.year - back, title=f"Scale priority {i}: {THEMES[i]}")
        for back in (0, 1)
        for i in range(1, 4)
    )
    people = [
        _person(f"bu{i}@{EMAIL_DOMAIN}", f"Scale Business Officer {i}", title="Business unit")
        for i in (1, 2, 3)
    ]
    people += [_person(f"chair{i}@{EMAIL_DOMAIN}", f"Scale Chair {i}") for i in range(len(SUBGROUPS))]
    people += [
        _person(f"lead{a.pk}@{EMAIL_DOMAIN}", f"Scale Lead {a.short_name}", agency=a) for a in s.agencies
    ]
    people += [_person(f"lay{i}@{EMAIL_DOMAIN}", f"Scale Lay Member {i}") for i in (1, 2)]
    people = User.objects.bulk_create(people)
    bu, chairs, leads, lay = people[:3], people[3:9], people[9:-2], people[-2:]
    s.business_unit = bu
    s.chairs = dict(zip(SUBGROUPS, chairs, strict=True))
    s.leads = {a.pk: lead for a, lead in zip(s.agencies, leads, strict=True)}
    RoleAssignment.objects.bulk_create(
        [RoleAssignment(user=u, role=Role.BUSINESS_UNIT) for u in bu]
        + [
            RoleAssignment(user=c, role=Role.SUBGROUP_CHAIR, subgroup=s.subgroups[name])
            for name, c in s.chairs.items()
        ]
        + [RoleAssignment(user=u, role=Role.AGENCY_LEAD, agency_id=pk) for pk, u in s.leads.items()]
        + [RoleAssignment(user=u, role=Role.LAY_MEMBER) for u in lay]
    )
    consultations = [
        Consultation(
            title=f"Scale consultation {i}: {rng.choice(THEMES).lower()}",
            date=s.today - timedelta(days=rng.randint(30, 1100)),
            group="Children in care council",
            topic=rng.choice(THEMES),
            what_they_said="Workers change too often; we want to be asked before decisions are made.",
            subgroup=s.subgroups["Learning and Improvement"],
        )
        for i in range(1, s.n(500) + 1)
    ]
    bulk_sources(Consultation, consultations)
    add_plans(rng, s, [c.learning_source for c in consultations], s.subgroups["Learning and Improvement"])
    stdout.write(
        f"  partnership: {len(s.agencies)} agencies, {len(people)} people, {len(consultations)} consultations"
    )
    return s


def bulk_sources(model: type[models.Model], rows: list) -> list:
    """Create source-of-learning rows with their `LearningSource` anchors, in bulk.

    `SourceOfLearning.save()` makes the anchor one row at a time; here the anchors are made
    first in one `bulk_create` (which returns their keys on PostgreSQL and SQLite) and the
    concrete rows follow with `learning_source_id` set, as `save()` would have left them.
    """
    anchors = LearningSource.objects.bulk_create(
        LearningSource(
            kind=model.SOURCE_KIND,
            title=row.source_title()[:255],
            date=row.source_date(),
            subgroup=row.source_subgroup(),
            confidential=model.SOURCE_CONFIDENTIAL,
        )
        for row in rows
    )
    for row, anchor in zip(rows, anchors, strict=True):
        row.learning_source = anchor
    model.objects.bulk_create(rows, batch_size=1000)
    return rows


def add_plans(rng, s: Scale, sources: list[LearningSource], subgroup: Subgroup) -> list[ActionPlan]:
    """Two findings, three recommendations and an action plan of ACTIONS_PER_PLAN actions (with
    UPDATES_PER_ACTION updates each) for each source."""
    today = s.today
    findings = Finding.objects.bulk_create(
        Finding(source=src, kind=kind, title=f"{title} {src.pk}")
        for src in sources
        for kind, title in (("strength", "Good multi-agency working"), ("improvement", "Drift in planning"))
    )
    Finding.themes.through.objects.bulk_create(
        Finding.themes.through(finding_id=f.pk, theme_id=rng.choice(s.themes).pk) for f in findings
    )
    recs = Recommendation.objects.bulk_create(
        Recommendation(
            source=src, reference=f"R{i}", text=f"Agencies should strengthen practice ({src.pk}.{i})."
        )
        for src in sources
        for i in (1, 2, 3)
    )
    Recommendation.agencies.through.objects.bulk_create(
        Recommendation.agencies.through(recommendation_id=r.pk, agency_id=a.pk)
        for r in recs
        for a in rng.sample(s.agencies, min(2, len(s.agencies)))
    )
    Recommendation.themes.through.objects.bulk_create(
        Recommendation.themes.through(recommendation_id=r.pk, theme_id=rng.choice(s.themes).pk) for r in recs
    )
    plans = ActionPlan.objects.bulk_create(
        ActionPlan(
            source=src,
            title=f"Action plan: {src.title}"[:255],
            subgroup=subgroup,
            start_date=min(today, src.date + timedelta(days=rng.randint(14, 90))),
        )
        for src in sources
    )
    recs_by_source: dict[int, list] = {}
    for r in recs:
        recs_by_source.setdefault(r.source_id, []).append(r)
    actions = []
    for plan in plans:
        for i in range(ACTIONS_PER_PLAN):
            agency = rng.choice(s.agencies) if i % 5 else None
            start = plan.start_date
            due = start + timedelta(days=rng.randint(60, 720))
            status = rng.choices(
                ActionStatus.values, weights=[15, 40, 10, 2, 28, 5] if due < today else [35, 50, 10, 1, 3, 1]
            )[0]
            actions.append(
                Action(
                    plan=plan,
                    recommendation=recs_by_source[plan.source_id][i % 3],
                    description=f"Scale action {plan.pk}.{i + 1}: audit practice and report back.",
                    success_measure="Audit shows improvement.",
                    owner_agency=agency,
                    lead_user=s.leads.get(agency.pk) if agency else rng.choice(s.business_unit),
                    start_date=start,
                    due_date=due,
                    original_due_date=due,
                    status=status,
                    impact="Practice audit shows the change."
                    if status in (ActionStatus.COMPLETE, ActionStatus.AWAITING_SIGNOFF)
                    else "",
                    reported_complete_on=min(today, due) if status == ActionStatus.AWAITING_SIGNOFF else None,
                    cancelled_reason="Superseded." if status == ActionStatus.CANCELLED else "",
                    closed_on=min(today, due)
                    if status in (ActionStatus.COMPLETE, ActionStatus.CANCELLED)
                    else None,
                )
            )
    actions = Action.objects.bulk_create(actions, batch_size=2000)
    authors = s.authors()
    updates = []
    for action in actions:
        span = max(1, (today - action.start_date).days)
        for j in range(UPDATES_PER_ACTION):
            updates.append(
                ActionUpdate(
                    action=action,
                    date=action.start_date + timedelta(days=rng.randint(0, span)),
                    text=f"Progress note {j + 1}: work continues with partners.",
                    author=rng.choice(authors),
                )
            )
    ActionUpdate.objects.bulk_create(updates, batch_size=5000)
    return plans
