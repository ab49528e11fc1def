"""The learning panel: what a source found, what it recommends and its action plan.

Every source page (a consultation, a case review, an audit…) shows the same panel:

    context.update(learning_panel_context(request, source))
    {% include "partnership/_learning_panel.html" with source=obj.learning_source %}

Everything in it is read through the selectors, so each person sees the findings,
recommendations and plan of this source that they may see, and nothing else. The panel
costs the same few queries however many findings and recommendations the source has.
"""

from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.functional import SimpleLazyObject

from ... import extensions as ext
from ... import fragments, permissions, selectors
from ...models import ActionPlan, Briefing, Finding, LearningSource
from ...models.outcomes import CHECK_STATE_COLOURS, RESULT_TAG_COLOURS


def source_outcomes(user, source: LearningSource, today) -> list:
    """The source's intended outcomes, each with `state_now` and `state_colour` (its check's
    state, or its result once recorded), for `_outcomes.html`."""
    outcomes = list(selectors.outcomes_visible_to(user).filter(source=source).order_by("pk"))
    for outcome in outcomes:
        outcome.state_now = outcome.check_state(today)
        outcome.state_colour = (
            RESULT_TAG_COLOURS.get(outcome.result) or CHECK_STATE_COLOURS[outcome.state_now]
        )
    return outcomes


@dataclass
class LearningPanel:
    """What `_learning_panel.html` shows about one source, for one person."""

    source: LearningSource
    findings: list = field(default_factory=list)
    recommendations: list = field(default_factory=list)
    plan: ActionPlan | None = None  # the source's plan, if this person may see it
    plan_exists: bool = False  # whether the source has a plan at all
    can_edit: bool = False  # may add and change findings and recommendations, and start the plan
    risk_flags: list = field(default_factory=list)  # risks flagged from this source, this person may see
    can_flag_risk: bool = False
    priorities: list = field(default_factory=list)  # the partnership priorities the source serves
    outcomes: list = field(default_factory=list)  # intended outcomes, with their check's state
    can_edit_outcomes: bool = False
    dissemination: dict = field(default_factory=dict)  # its plan and reach (`_dissemination_panel.html`)

    @property
    def strengths(self) -> list:
        return [f for f in self.findings if f.kind == Finding.Kind.STRENGTH]

    @property
    def improvements(self) -> list:
        return [f for f in self.findings if f.kind == Finding.Kind.IMPROVEMENT]


def learning_panel_context(request, source: LearningSource, *, adjust=None, variant: str = "") -> dict:
    """The context `_learning_panel.html` needs: `learning_panel_html`, the panel rendered (or
    kept from the last time this person saw this source, while the data has not changed: see
    partnership/fragments.py), and `learning_panel`, what it shows (worked out only when read).

    `adjust(panel)`: a page's change to what the panel shows (a joint review's shared plan),
    made before it is rendered; `variant` names it, so that it is kept apart from the plain panel.
    """

    def build() -> LearningPanel:
        panel = learning_panel(request.user, source)
        if adjust is not None:
            adjust(panel)
        return panel

    panel = SimpleLazyObject(build)

    def render_panel() -> str:
        context = {"learning_panel": panel, "source": source, "request": request, "user": request.user}
        return render_to_string("partnership/_learning_panel_body.html", context)

    return {
        "learning_panel": panel,
        "learning_panel_html": fragments.cached(
            "learning-panel", request.user.pk, source.pk, variant, render=render_panel
        ),
    }


def learning_panel(user, source: LearningSource) -> LearningPanel:
    """What the learning panel shows `user` about `source`.

    Findings come with their themes and `parts` (what the apps registered for FINDING_PARTS
    offer under each, such as the courses answering it); recommendations with their agencies, themes, the findings
    they answer and `actions_count` (the actions this person may see); the plan with the counts
    of `selectors.plan_summaries` (`actions_total`, `actions_complete`, …).
    """
    # Each finding's `disseminated_in`: the learning briefings that spread it, that this person may read.
    briefings = Prefetch(
        "briefings", queryset=selectors.briefings_visible_to(user), to_attr="disseminated_in"
    )
    findings = list(
        selectors.findings_visible_to(user)
        .filter(source=source)
        .prefetch_related(briefings, "priorities")
        .order_by("pk")
    )
    # Those who see every action count them all, without the subquery over every action.
    visible_actions = (
        Q()
        if permissions.sees_everything(user)
        else Q(actions__pk__in=selectors.actions_visible_to(user).values("pk"))
    )
    recommendations = list(
        selectors.recommendations_visible_to(user)
        .filter(source=source)
        .annotate(actions_count=Count("actions", filter=visible_actions, distinct=True))
        .prefetch_related("findings")
        .order_by("pk")
    )
    plan = selectors.plan_summaries(selectors.plans_visible_to(user).filter(source=source), user=user).first()
    plan_exists = plan is not None or ActionPlan.objects.filter(source=source).exists()
    panel = LearningPanel(
        source=source,
        findings=findings,
        recommendations=recommendations,
        plan=plan,
        plan_exists=plan_exists,
        can_edit=permissions.can_edit_learning(user, source),
        risk_flags=list(selectors.risk_flags_visible_to(user).filter(source=source).order_by("pk")),
        can_flag_risk=permissions.can_flag_risk(user, source),
        priorities=list(source.priorities.order_by("-year", "title")),
    )
    today = timezone.localdate()
    # What the apps offer under each finding (training's courses answering it): FINDING_PARTS.
    parts = ext.collect_finding_parts(user, findings, today=today)
    for finding in findings:
        finding.parts = parts.get(finding.pk, [])
    panel.outcomes = source_outcomes(user, source, today)
    panel.can_edit_outcomes = permissions.can_edit_outcomes(user, source)
    for flag in panel.risk_flags:
        flag.state_now = flag.response_state(today)
    panel.dissemination = dissemination_panel(user, source, today)
    return panel


def dissemination_panel(user, source: LearningSource, today) -> dict:
    """The source's dissemination plan, and the reach of each published briefing drawing on its
    findings against the agencies named (the cascades this person may see)."""
    briefings = (
        selectors.briefings_visible_to(user)
        .filter(status=Briefing.Status.PUBLISHED, findings__source=source)
        .distinct()
        .order_by("published_on", "pk")
    )
    cascades = list(selectors.cascades_visible_to(user).filter(briefing__in=briefings))
    reach = [
        (briefing, selectors.cascade_reach([c for c in cascades if c.briefing_id == briefing.pk], today))
        for briefing in briefings
    ]
    return {
        "items": list(selectors.dissemination_items_of(user, source)),
        "can_edit": permissions.can_edit_dissemination(user, source),
        "reach": reach,
    }
