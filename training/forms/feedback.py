"""The forms practitioners and managers fill in from their emailed links, and the business
unit's tagging form. Each validates what a person typed and says what is wrong in plain words;
the services re-check the rules."""

from django import forms

from ..models import Change, LearningOutcome

RATINGS = [
    (1, "1: poor"),
    (2, "2: fair"),
    (3, "3: good"),
    (4, "4: very good"),
    (5, "5: excellent"),
]
CONFIDENCE = [
    (1, "1: not at all confident"),
    (2, "2: slightly confident"),
    (3, "3: fairly confident"),
    (4, "4: confident"),
    (5, "5: very confident"),
]


def _score_field(label: str, choices, required_message: str) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label,
        choices=choices,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": required_message, "invalid_choice": required_message},
    )


def _text(label: str, hint: str = "") -> forms.CharField:
    return forms.CharField(
        label=label, help_text=hint, required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 4})
    )


class EvaluationForm(forms.Form):
    """The on-the-day evaluation: a rating, confidence before and after per outcome, and two
    free-text answers. Outcome fields are named `outcome_<id>_before` / `outcome_<id>_after`."""

    overall_rating = _score_field(
        "Overall, how would you rate the session?", RATINGS, "Choose a rating for the session, from 1 to 5."
    )
    will_do_differently = _text(
        "What will you do differently in your work as a result?",
        "For example, a question you will now ask, or someone you will now contact.",
    )
    comments = _text("Any other comments about the session", "About the content, the trainer or the venue.")

    def __init__(self, *args, outcomes: list[LearningOutcome], **kwargs):
        super().__init__(*args, **kwargs)
        self.outcomes = outcomes
        for outcome in outcomes:
            short = f"outcome {outcome.number}"
            self.fields[f"outcome_{outcome.pk}_before"] = _score_field(
                "Before the session",
                CONFIDENCE,
                f"Choose how confident you were before the session in {short}.",
            )
            self.fields[f"outcome_{outcome.pk}_after"] = _score_field(
                "After the session", CONFIDENCE, f"Choose how confident you are now in {short}."
            )
        # The outcome questions come between the rating and the free text, as on the page.
        order = [
            "overall_rating",
            *(n for n in self.fields if n.startswith("outcome_")),
            "will_do_differently",
        ]
        self.order_fields([*order, "comments"])

    def outcome_rows(self):
        """(outcome, before field, after field) for the template's fieldset per outcome."""
        return [
            (outcome, self[f"outcome_{outcome.pk}_before"], self[f"outcome_{outcome.pk}_after"])
            for outcome in self.outcomes
        ]

    def confidences(self) -> dict[int, tuple[int, int]]:
        data = self.cleaned_data
        return {o.pk: (data[f"outcome_{o.pk}_before"], data[f"outcome_{o.pk}_after"]) for o in self.outcomes}


class ParticipantFollowUpForm(forms.Form):
    """The participant's three-month follow-up."""

    practice_changed = forms.ChoiceField(
        label="Has your practice changed since the course?",
        choices=Change.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Say whether your practice has changed since the course."},
    )
    how = _text(
        "How has your practice changed?", "What you do now that you did not do before, or do differently."
    )
    example = _text(
        "Give an example",
        "A piece of work where you used what you learnt. Do not name children or families: "
        "say 'a 14-year-old' or 'Child A'.",
    )
    difference_for_children = _text(
        "What difference has it made for children and families?",
        "What happened for the child or family that might not have happened otherwise.",
    )
    barriers = _text(
        "Has anything made it hard to put the learning into practice?",
        "For example, time, caseloads, systems or other agencies.",
    )


class ManagerFollowUpForm(forms.Form):
    """The line manager's three-month follow-up: a change seen, and an example."""

    practice_changed = forms.ChoiceField(
        label="Have you seen a change in their practice since the course?",
        choices=Change.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Say whether you have seen a change in their practice."},
    )
    example = _text(
        "Give an example of the change you have seen",
        "Do not name children or families: say 'a 14-year-old' or 'Child A'.",
    )

    def __init__(self, *args, participant: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[
            "practice_changed"
        ].label = f"Have you seen a change in {participant}'s practice since the course?"


class ImpactExampleTagForm(forms.Form):
    """The business unit's tags on an impact example. The choices are what the person can see."""

    themes = forms.ModelMultipleChoiceField(
        label="Themes",
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="The learning themes the example shows practice changing in.",
    )
    action = forms.ModelChoiceField(
        label="Action it answers",
        queryset=None,
        required=False,
        empty_label="No action",
        help_text="An action from an action plan that this training helped deliver.",
    )
    finding = forms.ModelChoiceField(
        label="Finding it answers",
        queryset=None,
        required=False,
        empty_label="No finding",
        help_text="A finding of a review, audit or other source of learning that this example answers.",
    )

    def __init__(self, *args, themes, actions, findings, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["themes"].queryset = themes
        self.fields["action"].queryset = actions
        self.fields["action"].label_from_instance = lambda a: f"{a.plan}: {a}"
        self.fields["finding"].queryset = findings
        self.fields["finding"].label_from_instance = lambda f: f"{f.source}: {f.title}"
