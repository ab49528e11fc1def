"""The app starts for real and a demo person can sign in and see their home page."""

from .conftest import assert_accessible


def test_agency_lead_signs_in_and_sees_their_home(journey, javascript):
    j = journey(javascript=javascript)
    j.sign_in("agency.lead@northbrook-scp.example")
    assert j.page.get_by_role("heading", level=1).count() == 1
    assert "Sign in" not in j.page.title()
    if javascript:
        assert_accessible(j.page)
