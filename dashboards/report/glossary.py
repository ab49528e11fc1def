"""The annual report's glossary: the terms it uses, in plain words, printed at its end.

Kept in the code so that every partnership's report explains the same terms the same way; add a
term here when a section starts to use it. Alphabetical by term (the report prints them sorted).
"""

TERMS: dict[str, str] = {
    "7-minute briefing": (
        "A short summary of the learning from a review or audit, written so that a team can read and discuss it "
        "in about seven minutes."
    ),
    "Action plan": (
        "The actions agreed in answer to a source of learning, each with an agency, a lead and a due date, "
        "overseen by a subgroup until every action is closed."
    ),
    "Business unit": (
        "The partnership's small team of staff: the partnership manager, business support, and the training "
        "and quality assurance officers who run its work day to day."
    ),
    "CDOP": (
        "Child Death Overview Panel: reviews the death of every child who lived in the area, to learn whether "
        "anything could be changed to prevent future deaths."
    ),
    "CSP": (
        "Community Safety Partnership: the council, police and other agencies working together to reduce crime "
        "and disorder; it commissions Domestic Homicide Reviews."
    ),
    "DHR": (
        "Domestic Homicide Review (to be renamed Domestic Abuse Related Death Review): a review, led by the "
        "Community Safety Partnership, of a death that may have resulted from domestic abuse."
    ),
    "Executive": (
        "The leaders of the three safeguarding partners, who are jointly responsible for the partnership's "
        "arrangements and take its decisions."
    ),
    "HWB": (
        "Health and Wellbeing Board: brings together the council, the NHS and others to plan the health and "
        "wellbeing of the local population."
    ),
    "Lay member": (
        "A member of the public who sits on the partnership or its panels, to bring a community view and to "
        "challenge the professionals."
    ),
    "LCSPR": (
        "Local Child Safeguarding Practice Review: an in-depth review the partners commission when a Rapid Review "
        "finds that a serious case could teach important lessons for the area."
    ),
    "MASH": (
        "Multi-Agency Safeguarding Hub: where children's social care, the police, health and others share "
        "information to decide together how to respond to a concern about a child."
    ),
    "National Panel": (
        "The Child Safeguarding Practice Review Panel: the national body that is told of serious incidents, "
        "commissions national reviews and receives every local review and annual report."
    ),
    "RAG": (
        "Red, amber, green: a rating of progress. In this report an overdue action is red by rule, not by "
        "judgement."
    ),
    "Rapid Review": (
        "A quick multi-agency look at a serious incident, normally within 15 working days, to decide whether a "
        "Local Child Safeguarding Practice Review is needed and what can be learnt at once."
    ),
    "Relevant agency": (
        "An organisation the safeguarding partners name as taking part in the arrangements, such as schools, "
        "health providers, probation and voluntary organisations."
    ),
    "SAB": (
        "Safeguarding Adults Board: the partnership that protects adults with care and support needs from abuse "
        "and neglect."
    ),
    "Safeguarding partners": (
        "The three organisations responsible for the arrangements in law: the local authority, the integrated "
        "care board and the chief officer of police."
    ),
    "Section 11": (
        "Section 11 of the Children Act 2004, which requires organisations to safeguard and promote the welfare "
        "of children; partners assess themselves against its standards, in this partnership every two years."
    ),
    "Subgroup": (
        "A group of the partnership that does detailed work on one area, such as learning from reviews, training "
        "or quality and performance, and reports to the executive."
    ),
}
