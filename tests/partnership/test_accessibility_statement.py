"""The accessibility statement is public, says how to get help, and says what is and is not
accessible (the regulations' model statement)."""

import pytest

pytestmark = pytest.mark.django_db


def test_anyone_can_read_the_statement_and_reach_the_business_unit(client, settings):
    settings.BUSINESS_UNIT_EMAIL = "access.help@northbrook-scp.example"
    page = client.get("/accessibility/").content.decode()
    assert 'href="mailto:access.help@northbrook-scp.example"' in page
    assert "partially compliant" in page
    # The parts the regulations ask for.
    for heading in (
        "Feedback and contact information",
        "Compliance status",
        "Content that may not be accessible",
        "How we tested this service",
        "Enforcement procedure",
        "Preparation of this accessibility statement",
    ):
        assert heading in page
    assert "prepared on 30 November 2026" in page
