"""One of two processes racing each other through `run_reminders` (test_reminder_races.py).

Usage: python -m tests.partnership.reminder_race_worker FOLDER ROUNDS YYYY-MM-DD NAME

For each round n it waits for FOLDER/go-n, which holds the moment (time.time()) both racers
start; runs every reminder job as a real run would; then writes the emails it sent to
FOLDER/NAME-n.json. The database is the test run's (DATABASE_URL in the environment).
"""

import json
import os
import sys
import time
from datetime import date
from pathlib import Path


def main(folder: Path, rounds: int, today: date, name: str) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "partnership.settings.test")
    import django

    django.setup()
    from django.core import mail
    from django.db import connections

    from partnership.services.reminders import run_reminders

    mail.outbox = []
    (folder / f"{name}-ready").touch()
    for n in range(rounds):
        go = folder / f"go-{n}"
        deadline = time.monotonic() + 60
        while not go.exists() or not go.read_text():
            if time.monotonic() > deadline:
                raise SystemExit(f"{name}: no go for round {n}")
            time.sleep(0.002)
        start = float(go.read_text())
        while time.time() < start:
            pass  # spin: sleeping would wake the two racers at different moments
        error = ""
        try:
            run_reminders(today=today)
        except Exception as exc:  # noqa: BLE001 - reported to the test
            error = f"{exc.__class__.__name__}: {exc}"
        sent = [{"to": m.to, "subject": m.subject, "body": m.body} for m in mail.outbox]
        mail.outbox = []
        connections.close_all()
        out = folder / f"{name}-{n}.json"
        out.with_suffix(".tmp").write_text(json.dumps({"sent": sent, "error": error}))
        out.with_suffix(".tmp").rename(out)


if __name__ == "__main__":
    main(Path(sys.argv[1]), int(sys.argv[2]), date.fromisoformat(sys.argv[3]), sys.argv[4])
