"""The demo's annual report narratives: every section of the current and the previous reporting
year gets the words a partnership's business unit would write; a section already written is left
alone, so a second run changes nothing."""

from __future__ import annotations

from django.utils import timezone

from ... import periods
from ..models import ReportNarrative, ReportSection
from ..services import (
    is_finalised,
    narratives_save,
)

S = ReportSection

TEXTS = {
    S.SCRUTINY: (
        "The partners asked the independent scrutineer to assess how well the safeguarding arrangements worked "
        "in {label}. The assessment is printed as it was written and approved, without changes by the partners."
    ),
    S.SUBGROUP_REPORTS: (
        "Each subgroup's chair reports on the subgroup's work in {label}: what it did, what difference it made "
        "and what comes next, in their own words and with the subgroup's figures."
    ),
    S.PARTNER_CONTRIBUTIONS: (
        "Agencies contribute to the annual report, as the partnership's arrangements ask of them: what they did "
        "for the partnership's priorities and what changed in their practice in {label}."
    ),
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
    S.PRIORITY_PROGRESS: (
        "The executive reviews progress on each priority every quarter and records its judgement with the "
        "evidence: the measures below against their targets, the actions that serve the priority, and what "
        "children, families and practitioners tell us. Where we made little progress we say so, and say what "
        "we are doing about it."
    ),
    S.GOVERNANCE: (
        "The executive of the three safeguarding partners met every quarter and took the partnership's "
        "decisions; each subgroup reported to it through a highlight report before each meeting. The table "
        "shows how often each body met and how well each agency was represented, which the executive reviews "
        "every year: where an agency's attendance fell, the executive wrote to its senior manager."
    ),
    S.FUNDING: (
        "The three safeguarding partners fund the arrangements, with contributions from probation and the schools. "
        "The contributions are agreed each year by the executive, in proportions it keeps under review. Any "
        "surplus is carried forward to the next year's review budget, because the cost of case reviews cannot be "
        "predicted."
    ),
    S.GLOSSARY: "The terms below are used in this report. We try to write in plain English; where we cannot, this is what we mean.",
    S.REPORT_A_CONCERN: (
        "If you are worried about a child in Northbrook, call the Northbrook Children's Services Front Door on "
        "01632 960 100 (Monday to Thursday 8.30am to 5pm, Friday 8.30am to 4.30pm). In Eastmoor, call the "
        "Eastmoor Children's Advice and Support Service on 01632 960 200. Outside those hours, at weekends and on "
        "bank holidays, call the Emergency Duty Team on 01632 960 999.\n\nProfessionals should use the "
        "partnership's multi-agency referral form and follow the escalation policy when they disagree."
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
        "welfare of children. Partners assess themselves against the standards every two years, and peer "
        "challenge panels with lay members test the evidence. The figures below come from the latest round: how "
        "many returns are complete, and the average rating per standard, which shows where agencies are "
        "strongest and where the partnership will look for assurance next, above all training and information "
        "sharing."
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
    S.WHAT_CHANGED: (
        "An action is only complete when the subgroup that owns the plan has accepted the evidence that it "
        "made a difference. Below are the impact statements of the actions completed this year, in the words "
        'of the agencies that did the work, and the results of our "did it stick?" checks some months later. '
        "The actions from case reviews are counted rather than described, to protect the children concerned."
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
        "The executive agreed the priorities for {next_label} below with the youth forum. Neglect stays a "
        "priority until re-audits show the graded care profile is used consistently, and safeguarding babies, "
        "where the learning from our reviews was strongest, is a priority for every agency. We will measure "
        "success by what changes for children, not by what we produce."
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
            key.value: text.format(label=periods.year_label(year), next_label=periods.year_label(year + 1))
            for key, text in TEXTS.items()
            if key.value not in done
        }
        if texts and not is_finalised(year):  # a finalised year's words no longer change
            written += narratives_save(year=year, texts=texts, actor=actor)
    if stdout:
        stdout.write(
            f"Demo annual report: {written} sections written."
            if written
            else "Demo annual report: already there."
        )
    return written
