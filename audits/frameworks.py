"""The Pan London Section 11 self-assessment standards every installation starts with.

The eight standards are those of the Pan London Section 11 tool (seed 001); the requirements
under each are what partnerships commonly ask agencies to evidence. The business unit edits
them, and adds other frameworks, as data.
"""

PAN_LONDON_NAME = "Section 11 self-assessment (Pan London standards)"

RATING_SCALE = [
    (3, "Fully met", "The standard is met in full, with evidence of impact."),
    (2, "Mostly met", "Most of the standard is met; minor gaps are being addressed."),
    (1, "Partially met", "Some of the standard is met; significant gaps remain."),
    (0, "Not met", "The standard is not met."),
]

PAN_LONDON_STANDARDS = [
    (
        "Senior management have commitment to the importance of safeguarding and promoting children's welfare",
        [
            ("A named board-level or senior lead is responsible for safeguarding children.", ""),
            (
                "Safeguarding is part of the organisation's business plan and is reviewed by senior leaders at least "
                "once a year.",
                "Board minutes, business plan, annual safeguarding report.",
            ),
            ("Senior leaders receive and act on safeguarding performance information.", ""),
        ],
    ),
    (
        "There is a clear statement of the agency's responsibility towards children and this is available to all staff",
        [
            (
                "A safeguarding children policy, consistent with the partnership's procedures, is available to all "
                "staff and volunteers.",
                "The policy, its review date, how staff find it.",
            ),
            (
                "Staff know how to raise a safeguarding concern and whom to contact.",
                "Staff survey, audit of referrals.",
            ),
        ],
    ),
    (
        "There is a clear line of accountability within the organisation for work on safeguarding and promoting "
        "welfare",
        [
            (
                "Named or designated safeguarding professionals are in post, with time and support for the role.",
                "",
            ),
            (
                "Staff receive safeguarding supervision appropriate to their role.",
                "Supervision policy and audit.",
            ),
            ("Escalation and professional challenge are understood and used.", ""),
        ],
    ),
    (
        "Service development takes into account the need to safeguard and promote welfare and is informed, where "
        "appropriate, by the views of children and families",
        [
            (
                "The views of children and families shape how services are planned and improved.",
                "You said, we did.",
            ),
            ("Safeguarding is considered in commissioning and in changes to services.", ""),
        ],
    ),
    (
        "There is effective training on safeguarding and promoting the welfare of children for all staff working "
        "with or in contact with children and families",
        [
            (
                "Every member of staff has safeguarding training at the level their role needs, and it is kept up to "
                "date.",
                "Training records by level and coverage.",
            ),
            ("Staff take part in the partnership's multi-agency training.", ""),
            ("The impact of training on practice is evaluated.", ""),
        ],
    ),
    (
        "Safer recruitment procedures including vetting procedures and those for managing allegations are in place",
        [
            (
                "Safer recruitment, including DBS checks and references, is followed for every post working with "
                "children.",
                "Recruitment audit.",
            ),
            (
                "Allegations against staff are referred to the Local Authority Designated Officer.",
                "LADO referrals.",
            ),
        ],
    ),
    (
        "There is effective inter-agency working to safeguard and promote the welfare of children",
        [
            ("The agency takes part in child protection conferences, core groups and strategy meetings.", ""),
            ("The agency contributes to the partnership's reviews, audits and subgroups.", ""),
        ],
    ),
    (
        "There is effective information sharing",
        [
            ("Staff understand when and how to share information to safeguard children.", ""),
            ("Records of safeguarding concerns are clear, timely and shared appropriately.", "Record audit."),
        ],
    ),
]
