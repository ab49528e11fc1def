"""Demo learning: consultations with children, their findings and recommendations, and action
plans with actions in every state (some overdue, one escalated), so that a new user sees RAG,
chasers (`send_reminders --dry-run`) and dashboards with something in them.

Dates are relative to the day the demo is seeded. Each consultation is created with everything
under it, or skipped whole if it exists, so a second run changes nothing.
"""

from datetime import timedelta

from django.utils import timezone

from .models import (
    Action,
    ActionPlan,
    ActionStatus,
    ActionUpdate,
    Consultation,
    Evidence,
    Finding,
    Recommendation,
    Theme,
    User,
)

S = ActionStatus

# Each consultation: its details, findings, recommendations and plan with actions. Action rows:
# (recommendation ref, description, owner short name or None, lead email or name, due in days,
#  status, [update ages in days], evidence?, impact or cancelled reason)
CONSULTATIONS = [
    {
        "title": "Youth forum: feeling safe online",
        "days_ago": 300,
        "method": "youth_forum",
        "group": "Northbrook Youth Forum: 14 young people aged 13 to 17",
        "topic": "Online harm and who young people tell",
        "said": "Most of us would not tell a teacher about something that happened online because we think we "
        "would get in trouble or have our phone taken. Adults do not understand the apps we use.",
        "changed": "The online safety guide is being written with the forum; school nurses now ask about online "
        "life at every health review.",
        "subgroup": "Learning and Improvement",
        "themes": ["Online safety", "Voice of the child"],
        "findings": [
            ("improvement", "Young people do not know who to tell about online harm", ["Online safety"]),
            (
                "improvement",
                "Fear of losing their phone stops young people telling adults",
                ["Voice of the child"],
            ),
            ("strength", "Young people trust school nurses to listen", ["Voice of the child"]),
        ],
        "recommendations": [
            (
                "1",
                "Co-produce an online safety guide for young people with the youth forum.",
                True,
                [],
                ["Online safety", "Voice of the child"],
            ),
            (
                "2",
                "Schools and colleges should make clear in every year group where to get help about online harm, "
                "and that telling will not mean losing their phone.",
                False,
                ["Brookside", "EM College"],
                ["Online safety"],
            ),
        ],
        "plan": ("Online safety: youth forum action plan", 250),
        "actions": [
            (
                "1",
                "Write the online safety guide with the youth forum and publish it on the partnership website.",
                "NBC",
                "business.unit@northbrook-scp.example",
                -40,
                S.ON_TRACK,
                [100, 160],
                False,
                "",
            ),
            (
                "2",
                "Add 'who to tell about online harm' to every year group's PSHE plan.",
                "Brookside",
                "schools.lead@northbrook-scp.example",
                20,
                S.NOT_STARTED,
                [],
                False,
                "",
            ),
            (
                "2",
                "Publish the college's online harm reporting route in the student app.",
                "EM College",
                "college.lead@northbrook-scp.example",
                -20,
                S.COMPLETE,
                [90, 30],
                True,
                "The reporting route had 41 uses in its first term, against 3 disclosures the year before.",
            ),
            (
                "1",
                "Train youth forum members as peer online safety champions.",
                "Young Voices",
                "Kemi Adeyemi",
                120,
                S.ON_TRACK,
                [10],
                False,
                "",
            ),
        ],
    },
    {
        "title": "Care leavers' survey: moving to adulthood",
        "days_ago": 150,
        "method": "survey",
        "group": "38 care leavers aged 17 to 21 across Northbrook and Eastmoor",
        "topic": "Health and support when leaving care",
        "said": "Nobody told me my health history when I left care. I had to tell my story again to every new "
        "worker. I want one person who stays.",
        "changed": "Care leavers now get a written health history before their 18th birthday, and the leaving "
        "care team keeps the same personal adviser from 16 to 21.",
        "subgroup": "Quality and Performance",
        "themes": ["Transition to adulthood", "Children looked after"],
        "findings": [
            ("improvement", "Care leavers leave without their health history", ["Transition to adulthood"]),
            ("improvement", "Young people repeat their story to each new worker", ["Information sharing"]),
        ],
        "recommendations": [
            (
                "1",
                "Every care leaver is given a health passport before their 18th birthday.",
                False,
                ["NGH", "ECH"],
                ["Transition to adulthood", "Children looked after"],
            ),
            (
                "2",
                "Mental health services agree a transition protocol with leaving care teams.",
                False,
                ["NMH"],
                ["Children's mental health and self-harm", "Transition to adulthood"],
            ),
        ],
        "plan": ("Care leavers' health: survey action plan", 120),
        "actions": [
            (
                "1",
                "Introduce the health passport at every looked-after child's review from age 16.",
                "NGH",
                "agency.lead@northbrook-scp.example",
                -10,
                S.OFF_TRACK,
                [40],
                False,
                "",
            ),
            (
                "2",
                "Agree a transition protocol between CAMHS and adult mental health for care leavers.",
                "NMH",
                "mh.lead@northbrook-scp.example",
                90,
                S.CANCELLED,
                [],
                False,
                "Replaced by the all-age transition protocol in the Eastmoor plan.",
            ),
            (
                "1",
                "Audit 20 care leavers' files for a health history summary.",
                "ECH",
                "Dr Ruth Ellis",
                200,
                S.NOT_STARTED,
                [],
                False,
                "",
            ),
            (
                "1",
                "Brief named nurses for looked-after children on the health passport.",
                "NGH",
                "agency.lead@northbrook-scp.example",
                25,
                S.ON_TRACK,
                [70],
                False,
                "",
            ),
        ],
    },
    {
        "title": "Young carers' group: being listened to",
        "days_ago": 400,
        "method": "focus_group",
        "group": "Eastmoor Young Carers: 9 young people aged 11 to 16",
        "topic": "Being seen and heard by professionals",
        "said": "Professionals talk to my mum, not to me, even though I do the caring. The police officer "
        "was the first person who asked how I was.",
        "changed": "Police domestic abuse officers now record the child's own words in every attendance.",
        "subgroup": "Learning and Improvement",
        "themes": ["Voice of the child", "Think family"],
        "findings": [
            (
                "improvement",
                "Professionals speak to parents and not to the young carer",
                ["Voice of the child"],
            ),
            ("strength", "Police officers asked children directly how they were", ["Voice of the child"]),
        ],
        "recommendations": [
            (
                "1",
                "Every agency's assessment records the young carer's own view.",
                True,
                ["Police", "EMC"],
                ["Voice of the child", "Think family"],
            ),
        ],
        "plan": ("Young carers: voice of the child action plan", 380),
        "actions": [
            (
                "1",
                "Add a 'child's own words' field to the police domestic abuse attendance record.",
                "Police",
                "practice.review.chair@northbrook-scp.example",
                -120,
                S.ON_TRACK,
                [150],
                False,
                "",
            ),
            (
                "1",
                "Include young carers' views in the Eastmoor early help assessment template.",
                "EMC",
                "Liam Okoro",
                -60,
                S.COMPLETE,
                [200, 80],
                True,
                "Audit of 25 early help assessments found the young carer's view recorded in 22, up from 6.",
            ),
        ],
    },
]


def _lead(value: str, users: dict) -> dict:
    if "@" in value:
        return {"lead_user": users[value]}
    return {"lead_name": value}


def seed_learning(agencies: dict, subgroups: dict) -> None:
    today = timezone.localdate()
    themes = {t.name: t for t in Theme.objects.all()}
    users = {u.email: u for u in User.objects.all()}
    business_unit = users["business.unit@northbrook-scp.example"]
    for data in CONSULTATIONS:
        if Consultation.objects.filter(title=data["title"]).exists():
            continue
        consultation = Consultation(
            title=data["title"],
            date=today - timedelta(days=data["days_ago"]),
            method=data["method"],
            group=data["group"],
            topic=data["topic"],
            what_they_said=data["said"],
            what_changed=data["changed"],
            subgroup=subgroups[data["subgroup"]],
        )
        consultation.save()
        consultation.themes.set([themes[name] for name in data["themes"]])
        source = consultation.learning_source
        for kind, title, theme_names in data["findings"]:
            finding = Finding.objects.create(source=source, kind=kind, title=title)
            finding.themes.set([themes[name] for name in theme_names])
        recommendations = {}
        for ref, text, to_partnership, agency_names, theme_names in data["recommendations"]:
            rec = Recommendation.objects.create(
                source=source, reference=ref, text=text, to_partnership=to_partnership
            )
            rec.agencies.set([agencies[name] for name in agency_names])
            rec.themes.set([themes[name] for name in theme_names])
            recommendations[ref] = rec
        plan_title, plan_days_ago = data["plan"]
        start = today - timedelta(days=plan_days_ago)
        plan = ActionPlan.objects.create(
            source=source, title=plan_title, subgroup=subgroups[data["subgroup"]], start_date=start
        )
        for ref, text, owner, lead, due_in, status, update_ages, evidence, closing in data["actions"]:
            action = Action(
                plan=plan,
                recommendation=recommendations[ref],
                description=text,
                owner_agency=agencies[owner] if owner else None,
                start_date=start,
                due_date=today + timedelta(days=due_in),
                status=status,
                impact=closing if status == S.COMPLETE else "",
                cancelled_reason=closing if status == S.CANCELLED else "",
                closed_on=today - timedelta(days=5) if status in (S.COMPLETE, S.CANCELLED) else None,
                **_lead(lead, users),
            )
            action.save()
            author = action.lead_user or business_unit
            for age in update_ages:
                ActionUpdate.objects.create(
                    action=action,
                    date=today - timedelta(days=age),
                    text="Progress reviewed at the subgroup; next steps agreed with the lead.",
                    author=author,
                )
            if evidence:
                Evidence.objects.create(
                    action=action,
                    description="Report to the subgroup showing the change",
                    link="https://intranet.northbrook-scp.example/reports/evidence",
                    added_by=author,
                )
