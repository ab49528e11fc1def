"""The architecture contract (ARCHITECTURE.md) holds, and its checks catch a break.

Two checks: import-linter's contracts in pyproject.toml (the imports, run through its command
`lint-imports`), and a scan for the ways of naming an app that an import graph cannot see
(`import_module("audits.…")`, `get_model("audits", …)`, `"audits:…"` URL names in the core's
Python; `{% include "audits/…" %}` and `{% url "audits:…" %}` in the core's templates). Each
check has a test that plants a violation and sees it fail.
"""

import ast
import re
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
APPS = ("reviews", "audits", "training", "dashboards", "governance", "api")
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")

# The core's own Python: everything in partnership/ except its settings and root URLconf (which
# name the apps by dotted string, as Django and Celery need) and its migrations (history).
CORE_EXCEPTIONS = ("partnership/settings/", "partnership/urls.py", "partnership/migrations/")
# The core's templates: its pages, the layout and the shared includes, forms and emails.
CORE_TEMPLATES = (
    "templates/base.html",
    "templates/partnership",
    "templates/includes",
    "templates/registration",
    "templates/forms",
    "templates/django",
    "templates/emails/base.html",
    "templates/emails/partnership",
    "templates/emails/registration",
)

_APP = "|".join(APPS)
URL_NAME = re.compile(rf"^({_APP}):[\w-]+$")
DOTTED = re.compile(rf"^({_APP})(\.|$)")
TEMPLATE_NAMING = re.compile(rf"""{{%\s*(include|extends|url)\s+["']({_APP})[/:]""")
LOOKUPS = {"import_module", "get_model", "get_app_config", "is_installed", "find_spec"}


def lint_imports(*contracts: str) -> subprocess.CompletedProcess:
    command = [str(LINT_IMPORTS), "--no-cache", "--no-logo"]
    for contract in contracts:
        command += ["--contract", contract]
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=600, check=False)


def python_naming_apps(path: Path) -> list[str]:
    """Where the module at `path` names an app: a lookup by name (`import_module("audits…")`,
    `apps.get_model("audits", …)`), or a URL name (`"audits:round-list"`)."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Call) and node.args:
            name = getattr(node.func, "attr", None) or getattr(node.func, "id", None)
            first = node.args[0]
            if isinstance(first, ast.JoinedStr) and first.values:
                first = first.values[0]
            if (
                name in LOOKUPS
                and isinstance(first, ast.Constant)
                and isinstance(first.value, str)
                and DOTTED.match(first.value)
            ):
                found.append(f"{path}:{node.lineno}: {name}({first.value!r}…)")
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and URL_NAME.match(node.value):
            found.append(f"{path}:{node.lineno}: URL name {node.value!r}")
    return found


def templates_naming_apps(path: Path) -> list[str]:
    return [
        f"{path}:{number}: {line.strip()}"
        for number, line in enumerate(path.read_text().splitlines(), start=1)
        if TEMPLATE_NAMING.search(line)
    ]


def core_python() -> list[Path]:
    return [
        path
        for path in sorted((ROOT / "partnership").rglob("*.py"))
        if not path.relative_to(ROOT).as_posix().startswith(CORE_EXCEPTIONS)
    ]


def core_templates() -> list[Path]:
    paths = []
    for name in CORE_TEMPLATES:
        path = ROOT / name
        paths += sorted(path.rglob("*.html")) + sorted(path.rglob("*.txt")) if path.is_dir() else [path]
    return paths


# --- import-linter --------------------------------------------------------------------------


def test_the_import_contracts_hold():
    result = lint_imports()
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


@pytest.mark.parametrize(
    ("package", "planted", "contract"),
    [
        ("partnership", "import audits.models", "core-names-no-app"),
        ("reviews", "from training import selectors", "sources-independent"),
        ("audits", "import dashboards.models", "nothing-imports-readers"),
        ("api", "from reviews import views", "readers-use-public-modules"),
        ("partnership", "import governance.models", "core-names-no-app"),
        ("partnership", "from governance import selectors", "nothing-imports-governance"),
        ("dashboards", "import governance.selectors", "nothing-imports-governance"),
        ("governance", "from audits import views", "readers-use-public-modules"),
    ],
)
def test_a_planted_import_breaks_its_contract(package, planted, contract):
    module = f"_planted_{uuid.uuid4().hex[:8]}"
    path = ROOT / package / f"{module}.py"
    path.write_text(f'"""Planted by tests/test_architecture.py; removed when it ends."""\n\n{planted}\n')
    try:
        result = lint_imports(contract)
    finally:
        path.unlink()
    assert result.returncode != 0
    assert f"{package}.{module}" in result.stdout


# --- what import-linter cannot see ----------------------------------------------------------


def test_the_core_names_no_app_in_its_python():
    assert core_python(), "no core modules found"
    assert [hit for path in core_python() for hit in python_naming_apps(path)] == []


def test_the_core_names_no_app_in_its_templates():
    assert core_templates(), "no core templates found"
    assert [hit for path in core_templates() for hit in templates_naming_apps(path)] == []


def test_the_scan_finds_each_way_of_naming_an_app(tmp_path):
    module = tmp_path / "planted.py"
    module.write_text(
        "from importlib import import_module\n"
        "from django.apps import apps\n"
        "from django.urls import reverse\n"
        'a = import_module("audits.selectors")\n'
        "b = import_module(f\"{apps.get_app_config('reviews').name}.selectors\")\n"
        'c = apps.get_model("reviews", "PanelMember")\n'
        'd = reverse("training:index")\n'
        'e = "a channel called training, and training.chair@example.org"\n'
    )
    hits = python_naming_apps(module)
    assert len(hits) == 4, hits
    assert not [hit for hit in hits if "channel" in hit]
    template = tmp_path / "planted.html"
    template.write_text(
        '{% include "audits/_home_returns.html" %}\n'
        "<a href=\"{% url 'api:token-list' %}\">Tokens</a>\n"
        '{% include "partnership/_home_part.html" %}\n'
    )
    assert len(templates_naming_apps(template)) == 2
