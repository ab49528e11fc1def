"""The Section 11 overview as a PDF: the same ratings as the page, for those who may see them."""

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from audits.services.section11 import returns as return_services
from tests.audits.factories import answer_every_requirement, make_round

pytestmark = pytest.mark.django_db


def test_the_overview_pdf_holds_each_agencys_ratings(world, client_for, framework):
    round_ = make_round(world)
    ours = round_.returns.get(agency=world.agency)
    answer_every_requirement(ours, world.agency_lead, score=2, plan_low_ratings=True)
    return_services.return_submit(agency_return=ours, actor=world.agency_lead)
    response = client_for(world.business_unit).get(reverse("audits:overview-pdf", args=[round_.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    reader = PdfReader(io.BytesIO(response.content))
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    assert world.agency.name in text and world.other_agency.name in text
    assert "Mostly met (self)" in text
    assert "Not yet submitted" in text  # the other agency's return
    assert reader.metadata.title == f"{round_.title}: overview"


def test_an_agency_lead_cannot_download_the_whole_partnerships_overview(world, client_for, framework):
    round_ = make_round(world)
    url = reverse("audits:overview-pdf", args=[round_.pk])
    assert client_for(world.agency_lead).get(url).status_code == 403
