"""Matrix cases for signing in and out, password reset and invitations (open to everyone), and
for the signed-in person's own account: password change and two-factor authentication.

`client_for` signs every role in with two-factor authentication done (each has an authenticator
app), so the code page and set-up send them on; tests/partnership/test_two_factor.py covers
those pages for people part-way through signing in or with no app yet."""

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
    # The code page: a signed-out visitor with no sign-in waiting goes to sign in; someone
    # already verified is sent on to their home page.
    Case("partnership:two-factor-verify", default=302),
    Case("partnership:two-factor-verify", default=302, query="use=recovery-code", label="recovery code"),
    # Everyone here has an app already, so set-up sends them to their account page.
    Case("partnership:two-factor-setup", default=302),
    # Their own account, for every signed-in person: each page is about themselves only.
    Case("partnership:two-factor-recovery-codes"),
    Case("partnership:two-factor-reset"),
    Case("partnership:account"),
    Case("partnership:password-change"),
    # A POST with no password changes nothing: the form comes back with its errors.
    Case("partnership:two-factor-reset", method="post", label="post without password"),
]
