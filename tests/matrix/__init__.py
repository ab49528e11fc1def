"""The permission matrix: every URL of the project, and who gets 200, 302, 403 or 404.

Each area of the project has a module here exporting `CASES`, a list of `Case`. The test in
`tests/test_permission_matrix.py` fails when a URL pattern has no case, so a new page cannot
ship without saying who may open it.
"""

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass, field

# Roles in the order the matrix reports them; "anonymous" is a signed-out visitor.
ROLES = (
    "anonymous",
    "business_unit",
    "partnership_lead",
    "subgroup_chair",
    "subgroup_member",
    "agency_lead",
    "other_agency_lead",
    "lay_member",
    "peer_challenger",
    "no_role",
    "superuser",
)
SIGNED_IN = tuple(r for r in ROLES if r != "anonymous")


@dataclass
class Case:
    """One URL, opened by every role, with the status each should get.

    `args(world)` builds the URL's arguments from the `World` fixture (see conftest), and may
    create objects first. `expect` maps role -> status; roles not named get `default`, except
    a signed-out visitor, who is sent to sign in (302) unless `public` is set.
    """

    url_name: str
    expect: dict[str, int] = field(default_factory=dict)
    default: int = 200
    args: Callable | None = None
    query: str = ""
    label: str = ""
    public: bool = False
    method: str = "get"
    data: Callable | None = None
    # Where a signed-out visitor is sent first (the admin goes through its own login URL).
    login_url: str = "partnership:login"

    @property
    def id(self) -> str:
        return f"{self.url_name}[{self.label}]" if self.label else self.url_name

    def expected(self, role: str) -> int:
        if role in self.expect:
            return self.expect[role]
        if role == "anonymous" and not self.public:
            return 302
        return self.default


def only(roles, status_ok=200, status_else=403, **overrides) -> dict[str, int]:
    """Expectations where `roles` get `status_ok` and every other signed-in role `status_else`."""
    result = {r: (status_ok if r in roles else status_else) for r in SIGNED_IN}
    result.update(overrides)
    return result


def scoped(*, sees, may, ok: int = 200) -> dict[str, int]:
    """`ok` for roles in `may`, 403 for the others in `sees` (they see the object but may not use
    the page), 404 for every other signed-in role."""
    return {r: ok if r in may else 403 if r in sees else 404 for r in SIGNED_IN}


def all_cases() -> list[Case]:
    cases = []
    for module_info in pkgutil.iter_modules(__path__):
        module = importlib.import_module(f"{__name__}.{module_info.name}")
        cases.extend(getattr(module, "CASES", []))
    return cases
