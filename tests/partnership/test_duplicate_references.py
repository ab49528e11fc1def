"""A reference already taken is refused in the partnership's words, naming the reference, on
every record whose reference is unique: never Django's "Review with this Reference already
exists.". Forms (the ModelForm's own check) and services (which validate before saving) say
the same thing."""

import datetime

import pytest

from audits.frameworks import PAN_LONDON_NAME
from audits.models import Framework, Requirement
from audits.services.frameworks import requirement_save
from dashboards.forms import IndicatorForm
from dashboards.models import Indicator
from dashboards.services.dataset import indicator_save
from partnership.models import Recommendation
from partnership.services import DomainError
from partnership.services.learning import recommendation_save
from reviews.forms.rapid import NotificationForm
from reviews.forms.reviews import ReviewOpenForm
from reviews.models import Review
from reviews.services.reviews import review_open

from ..dashboards.factories import IndicatorFactory
from ..factories import NotificationFactory, RecommendationFactory, ReviewFactory

pytestmark = pytest.mark.django_db


def test_a_case_review_reference_already_taken_on_the_open_a_review_form(world):
    ReviewFactory(reference="LCSPR-2026-01")
    form = ReviewOpenForm(data={"reference": "LCSPR-2026-01"})
    assert not form.is_valid()
    assert form.errors["reference"] == [
        "A case review with reference LCSPR-2026-01 already exists. Use a different reference."
    ]


def test_a_case_review_reference_already_taken_when_opened_by_the_service(world):
    """Rapid Reviews and follow-on reviews are opened from plain forms: the service says it."""
    ReviewFactory(reference="LCSPR-2026-01")
    review = Review(
        kind="lcspr", reference="LCSPR-2026-01", title="Child R", subgroup=world.subgroup,
        opened_on=datetime.date(2026, 12, 1),
    )  # fmt: skip
    with pytest.raises(DomainError) as raised:
        review_open(review=review, actor=world.business_unit)
    assert raised.value.field == "reference"
    assert raised.value.message == (
        "A case review with reference LCSPR-2026-01 already exists. Use a different reference."
    )


def test_a_notification_reference_already_taken(world):
    NotificationFactory(reference="SIN-2026-04")
    form = NotificationForm(data={"reference": "SIN-2026-04"})
    assert not form.is_valid()
    assert form.errors["reference"] == [
        "A serious incident notification with reference SIN-2026-04 already exists. Use a different reference."
    ]


def test_an_indicator_code_already_taken_on_the_form_and_in_any_case(world):
    IndicatorFactory(code="CSC01")
    form = IndicatorForm(data={"code": "CSC01"})
    assert not form.is_valid()
    assert form.errors["code"] == ["An indicator with code CSC01 already exists. Use a different code."]
    with pytest.raises(DomainError) as raised:
        indicator_save(indicator=IndicatorFactory.build(code="csc01"), actor=world.business_unit)
    assert raised.value.message == "An indicator with code CSC01 already exists. Use a different code."


def test_a_recommendation_reference_already_taken_in_its_source(world):
    existing = RecommendationFactory(reference="R3")
    twin = Recommendation(source=existing.source, reference="R3", text="Another one.", to_partnership=True)
    with pytest.raises(DomainError) as raised:
        recommendation_save(recommendation=twin, actor=world.business_unit)
    assert raised.value.field == "reference"
    assert raised.value.message == (
        "This source of learning already has a recommendation with reference R3. Use a different reference."
    )


def test_a_requirement_reference_already_taken_in_its_standard(world):
    standard = Framework.objects.get(name=PAN_LONDON_NAME).standards.order_by("number").first()
    taken = standard.requirements.order_by("order", "pk").first().reference
    with pytest.raises(DomainError) as raised:
        requirement_save(
            requirement=Requirement(standard=standard, reference=taken, text="Another one."),
            actor=world.business_unit,
        )
    assert raised.value.field == "reference"
    assert raised.value.message == (
        f"Standard {standard.number} already has a requirement with reference {taken}. Use a different reference."
    )


def test_every_unique_reference_has_its_own_words():
    """A model added later with a unique reference or code gets a test failure, not Django's
    wording: each one says what it is."""
    from django.apps import apps

    from partnership.models.references import UniqueReference

    for model in apps.get_models():
        names = {f.name for f in model._meta.fields if f.unique and f.name in ("reference", "code")}
        for constraint in model._meta.constraints:
            names |= {n for n in getattr(constraint, "fields", ()) if n in ("reference", "code")}
        if names and not model.__name__.startswith("Historical"):
            assert issubclass(model, UniqueReference), model
    assert Indicator.REFERENCE_FIELD == "code"
