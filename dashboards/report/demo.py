"""The demo's annual report narratives, for `seed_demo` (called from dashboards/demo.py).

Every section of the current and the previous reporting year gets the words a partnership's
business unit would write, so that producing the report after seeding gives a complete report
that reads like a real one. A section already written is left alone: a second run changes
nothing, and nothing the person typed in the demo is overwritten.
"""

from __future__ import annotations

from django.utils import timezone

from .. import periods
from .models import ReportNarrative, ReportSection
from .services import narratives_save

S = ReportSection

TEXTS = {
    S.FOREWORD: (
        "This is the {label} annual report of the partnership. It sets out what we learnt from case reviews, "
        "audits, inspections, training and, above all, from children and young people, and what we changed as a "
        "result.\n\nThe year asked a great deal of practitioners in every agency. Referrals stayed high, neglect "
        "remained the most common reason for a child protection plan, and exploitation outside the home "
        "continued to test how well we share information. We are proud of how agencies worked together, and "
        "honest about where we must do better: the same lessons about professional curiosity and information "
        "sharing appear again and again, and this report tracks them until they stop."
    ),
    S.PARTNERSHIP: (
        "The three statutory safeguarding partners (the council, the integrated care board and the police) lead "
        "the partnership with the relevant agencies named below. The executive meets every two months; the "
        "subgroups do the detailed work and report to it. Our priorities for {label} were agreed with children "
        "and young people through the youth forum, and every subgroup's work plan answers at least one of them."
    ),
    S.CASE_REVIEWS: (
        "Every serious incident notified to the national Panel was considered at a Rapid Review within the "
        "statutory timescale where we could. The tables show the decisions made and whether each statutory "
        "clock was met. Where a review was published, its recommendations are listed in full; no child is named "
        "in this report, and details of the children's lives stay within the reviews themselves."
    ),
    S.AUDITS: (
        "The Quality and Performance subgroup ran its multi-agency audit programme, each audit testing a "
        "priority through a sample of cases, practitioners' views and a workshop. Agencies also brought their "
        "own single-agency audits to the partnership, so that learning in one organisation is shared with all."
    ),
    S.SECTION_11: (
        "Section 11 of the Children Act 2004 places duties on organisations to safeguard and promote the "
        "welfare of children. Every partner completed a self-assessment against the standards, tested through "
        "peer challenge panels with lay members. The average ratings below show where agencies are strongest "
        "and where the partnership will look for assurance next."
    ),
    S.TRAINING: (
        "The multi-agency training programme was built from the training needs assessment and the learning "
        "from reviews. We measure more than attendance: practitioners rate each course on the day, say how "
        "confident they feel before and after, and three months later they and their managers tell us whether "
        "practice changed."
    ),
    S.INSPECTIONS: (
        "Inspections of partner agencies are a source of learning for the whole partnership. Each inspection's "
        "recommendations have an action plan overseen by a subgroup, and progress is reported to the executive."
    ),
    S.CHILD_DEATH_REVIEW: (
        "The Child Death Overview Panel reviews the death of every child normally resident in the area. Its own "
        "annual report gives the detail; the figures below are a summary. Modifiable factors most often related "
        "to safe sleeping and to smoking in pregnancy, and both are campaigns in the year ahead."
    ),
    S.PERFORMANCE: (
        "The Quality and Performance subgroup scrutinises the multi-agency dataset every quarter, against "
        "targets and the England and statistical-neighbour averages. Where an indicator stays red, the subgroup "
        "chooses an area for a deep dive."
    ),
    S.CHILDRENS_VOICE: (
        "Children and young people told us what it is like to be helped by our services, through the youth "
        "forum, surveys and focus groups. Here is what they said, and what we did about it."
    ),
    S.ACTION_PLANS: (
        "Every source of learning produces an action plan owned by a subgroup, and its chair is chased every six "
        "months until every action is closed. Actions that are overdue show as red by rule, not by judgement."
    ),
    S.LEARNING_THEMES: (
        "Findings from every source are tagged with the same learning themes, so we can see when a lesson is "
        "being learnt again and again. A theme is recurring when it appears in three or more sources across two "
        "or more years; each recurring theme has a named lead on the executive."
    ),
    S.DISSEMINATION: (
        "Learning only matters if it reaches practice. We publish 7-minute briefings, newsletter articles and "
        "practice notes, and we change training and procedures where the learning calls for it."
    ),
    S.NEXT_PRIORITIES: (
        "Next year we will keep our focus on neglect and on children at risk outside the home, and add a "
        "priority on the voice of the very young child, where the learning from reviews was strongest. We will "
        "measure success by what changes for children, not by what we produce."
    ),
}


def seed(actor, stdout=None) -> int:
    """Write the narratives of the current and previous reporting years that are still empty;
    return how many sections were written."""
    current = periods.reporting_year(timezone.localdate())
    written = 0
    for year in (current - 1, current):
        done = set(
            ReportNarrative.objects.filter(year=year).exclude(text="").values_list("section", flat=True)
        )
        texts = {
            key.value: text.format(label=periods.year_label(year))
            for key, text in TEXTS.items()
            if key.value not in done
        }
        if texts:
            written += narratives_save(year=year, texts=texts, actor=actor)
    if stdout:
        stdout.write(
            f"Demo annual report: {written} sections written."
            if written
            else "Demo annual report: already there."
        )
    return written
