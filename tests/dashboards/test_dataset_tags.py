"""The dataset's cell tags give the markup the include templates gave: a figure with its unit or
"No value", and a RAG tag whose word is always shown."""

from decimal import Decimal

from django.template import Context, Template


def render(source: str, **context) -> str:
    return Template("{% load dataset %}" + source).render(Context(context))


def test_value_cell():
    assert render("{% value_cell n '%' %}", n=Decimal("22.90")) == "22.9%"
    assert render("{% value_cell n '' %}", n=Decimal("12503.00")) == "12,503"
    assert render("{% value_cell n '%' %}", n=None) == '<span class="app-secondary-text">No value</span>'
    assert render("{% value_cell n u %}", n=1, u="<b>") == "1&lt;b&gt;"  # escaped


def test_rag_tag_and_its_include_agree():
    for rag, word in [
        ("red", "Red"),
        ("amber", "Amber"),
        ("green", "Green"),
        ("grey", "No RAG"),
        (None, "No RAG"),
    ]:
        tag = render("{% rag_tag rag %}", rag=rag)
        assert f">{word}<" in tag and "govuk-tag" in tag
        include = render('{% include "dashboards/_dataset_rag_tag.html" %}', rag=rag)
        assert include.strip() == tag
