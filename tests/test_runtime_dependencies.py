"""What the app imports at run time is installed by `make run` (requirements.txt), not only by
`make test` (requirements-dev.txt). A module the test suite happens to have installed would
otherwise pass every test and fail in production: the annual report once counted its pages
with pypdf, a test-only package, and `make run`'s `annual_report` command failed.

Every module of the apps, the settings and the bench (which `make bench` runs on the runtime
install) is parsed; each third-party package it imports, at the top or inside a function, must
belong to a distribution that requirements.txt installs, directly or as a dependency."""

import ast
import re
import sys
from importlib import metadata
from pathlib import Path

from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parents[1]
APP_DIRS = ("partnership", "reviews", "audits", "training", "dashboards", "governance", "api", "bench")
OWN = {*APP_DIRS, "manage"}


def normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def runtime_requirements() -> list[Requirement]:
    lines = (line.split("#")[0].strip() for line in (ROOT / "requirements.txt").read_text().splitlines())
    return [Requirement(line) for line in lines if line and not line.startswith("-")]


def runtime_closure() -> set[str]:
    """requirements.txt's distributions and what they require, following only the extras asked
    for (psycopg[binary] brings psycopg-binary; a package's "test" extra brings nothing)."""
    wanted = [(normalise(r.name), frozenset(r.extras)) for r in runtime_requirements()]
    seen: set[str] = set()
    while wanted:
        name, extras = wanted.pop()
        if name in seen:
            continue
        seen.add(name)
        try:
            requires = metadata.requires(name) or []
        except metadata.PackageNotFoundError:
            continue
        for text in requires:
            requirement = Requirement(text)
            marker = requirement.marker
            if marker is None or any(marker.evaluate({"extra": extra}) for extra in {"", *extras}):
                wanted.append((normalise(requirement.name), frozenset(requirement.extras)))
    return seen


def imported_packages() -> dict[str, set[str]]:
    """Top-level package -> the files that import it, for every module of the runtime code."""
    found: dict[str, set[str]] = {}
    for folder in APP_DIRS:
        for path in (ROOT / folder).rglob("*.py"):
            tree = ast.parse(path.read_text(), filename=str(path))
            for node in ast.walk(tree):
                if isinstance(node, ast.Import):
                    names = [alias.name for alias in node.names]
                elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                    names = [node.module]
                else:
                    continue
                for name in names:
                    found.setdefault(name.split(".")[0], set()).add(str(path.relative_to(ROOT)))
    return found


def test_everything_the_app_imports_is_a_runtime_dependency():
    closure = runtime_closure()
    providers = metadata.packages_distributions()
    missing = {}
    for package, files in imported_packages().items():
        if package in OWN or package in sys.stdlib_module_names:
            continue
        distributions = {normalise(d) for d in providers.get(package, [])}
        if not distributions & closure:
            missing[package] = sorted(files)
    assert not missing, f"imported at run time but not installed by requirements.txt: {missing}"


def test_the_check_sees_a_test_only_package():
    closure = runtime_closure()
    assert "django" in closure and "kombu" in closure and "tinycss2" in closure  # direct, transitive
    assert "pypdf" not in closure and "pytest" not in closure
