"""Matrix cases for signing in and out, password reset and invitations: open to everyone."""

from partnership.models import User
from partnership.services.organisation import person_invite

from . import Case


def _invitation_token(world) -> list[str]:
    person = User(email="new.person@example.org", full_name="New Person", agency=world.agency)
    _, token = person_invite(person=person, actor=world.business_unit)
    return [token]


CASES = [
    # Signed-out visitors see the form; someone already signed in is sent on to their home page.
    Case("partnership:login", public=True, default=302, expect={"anonymous": 200}),
    # Signing out is POST only, so a link (or a prefetch) cannot sign anyone out.
    Case("partnership:logout", public=True, default=405),
    Case("partnership:password-reset", public=True),
    Case("partnership:password-reset-done", public=True),
    Case("partnership:password-reset-complete", public=True),
    # A link that is not valid shows a page that says so, to everyone.
    Case(
        "partnership:password-reset-confirm",
        public=True,
        args=lambda world: ["MQ", "not-a-token"],
        label="bad link",
    ),
    Case(
        "partnership:invitation-accept",
        public=True,
        default=404,
        args=lambda world: ["unknown"],
        label="unknown",
    ),
    Case("partnership:invitation-accept", public=True, args=_invitation_token, label="valid"),
]
