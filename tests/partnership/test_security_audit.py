"""`make audit`'s verdict on pip-audit's report: fail on a known vulnerability with a fix, list
one without a fix, and never pass silently when the advisory database answered for nothing."""

import re
from pathlib import Path

from partnership.security.dependency_audit import judge

ROOT = Path(__file__).resolve().parents[2]


def dep(name, version="1.0", vulns=()):
    return {"name": name, "version": version, "vulns": list(vulns)}


def vuln(id_, fix=()):
    return {"id": id_, "fix_versions": list(fix), "aliases": ["CVE-2026-0001"], "description": "bad"}


def test_a_clean_report_passes():
    verdict = judge({"dependencies": [dep("django", "5.2.19"), dep("celery")]})
    assert verdict.exit_code == 0
    assert "Audited 2 package(s); 0 could not be looked up." in verdict.lines


def test_a_vulnerability_with_a_fix_fails():
    verdict = judge({"dependencies": [dep("django", "5.2.19", [vuln("PYSEC-2026-1", ["5.2.20"])])]})
    assert verdict.exit_code == 1
    assert any(
        "django 5.2.19: PYSEC-2026-1, CVE-2026-0001 (fixed in 5.2.20)" in line for line in verdict.lines
    )


def test_a_vulnerability_without_a_fix_is_listed_but_does_not_fail():
    verdict = judge({"dependencies": [dep("weasyprint", "70.0", [vuln("GHSA-xxxx")])]})
    assert verdict.exit_code == 0
    assert any("no fix yet" in line and "weasyprint" in line for line in verdict.lines)


def test_an_audit_that_looked_nothing_up_fails_unless_allowed():
    report = {"dependencies": [{"name": "django", "skip_reason": "Dependency not found on PyPI"}]}
    assert judge(report).exit_code == 2
    allowed = judge(report, allow_unreachable=True)
    assert allowed.exit_code == 0
    assert any(line.startswith("NOT AUDITED") for line in allowed.lines)


def test_some_packages_not_found_does_not_hide_a_fixable_vulnerability():
    report = {
        "dependencies": [
            {"name": "private-thing", "skip_reason": "Dependency not found on PyPI"},
            dep("requests", "2.0", [vuln("PYSEC-1", ["2.32.0"])]),
        ]
    }
    assert judge(report, allow_unreachable=True).exit_code == 1


def test_pip_audit_is_pinned_and_ci_runs_make_audit_after_the_tests():
    assert re.search(r"^pip-audit==\d", (ROOT / "requirements-dev.txt").read_text(), re.MULTILINE)
    assert re.search(r"^audit:", (ROOT / "Makefile").read_text(), re.MULTILINE)
    ci = (ROOT / ".ci" / "run").read_text()
    assert "make audit" in ci
    assert ci.index("make audit") > ci.index("make test")
