"""`make audit`: our pinned dependencies checked for known vulnerabilities with pip-audit.

    python -m partnership.security.dependency_audit requirements.txt requirements-dev.txt

pip-audit resolves the requirements files (in a throwaway virtualenv) and looks each package
and version up in PyPI's advisory database. This wrapper decides what fails:
- a known vulnerability with a fixed version available fails the audit (exit 1): upgrade the
  pin to a fixed version;
- a known vulnerability with no fix yet is listed but does not fail: there is nothing to
  upgrade to. Read it, and decide whether the project needs a workaround meanwhile;
- a package the database could not be asked about is listed. If it could be asked about none
  at all, the advisory service was out of reach and nothing was audited: that fails too
  (exit 2), unless AUDIT_ALLOW_UNREACHABLE=1 says a run without the service is expected. The
  audit then says loudly that it checked nothing, rather than passing as if it had.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_REQUIREMENTS = ("requirements.txt", "requirements-dev.txt")


@dataclass
class Verdict:
    exit_code: int
    lines: list[str] = field(default_factory=list)


def judge(report: dict, *, allow_unreachable: bool = False) -> Verdict:
    """The verdict on pip-audit's JSON report (see the module docstring)."""
    audited, skipped, fixable, unfixable = [], [], [], []
    for dependency in report.get("dependencies", []):
        name = dependency.get("name", "?")
        if "skip_reason" in dependency:
            skipped.append(f"{name}: {dependency['skip_reason']}")
            continue
        audited.append(name)
        for vuln in dependency.get("vulns", []):
            ids = ", ".join([vuln.get("id", "?"), *vuln.get("aliases", [])])
            line = f"{name} {dependency.get('version', '?')}: {ids}"
            if vuln.get("fix_versions"):
                fixable.append(f"{line} (fixed in {', '.join(vuln['fix_versions'])})")
            else:
                unfixable.append(f"{line} (no fixed version yet)")
    lines = [f"Audited {len(audited)} package(s); {len(skipped)} could not be looked up."]
    lines += [f"  not looked up: {s}" for s in skipped]
    lines += [f"  known vulnerability, no fix yet: {u}" for u in unfixable]
    lines += [f"  KNOWN VULNERABILITY WITH A FIX: {f}" for f in fixable]
    if fixable:
        lines.append(f"FAILED: {len(fixable)} known vulnerability(ies) with a fix: upgrade those pins.")
        return Verdict(1, lines)
    if skipped and not audited:
        lines.append(
            "NOT AUDITED: the advisory database answered for no package (it is out of reach from "
            "here), so no known vulnerability was checked."
        )
        return Verdict(0 if allow_unreachable else 2, lines)
    lines.append("No known vulnerability with a fix available.")
    return Verdict(0, lines)


def run_pip_audit(requirements: list[str]) -> dict:
    """pip-audit's JSON report for `requirements` (its exit code only says whether it found
    something; the report says what)."""
    with tempfile.TemporaryDirectory() as folder:
        output = Path(folder) / "pip-audit.json"
        command = [sys.executable, "-m", "pip_audit", "--progress-spinner", "off"]
        command += ["--format", "json", "--output", str(output)]
        for path in requirements:
            command += ["--requirement", path]
        # Our own interpreter and pip-audit, with the requirement files named by the Makefile.
        completed = subprocess.run(command, check=False)  # noqa: S603
        if not output.exists():
            raise SystemExit(f"pip-audit did not run (exit code {completed.returncode}).")
        return json.loads(output.read_text())


def main(argv: list[str] | None = None) -> int:
    requirements = list(argv if argv is not None else sys.argv[1:]) or list(DEFAULT_REQUIREMENTS)
    verdict = judge(
        run_pip_audit(requirements), allow_unreachable=os.environ.get("AUDIT_ALLOW_UNREACHABLE") == "1"
    )
    print("\n".join(verdict.lines))
    return verdict.exit_code


if __name__ == "__main__":
    raise SystemExit(main())
