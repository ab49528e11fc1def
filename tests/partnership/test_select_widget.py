"""Our select widget template (templates/django/forms/widgets/select.html) writes each option in
place rather than including Django's option template once per option, for speed. It must give
exactly the markup Django's own templates give."""

import re

from django import forms
from django.forms.renderers import DjangoTemplates

from partnership.forms.rendering import GovukFormRenderer


class Example(forms.Form):
    flat = forms.ChoiceField(choices=[("", "Any"), ("1", "Red & amber"), ("2", 'The "green" ones')])
    grouped = forms.ChoiceField(
        choices=[("Health", [("h1", "GP"), ("h2", "Hospital")]), ("Police", [("p1", "CID")])]
    )
    many = forms.MultipleChoiceField(choices=[("a", "A"), ("b", "B"), ("c", "C")])


def rendered(renderer, data):
    form = Example(data=data, renderer=renderer)
    return {
        name: re.sub(r"\s+", " ", str(form[name].as_widget(attrs={"class": "x"}))) for name in form.fields
    }


def test_our_select_matches_djangos_markup():
    data = {"flat": "1", "grouped": "h2", "many": ["a", "c"]}
    ours = rendered(GovukFormRenderer(), data)
    djangos = rendered(DjangoTemplates(), data)
    assert ours == djangos
    assert '<option value="1" selected>Red &amp; amber</option>' in ours["flat"]
    assert '<optgroup label="Health">' in ours["grouped"]
    assert '<option value="c" selected>C</option>' in ours["many"]


def test_our_renderer_uses_the_inlined_template():
    engine = GovukFormRenderer().engine
    template = engine.get_template("django/forms/widgets/select.html")
    assert "written in place" in template.template.source
