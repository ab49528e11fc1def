"""The audits' evidence for an intended outcome measured by re-audit (OUTCOME_EVIDENCE): when
the audit the outcome belongs to has been repeated, the re-audit's before and after (lines of
enquiry improved, the same or worse: `comparisons`) as the person may see it, with the link to
the comparison. Read through the audits' selectors, so it never shows more than the page."""

from __future__ import annotations

from django.urls import reverse

from partnership.extensions import OutcomeEvidence
from partnership.models import MeasureKind

from . import selectors
from .comparisons import IMPROVED, SAME, WORSE


def _lines(count: int) -> str:
    return f"{count} line{'' if count == 1 else 's'}"


def reaudit_evidence(outcome, user) -> OutcomeEvidence | None:
    """The latest re-audit (by planned date) of the outcome's audit that the person may see, as
    a sentence and a link; None for another measure, another source or no re-audit yet."""
    if outcome.measure_kind != MeasureKind.REAUDIT:
        return None
    visible = selectors.multi_agency_audits_visible_to(user)
    audit = visible.filter(learning_source_id=outcome.source_id).first()
    if audit is None:
        return None
    reaudit = visible.filter(repeats=audit).order_by("-planned_on", "-pk").first()
    if reaudit is None:
        return None
    comparison = selectors.audit_comparison(user, reaudit)
    counts = comparison.counts
    compared = counts[IMPROVED] + counts[SAME] + counts[WORSE]
    if compared:
        figures = (
            f"of {_lines(compared)} of enquiry compared, {counts[IMPROVED]} improved, "
            f"{counts[SAME]} stayed the same and {counts[WORSE]} got worse"
        )
    else:
        figures = "no line of enquiry has grades on both sides yet"
    scope = "" if comparison.sees_all else " (your agency's grades only)"
    return OutcomeEvidence(
        text=f"Re-audit {reaudit.title}: {figures}, against the standard of good or outstanding{scope}.",
        url=reverse("audits:audit-comparison", args=[reaudit.pk]),
        link_text=f"See the before and after of {reaudit.title}",
    )
