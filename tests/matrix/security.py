"""Matrix cases for the security log and its CSV export: the business unit only.

Everyone else signed in gets a 403 (the page exists, they may not read it); a signed-out
visitor is sent to sign in.
"""

from . import Case, only

BUSINESS_UNIT = {"business_unit"}

CASES = [
    Case("partnership:security-events", expect=only(BUSINESS_UNIT)),
    Case(
        "partnership:security-events",
        query="kind=sign_in&sort=-person&page=2",
        label="filtered",
        expect=only(BUSINESS_UNIT),
    ),
    Case("partnership:security-events-export", expect=only(BUSINESS_UNIT)),
]
