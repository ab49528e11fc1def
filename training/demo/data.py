"""What the demo training programme is made of (used by training/demo.py): its courses with their
learning outcomes and themes, the fictional practitioners, managers and trainers, and the
words of their evaluations and three-month follow-ups. Everyone here is made up."""

# Practitioners are drawn from these names; their emails are made from the name and agency.
FIRST_NAMES = [
    "Aisha", "Ben", "Chloe", "Daniel", "Eleanor", "Farah", "George", "Hannah", "Isaac", "Jasmine", "Kieran",
    "Laura", "Mohammed", "Naomi", "Oliver", "Priya", "Rachel", "Samuel", "Tara", "Usman", "Victoria", "William",
    "Yasmin", "Zoe", "Adam", "Bethany", "Callum", "Deborah", "Ellis", "Fatima",
]  # fmt: skip
SURNAMES = [
    "Practitioner", "Ashby", "Barker", "Carver", "Dunmore", "Ellison", "Fenwick", "Garside", "Hollins", "Ingram",
    "Jarrett", "Kendall", "Lomax", "Merritt", "Norcross", "Oakley", "Pennock", "Quarmby", "Ridley", "Stanhope",
    "Thwaite", "Upton", "Varley", "Whitworth", "Yardley",
]  # fmt: skip
MANAGERS = [
    "Carol Manager", "Derek Ainsworth", "Fiona Blakey", "Gareth Colley", "Helen Dobson", "Imogen Earnshaw",
    "Jonathan Firth", "Karen Greenwood", "Lewis Haigh", "Maureen Illingworth",
]  # fmt: skip
TRAINERS = ["Dana Trainer", "Ruth Ellison (independent trainer)", "DS Mark Keeling", "Dr Sophie Lund",
            "Northshire Safeguarding Academy"]  # fmt: skip
VENUES = ["Northbrook Civic Centre, Room 2", "Eastmoor Town Hall, Council Chamber", "Northbrook General Hospital, "
          "Education Centre", "Brookside Academy, Learning Hub"]  # fmt: skip

JOB_ROLES = {
    "local_authority": [
        "Social worker",
        "Family support worker",
        "Early help practitioner",
        "Youth justice officer",
    ],
    "health": ["Health visitor", "Staff nurse", "Midwife", "School nurse", "Paramedic"],
    "police": ["Police constable", "Detective constable", "PCSO"],
    "education": [
        "Teacher",
        "Designated safeguarding lead",
        "Teaching assistant",
        "Early years practitioner",
    ],
    "probation": ["Probation officer", "Probation services officer"],
    "voluntary": ["Family support worker", "Youth worker", "Children's domestic abuse worker"],
    "other": ["Housing officer", "Tenancy support officer"],
}

# Each course: title, level, format, provider (short name of a providing agency, or ""), themes,
# learning outcomes, which programme years run it ("last", "this" or "both"), follow-up sample %,
# needs the manager's approval, what impact examples are linked to (finding title or action
# description, from the core's and the audits' demo learning; missing ones are skipped).
COURSES = [
    {
        "title": "Safeguarding children: everyone's responsibility",
        "level": 1, "format": "course", "years": "both", "sample": 50,
        "themes": ["Neglect", "Voice of the child"],
        "outcomes": ["Recognise the signs that a child may be at risk of harm",
                     "Know who to tell and how to make a referral",
                     "Understand why the child's own words matter"],
    },
    {
        "title": "Recognising and responding to neglect",
        "level": 1, "format": "workshop", "years": "both",
        "themes": ["Neglect", "Professional curiosity"],
        "outcomes": ["Describe the forms neglect takes at different ages",
                     "Explain how cumulative harm builds up over time"],
        "links": [("finding", "Adolescents are rarely spoken to alone")],
    },
    {
        "title": "Working together: multi-agency safeguarding",
        "level": 2, "format": "course", "years": "both",
        "themes": ["Multi-agency working", "Information sharing", "Thresholds and escalation"],
        "outcomes": ["Apply the threshold document to a case",
                     "Share information lawfully and in time",
                     "Use the escalation policy when agencies disagree"],
        "links": [("finding", "Schools are left out of strategy discussions"),
                  ("action", "Change the strategy discussion invitation list")],
    },
    {
        "title": "Child exploitation and harm outside the home",
        "level": 2, "format": "course", "years": "both",
        "themes": ["Child criminal exploitation", "Child sexual exploitation", "Contextual safeguarding"],
        "outcomes": ["Spot the signs of criminal and sexual exploitation",
                     "Use the exploitation screening tool",
                     "Plan around places and peer groups, not only the family"],
        "links": [("action", "Brief response officers on speaking to young people alone")],
    },
    {
        "title": "Hearing the voice of the child",
        "level": 2, "format": "workshop", "years": "this",
        "themes": ["Voice of the child", "Lived experience of the child"],
        "outcomes": ["Speak to a child alone, safely and well",
                     "Record what the child said in their own words"],
        "links": [("finding", "Adolescents are rarely spoken to alone"),
                  ("action", "Add a 'child's own words' field")],
    },
    {
        "title": "Domestic abuse: the impact on children",
        "level": 2, "format": "conference", "years": "last",
        "themes": ["Domestic abuse", "Think family"],
        "outcomes": ["Describe how domestic abuse affects children of different ages",
                     "Include fathers and male carers in assessment"],
    },
    {
        "title": "Safer sleep and the bruising protocol",
        "level": 3, "format": "briefing", "years": "both", "provider": "NGH",
        "themes": ["Safer sleep", "Physical abuse"],
        "outcomes": ["Give consistent safer sleep advice at every contact",
                     "Follow the bruising protocol for non-mobile babies"],
    },
    {
        "title": "Graded care profile 2 for practitioners",
        "level": 3, "format": "train_the_trainer", "years": "last", "approval": True,
        "themes": ["Neglect", "Assessment and planning"],
        "outcomes": ["Complete a graded care profile with a family",
                     "Use the profile's scores in a plan"],
    },
    {
        "title": "Professional curiosity and respectful challenge",
        "level": 3, "format": "workshop", "years": "this", "approval": True,
        "themes": ["Professional curiosity", "Supervision"],
        "outcomes": ["Look beyond what is presented and test it",
                     "Challenge colleagues and other agencies respectfully"],
    },
]  # fmt: skip

WILL_DO = [
    "Speak to the child on their own at every visit and write down what they say.",
    "Check the chronology before the strategy meeting and share it with partners.",
    "Use the escalation policy instead of letting a disagreement drift.",
    "Ask about the child's day, not just the parents' account of it.",
    "Give safer sleep advice at every contact, not only the first.",
]
PARTICIPANT_EXAMPLES = [
    "I spoke to a 14-year-old on her own for the first time in the case. She told me things she had never "
    "said with her mum in the room, and we changed the plan.",
    "I used the exploitation screening tool with a boy missing from school. It led to a referral the same day "
    "and a safety plan with the school and police.",
    "I escalated a disagreement about threshold to my manager instead of closing the case. The family now "
    "has a child in need plan.",
    "I now write the child's own words in quotation marks in every record, so the next worker hears them.",
    "At a home visit I used the graded care profile and the parents could see for themselves what had to "
    "change. We agreed the plan together.",
    "I invited the school's safeguarding lead to the strategy discussion; they knew about a new boyfriend "
    "none of us had heard of.",
    "I asked a dad about his own childhood and his role in the baby's care, and he came to every appointment "
    "afterwards.",
]
MANAGER_EXAMPLES = [
    "Her case notes now record the child's views in their own words, and she brings them to supervision.",
    "He challenged the police decision at the strategy meeting, respectfully and with evidence.",
    "I have seen him use the screening tool on two cases and refer to the exploitation panel.",
    "Her assessments are clearer about what daily life is like for the child.",
]
HOW = [
    "I plan time alone with the child into every visit.",
    "I check the threshold document before deciding, and I record my reasons.",
    "I share the chronology with partners before meetings.",
]
DIFFERENCE = [
    "The child's wishes shaped the plan: she wanted to stay at her school, and she has.",
    "The family got help earlier than they would have before.",
    "The young person now has a trusted adult he talks to every week.",
]
BARRIERS = [
    "Caseloads leave little time for visits alone.",
    "Other agencies do not always come to meetings.",
    "",
]
