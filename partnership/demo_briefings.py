"""Demo learning briefings: a 7-minute briefing on the demo LCSPR (Child P), a newsletter
article on what the Section 11 self-assessment showed, a practice note from the multi-agency
neglect audit, and a draft newsletter article on what the youth forum said.

They link findings that the reviews, audits and core demos make, so `seed_demo` calls this last,
once every app has seeded (see partnership/management/commands/seed_demo.py). Each briefing is
written through the services (history names the demo business unit) and skipped whole if one
with its title exists, so a second run changes nothing. A finding that is missing (an app not
installed) is simply not linked.
"""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from .models import Briefing, Finding, Theme, User
from .services import briefings as services

BUSINESS_UNIT_EMAIL = "business.unit@northbrook-scp.example"

BRIEFINGS = [
    {
        "title": "Child P: recognising cumulative neglect",
        "format": Briefing.Format.SEVEN_MINUTE,
        "audience": Briefing.Audience.ALL_STAFF,
        "channels": ["newsletter", "website", "training", "team_meetings"],
        "published_days_ago": 200,
        "themes": ["Neglect", "Information sharing", "Professional curiosity"],
        "findings": {"source__kind": "case_review", "source__title__startswith": "Child P"},
        "background": (
            "Child P and her two younger brothers lived with their mother, who had long-standing "
            "depression. Over four years the family was known to health visiting, two schools, the GP, "
            "the police and children's social care, mostly through single contacts: missed health "
            "appointments, head lice, late arrival at school, a neighbour's call about the children being "
            "left alone. The partnership commissioned a Local Child Safeguarding Practice Review after "
            "Child P was admitted to hospital malnourished. The review was published in full with the "
            "family's agreement."
        ),
        "why_it_matters": (
            "Neglect is the most common reason for a child protection plan in Northbrook and Eastmoor, and "
            "it features in most national serious case reviews. Its harm is cumulative: no single incident "
            "looks serious, so each agency can reasonably decide its own concern is low level while the "
            "child's lived experience gets steadily worse."
        ),
        "what_we_found": (
            "Each agency saw part of the picture and nobody added it up: there were 37 contacts in four "
            "years, and no chronology brought them together. Practitioners were optimistic about the "
            "mother's engagement and measured progress by her attendance at appointments rather than by "
            "any change for the children. The children were rarely seen on their own or asked what a "
            "normal day was like. Referrals described single incidents, so each was screened below "
            "the threshold for assessment."
        ),
        "what_to_do": (
            "Use the graded care profile whenever you are worried about neglect, and share it with the "
            "other agencies involved. Keep a simple chronology and look back over it before deciding a "
            "new concern is low level. See the children on their own and ask them about their day. "
            "Describe the pattern, not only the latest incident, when you make a referral, and escalate "
            "under the partnership's resolving professional differences procedure if you disagree with "
            "a decision."
        ),
        "questions_for_practice": (
            "When did you last look back over the whole history of a family you work with? How do you "
            "know what a day is like for the children, in their own words? What would help you tell the "
            "difference between a parent's engagement with services and change for the child? Who else "
            "knows this family, and what do they know that you do not?"
        ),
        "further_reading": (
            "The partnership's neglect strategy and graded care profile guidance (website, Neglect). "
            "Resolving professional differences (escalation) procedure. The published LCSPR, Child P. "
            "Level 3 multi-agency course: Recognising and responding to neglect."
        ),
    },
    {
        "title": "Section 11: what agencies told us about supervision and training",
        "format": Briefing.Format.NEWSLETTER,
        "audience": Briefing.Audience.MANAGERS,
        "channels": ["newsletter", "website"],
        "published_days_ago": 60,
        "themes": ["Supervision", "Multi-agency working"],
        "findings": {"source__kind": "section11_round"},
        "background": (
            "Every two years each partner agency assesses itself against the eight Section 11 standards, "
            "and a peer challenge panel with lay members tests the evidence."
        ),
        "why_it_matters": (
            "Practitioners who are trained and supervised notice more, and act sooner, when a child is "
            "at risk."
        ),
        "what_we_found": (
            "Most agencies rated themselves good or better on safer recruitment and on listening to "
            "children. Safeguarding training compliance has improved since the last round, to above 90% "
            "in most agencies, but access to safeguarding supervision for staff working nights and "
            "weekends remains patchy, and few agencies could show that supervision changes practice."
        ),
        "what_to_do": (
            "Managers: check that everyone in your team, including night and weekend staff, has "
            "safeguarding supervision at least every three months, and record what it changed."
        ),
        "questions_for_practice": "",
        "further_reading": "The Section 11 overview report, on the partnership website.",
    },
    {
        "title": "Practice note: hearing neglected adolescents",
        "format": Briefing.Format.PRACTICE_NOTE,
        "audience": Briefing.Audience.PRACTITIONERS,
        "channels": ["procedures", "team_meetings"],
        "published_days_ago": 120,
        "themes": ["Neglect", "Voice of the child"],
        "findings": {"source__kind": "audit", "source__title__icontains": "neglect"},
        "background": (
            "The multi-agency audit of neglect of adolescents looked at the records of four young people "
            "aged 13 to 16 across children's social care, the police, the hospital and schools."
        ),
        "why_it_matters": (
            "Neglected adolescents are often seen as able to look after themselves, and their neglect is "
            "recorded as behaviour: missing school, going missing, risk-taking."
        ),
        "what_we_found": (
            "Young people's views were recorded in most assessments, but rarely shaped the plan. Neglect "
            "was recognised late when it showed itself as missing episodes or school absence."
        ),
        "what_to_do": (
            "Record what the young person said and what you did about it. Ask about food, sleep and who "
            "cares for them when they go missing or stop attending school."
        ),
        "questions_for_practice": "How would the young person describe their plan, and would they recognise it?",
        "further_reading": "Neglect procedures, section on adolescents (updated after this audit).",
    },
    {
        "title": "You said, we did: who to tell about online harm",
        "format": Briefing.Format.NEWSLETTER,
        "audience": Briefing.Audience.ALL_STAFF,
        "channels": ["newsletter"],
        "published_days_ago": None,  # a draft
        "themes": ["Online safety", "Voice of the child"],
        "findings": {"source__kind": "consultation", "source__title": "Youth forum: feeling safe online"},
        "background": "Northbrook Youth Forum told the partnership how young people experience online harm.",
        "why_it_matters": "",
        "what_we_found": (
            "Most young people would not tell a teacher about something that happened online, for fear of "
            "losing their phone. They trust school nurses to listen."
        ),
        "what_to_do": "",
        "questions_for_practice": "",
        "further_reading": "",
    },
]

SECTION_NAMES = (
    "background",
    "why_it_matters",
    "what_we_found",
    "what_to_do",
    "questions_for_practice",
    "further_reading",
)


@transaction.atomic
def seed_briefings(stdout=None) -> None:
    """Write the demo briefings that are missing (see the module docstring)."""
    actor = User.objects.filter(email=BUSINESS_UNIT_EMAIL).first()
    today = timezone.localdate()
    made = []
    for data in BRIEFINGS:
        if Briefing.objects.filter(title=data["title"]).exists():
            continue
        briefing = Briefing(
            title=data["title"],
            format=data["format"],
            audience=data["audience"],
            **{name: data[name] for name in SECTION_NAMES},
        )
        services.briefing_create(
            briefing=briefing,
            channels=data["channels"],
            findings=list(Finding.objects.filter(**data["findings"])),
            themes=list(Theme.objects.filter(name__in=data["themes"])),
            actor=actor,
        )
        if data["published_days_ago"] is not None:
            services.briefing_publish(
                briefing=briefing,
                no_child_identified=True,
                published_on=today - timedelta(days=data["published_days_ago"]),
                actor=actor,
            )
        made.append(briefing.title)
    if stdout and made:
        stdout.write(f"Demo learning briefings: {len(made)} written.")
