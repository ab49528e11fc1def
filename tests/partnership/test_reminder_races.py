"""Two real runs of the reminders at the same moment (two beats, a manual run beside the nightly
one, a retry) send each chair one digest holding every due plan, never a digest split in two.

Two processes race through `run_reminders` against the test database, released together by a
start time in a file, for many rounds. Needs PostgreSQL (DATABASE_URL); with REQUIRE_SERVICES=1
(CI) a missing PostgreSQL fails the test instead of skipping it.
"""

import datetime
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from partnership.models import Role
from tests.factories import (
    ActionFactory,
    ActionPlanFactory,
    RoleAssignmentFactory,
    SubgroupFactory,
    UserFactory,
)
from tests.partnership.test_chasers_real_services import database_url, require_postgres
from tests.workers import ROOT

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]

TODAY = datetime.date(2026, 7, 6)
ROUNDS = 20
CHAIRS_PER_ROUND = 3
PLANS_PER_CHAIR = 4


def start_racers(folder: Path, names: tuple[str, ...]) -> list[subprocess.Popen]:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "partnership.settings.test",
        "DATABASE_URL": database_url(),
        "CONN_MAX_AGE": "0",
    }
    command = [sys.executable, "-m", "tests.partnership.reminder_race_worker", str(folder), str(ROUNDS)]
    return [
        subprocess.Popen(
            [*command, TODAY.isoformat(), name],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        for name in names
    ]


def wait_for(paths: list[Path], racers: list[subprocess.Popen], seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while not all(p.exists() for p in paths):
        for racer in racers:
            assert racer.poll() is None, f"a racer stopped: {racer.stdout.read()}"
        assert time.monotonic() < deadline, f"waited {seconds}s for {paths}"
        time.sleep(0.01)


def chairs_with_due_plans(n: int) -> dict[str, list[str]]:
    """`CHAIRS_PER_ROUND` new chairs, each of a subgroup with `PLANS_PER_CHAIR` plans due a chaser."""
    due = {}
    for c in range(CHAIRS_PER_ROUND):
        subgroup = SubgroupFactory(name=f"Subgroup {n}-{c}")
        chair = UserFactory(email=f"chair-{n}-{c}@example.org")
        RoleAssignmentFactory(user=chair, role=Role.SUBGROUP_CHAIR, subgroup=subgroup)
        titles = []
        for p in range(PLANS_PER_CHAIR):
            plan = ActionPlanFactory(subgroup=subgroup, title=f"Plan {n}-{c}-{p}")
            ActionFactory(plan=plan, owner_agency=None, due_date=datetime.date(2026, 12, 1))
            titles.append(plan.title)
        due[chair.email] = titles
    return due


def test_two_runs_racing_send_each_chair_one_digest_with_every_plan(tmp_path):
    require_postgres()
    names = ("first", "second")
    racers = start_racers(tmp_path, names)
    try:
        wait_for([tmp_path / f"{name}-ready" for name in names], racers)
        for n in range(ROUNDS):
            due = chairs_with_due_plans(n)
            # Both racers are spinning on the go file: they start within microseconds of this.
            (tmp_path / f"go-{n}").write_text(str(time.time() + 0.05))
            outputs = [tmp_path / f"{name}-{n}.json" for name in names]
            wait_for(outputs, racers)
            results = [json.loads(p.read_text()) for p in outputs]
            assert [r["error"] for r in results] == ["", ""], f"round {n}"
            chasers = [m for r in results for m in r["sent"] if "chaser" in m["subject"].lower()]
            for chair, titles in due.items():
                theirs = [m for m in chasers if m["to"] == [chair]]
                assert len(theirs) == 1, f"round {n}: {chair} got {len(theirs)} digests"
                assert all(title in theirs[0]["body"] for title in titles), f"round {n}: {chair}"
            assert len(chasers) == len(due), f"round {n}"
    finally:
        for racer in racers:
            racer.terminate()
            racer.wait(timeout=20)
