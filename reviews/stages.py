"""The stages each kind of review passes through, the moves between them, and what must be
recorded to leave each.

A review moves forward one stage at a time (`reviews.services.reviews.review_advance`), and only
once what the stage is for has been recorded: a Rapid Review cannot be "decided" without a
decision, an LCSPR cannot leave scoping without its terms of reference, reviewer and methodology.
The one other move is the Rapid Review's decision (`reviews.services.rapid.rapid_review_decide`),
which may be recorded before the panel stage is reached. `TRANSITIONS` holds every move a kind
allows, and the services check it with `partnership.services.guards.check_transition`.
"""

from itertools import pairwise

from .models import Publication, Review, ReviewKind, Stage

K, S = ReviewKind, Stage

STAGES = {
    K.RAPID_REVIEW: [S.GATHERING, S.PANEL, S.DECIDED, S.CLOSED],
    K.LCSPR: [S.SCOPING, S.IN_REVIEW, S.DRAFT_REPORT, S.FINAL_REPORT, S.PUBLICATION, S.CLOSED],
    K.NATIONAL_CSPR: [S.IN_REVIEW, S.FINAL_REPORT, S.PUBLICATION, S.CLOSED],
    K.LEARNING_REVIEW: [S.SCOPING, S.IN_REVIEW, S.FINAL_REPORT, S.CLOSED],
    K.DHR: [S.SCOPING, S.IN_REVIEW, S.DRAFT_REPORT, S.FINAL_REPORT, S.PUBLICATION, S.CLOSED],
    K.AGENCY_REVIEW: [S.IN_REVIEW, S.FINAL_REPORT, S.CLOSED],
    K.THEMATIC: [S.SCOPING, S.IN_REVIEW, S.FINAL_REPORT, S.CLOSED],
}


def _forward(stages: list[str]) -> dict[str, list[str]]:
    return {stage: [following] for stage, following in pairwise(stages)}


# Each kind's transition table: stage -> the stages it may move to (closed is final).
TRANSITIONS = {kind: _forward(stages) for kind, stages in STAGES.items()}
# The partners may decide on a Rapid Review before its panel meeting is recorded.
TRANSITIONS[K.RAPID_REVIEW][S.GATHERING] = [S.PANEL, S.DECIDED]

# The Rapid Review's stages before its decision, computed from its table: agencies may still give
# or change their summaries, and the decision may be recorded.
BEFORE_DECISION = tuple(stage for stage, moves in TRANSITIONS[K.RAPID_REVIEW].items() if S.DECIDED in moves)


def first_stage(kind: str) -> str:
    return STAGES[kind][0]


def next_stage(review: Review) -> str | None:
    stages = STAGES[review.kind]
    index = stages.index(review.stage)
    return stages[index + 1] if index + 1 < len(stages) else None


def missing_to_leave(review: Review) -> list[str]:
    """What still has to be recorded before the review can leave its current stage."""
    stage, kind = review.stage, review.kind
    missing = []
    if stage == S.GATHERING:
        if not review.panel_meeting_on:
            missing.append("the date of the panel meeting")
    elif stage == S.PANEL:
        if not review.decision:
            missing.append("the decision against the criteria")
        if not review.decision_rationale.strip():
            missing.append("the rationale for the decision")
        if not review.decided_on or not review.decided_by.strip():
            missing.append("who decided and when")
    elif stage == S.DECIDED:
        if not review.sent_to_panel_on:
            missing.append("the date the Rapid Review was sent to the national Panel")
    elif stage == S.SCOPING:
        if not review.terms_of_reference.strip():
            missing.append("the terms of reference")
        if kind in (K.LCSPR, K.DHR):
            if not review.reviewer_name.strip():
                missing.append("the independent reviewer")
            if not review.methodology:
                missing.append("the methodology")
        if kind == K.DHR and not review.decided_on:
            missing.append("the date it was decided to hold the DHR")
    elif stage == S.IN_REVIEW:
        if kind in (K.LCSPR, K.DHR):
            if not review.draft_report_on:
                missing.append("the date of the draft report")
        elif not review.final_report_on:
            missing.append("the date of the final report")
    elif stage == S.DRAFT_REPORT:
        if not review.final_report_on:
            missing.append("the date of the final report")
    elif stage == S.FINAL_REPORT:
        if kind in (K.LCSPR, K.DHR, K.NATIONAL_CSPR):
            if not review.publication_decision:
                missing.append("the publication decision")
            if not review.publication_reasons.strip():
                missing.append("the reasons for the publication decision")
    elif stage == S.PUBLICATION:
        if review.publication_decision == Publication.NOT_PUBLISHED:
            if kind == K.LCSPR and not review.sent_to_panel_and_sos_on:
                missing.append("the date the report was sent to the Panel and the Secretary of State")
        else:
            if not review.published_on:
                missing.append("the publication date")
            if not review.publication_url:
                missing.append("the publication address")
            if kind == K.LCSPR and not review.sent_to_panel_and_sos_on:
                missing.append("the date the report was sent to the Panel and the Secretary of State")
    return missing
