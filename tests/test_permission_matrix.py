"""Walks every URL of the project for every role: see tests/matrix/__init__.py."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from .matrix import ROLES, all_cases

CASES = all_cases()

# The admin's own pages are guarded by the admin as a whole; one case covers them.
SKIP_NAMESPACES = {"admin"}


def url_names(resolver=None, namespace=""):
    """Every named URL pattern of the project as 'namespace:name'; unnamed ones as their regex."""
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            ns = pattern.namespace or ""
            if ns in SKIP_NAMESPACES:
                continue
            child = f"{namespace}:{ns}" if namespace and ns else (ns or namespace)
            yield from url_names(pattern, child)
        elif isinstance(pattern, URLPattern):
            name = pattern.name or f"<unnamed {pattern.pattern}>"
            yield f"{namespace}:{name}" if namespace else name


def test_every_url_is_in_the_matrix():
    covered = {case.url_name for case in CASES}
    missing = sorted(set(url_names()) - covered)
    assert not missing, f"URLs with no permission matrix case: {missing}"


def test_matrix_names_only_real_urls():
    assert {c.url_name for c in CASES if not c.url_name.startswith("admin:")} <= set(url_names())


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_permission_matrix(case, world, client_for):
    args = case.args(world) if case.args else []
    url = reverse(case.url_name, args=args) + (f"?{case.query}" if case.query else "")
    wrong = []
    for role in ROLES:
        user = None if role == "anonymous" else world.person(role)
        client = client_for(user)
        if case.method == "post":
            data = case.data(world) if case.data else {}
            response = client.post(url, data)
        else:
            response = client.get(url)
        expected = case.expected(role)
        if response.status_code != expected:
            wrong.append(f"{role}: expected {expected}, got {response.status_code}")
        if role == "anonymous" and expected == 302:
            login = reverse(case.login_url)
            if not response["Location"].startswith(login):
                wrong.append(f"anonymous: redirected to {response['Location']}, not to sign in")
    assert not wrong, f"{url}: " + "; ".join(wrong)
