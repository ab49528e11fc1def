"""The annual report's sections, and the text the business unit writes for each, per year, kept
with its history (the figures around them come from the data)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from partnership.models.organisation import choices_constraint


class ReportSection(models.TextChoices):
    """The report's sections (printed in the order of `figures.GATHERERS`)."""

    FOREWORD = "foreword", "Foreword"
    PARTNERSHIP = "partnership", "The partnership and its priorities"
    GOVERNANCE = "governance", "How the partnership is governed"
    FUNDING = "funding", "Funding: what the partners contributed and how it was spent"
    PRIORITY_PROGRESS = "priority_progress", "Progress against the year's priorities"
    CASE_REVIEWS = "case_reviews", "Case reviews"
    AUDITS = "audits", "Multi-agency and single-agency audits"
    SECTION_11 = "section11", "Section 11 self-assessment"
    TRAINING = "training", "Training and its impact"
    INSPECTIONS = "inspections", "Learning from inspections"
    CHILD_DEATH_REVIEW = "child_death_review", "Child death review"
    PERFORMANCE = "performance", "Performance data"
    CHILDRENS_VOICE = "childrens_voice", "The voice of children, young people and families"
    ACTION_PLANS = "action_plans", "Action plans"
    WHAT_CHANGED = "what_changed", "What changed as a result"
    LEARNING_THEMES = "learning_themes", "Learning themes"
    DISSEMINATION = "dissemination", "Sharing the learning"
    NEXT_PRIORITIES = "next_priorities", "Priorities for next year"
    # Written by the contributors in the product (models/contributions.py), printed once approved.
    SCRUTINY = "scrutiny", "The independent scrutineer's assessment"
    SUBGROUP_REPORTS = "subgroup_reports", "Our subgroups' reports"
    PARTNER_CONTRIBUTIONS = "partner_contributions", "Partners' contributions"
    GLOSSARY = "glossary", "Glossary"
    REPORT_A_CONCERN = "report_a_concern", "How to report a concern about a child"


def year_constraint(name: str) -> models.CheckConstraint:
    return models.CheckConstraint(condition=Q(year__gte=2000, year__lte=2100), name=name)


class ReportNarrative(models.Model):
    """What the business unit wrote for one section of one year's annual report: the context,
    the analysis and the judgement that the figures alone cannot give. One per (year, section);
    every earlier wording is kept in the history."""

    Section = ReportSection

    year = models.PositiveSmallIntegerField(
        help_text="The year the reporting year starts in: 2025 is 2025/26."
    )
    section = models.CharField(max_length=32, choices=ReportSection.choices)
    text = models.TextField(blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["year", "section"]
        constraints = [
            models.UniqueConstraint(fields=["year", "section"], name="report_narrative_one_per_section"),
            choices_constraint("section", ReportSection, "report_narrative_section_valid"),
            year_constraint("report_narrative_year_valid"),
        ]

    def __str__(self):
        return f"{self.get_section_display()} ({self.year})"
