"""`make bench`: the service's speed at the scale of a large partnership, on a production-like stack.

What it does, in order (each step prints what it is doing):

1. Makes the PostgreSQL database `learning_bench` (127.0.0.1:5432, user postgres) if missing,
   migrates it and runs `seed_scale` (which does nothing if the data is already there). A second
   database, `learning_bench_small` (`seed_scale --scale 0.01`), gives the queries per page at
   small data, to show they do not grow with the data.
2. Collects static files into a temporary STATIC_ROOT and starts gunicorn (2 workers x 4
   threads, this 2-core machine) with LEARNING_ENV=production, DEBUG off, whitenoise, Redis
   as the shared cache (BENCH_REDIS_URL, default redis://127.0.0.1:6379/13: the pages' cached
   fragments live there, as in production), and QUERY_COUNT_HEADER=1 so every response says
   how many queries it made (X-Query-Count).
3. Signs in a business unit officer, a subgroup chair and an agency lead by writing a session
   for each straight into the session store, with the keys Django's authentication and
   django-otp's middleware expect (an authenticator app is made for each, so the session is
   two-factor verified), then measures each key page: median and 95th percentile latency at
   concurrency 1 and 8, queries per request at large and small data, beside a floor (the
   accessibility statement: a minimal signed-in page through the same middleware and layout);
   then cold: BENCH_COLD_REQUESTS (default 5) requests, each after moving the fragments' data
   version on as any write does, so that nothing kept is used (the cost just after a change).
4. Times the annual report PDF (`annual_report`), a streamed CSV of 100,000 attendances (there is
   no such export page: the same query and `partnership.spreadsheets.csv_streaming_response`
   a page would use, consumed in a child process whose peak memory is reported), and
   `send_reminders` with 10,000 training follow-ups due (emails written to files and counted,
   then a second run that must send none of them again).

Prints a table and writes it to bench/last-run.md. Environment knobs: BENCH_REQUESTS (requests
per page at concurrency 1; default 10), BENCH_PORT (default 8765), BENCH_SKIP (comma list of
pages, reports, small).
"""

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import load, measures  # noqa: E402

PG = "postgres://postgres@127.0.0.1:5432"
LARGE_DB, SMALL_DB = "learning_bench", "learning_bench_small"
PORT = int(os.environ.get("BENCH_PORT", "8765"))
# The shared cache and broker, as in production: the pages' cached fragments live here.
REDIS = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/13")
SMALL_PORT = PORT + 1
PYTHON = sys.executable
SKIP = set(filter(None, os.environ.get("BENCH_SKIP", "").split(",")))
# One working directory per run, shared with bench.measures (which imports this module again).
WORK = Path(os.environ.get("BENCH_WORK") or tempfile.mkdtemp(prefix="learning-bench-"))
os.environ["BENCH_WORK"] = str(WORK)


def env_for(db: str, *, production: bool = True) -> dict:
    env = dict(os.environ)
    env.update(
        DATABASE_URL=f"{PG}/{db}",
        LEARNING_ENV="production" if production else "development",
        DJANGO_SETTINGS_MODULE="partnership.settings.base",
        SECRET_KEY="bench-only-secret-key-not-for-any-real-service-0123456789",  # noqa: S106
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SITE_URL=f"http://127.0.0.1:{PORT}",
        SECURE_SSL_REDIRECT="0",
        DEBUG="0",
        STATIC_ROOT=str(WORK / "static"),
        QUERY_COUNT_HEADER="1",
        EMAIL_URL="filemail://",
        EMAIL_FILE_PATH=str(WORK / "emails"),
        LEARNING_VAR_DIR=str(WORK / "var"),
        CONN_MAX_AGE="60",
        REDIS_URL=REDIS,
    )
    return env


def invalidator(db: str):
    """A function that moves the fragments' data version of `db` on, as any write to the
    database does (partnership/fragments.py), so that the next request renders afresh."""
    import redis

    client = redis.Redis.from_url(REDIS)
    # Django's cache key for fragments.VERSION_KEY (KEY_PREFIX "", version 1).
    key = f":1:fragments:{db}:data-version"

    def invalidate() -> None:
        client.incr(key)

    return invalidate


def manage(db: str, *args: str, production: bool = True, quiet: bool = False) -> float:
    started = time.monotonic()
    subprocess.run(  # noqa: S603 - our own interpreter and arguments
        [PYTHON, "manage.py", *args],
        cwd=ROOT,
        env=env_for(db, production=production),
        check=True,
        stdout=subprocess.DEVNULL if quiet else None,
    )
    return time.monotonic() - started


def ensure_database(name: str, scale: float) -> None:
    import psycopg

    with psycopg.connect(f"{PG}/postgres", autocommit=True) as conn:
        if not conn.execute("select 1 from pg_database where datname = %s", [name]).fetchone():
            print(f"Creating database {name}")
            conn.execute(f'create database "{name}"')
    print(f"Migrating {name}")
    manage(name, "migrate", "--no-input", "-v0", production=False)
    print(f"Seeding {name} (seed_scale --scale {scale}; nothing to do if already seeded)")
    seconds = manage(name, "seed_scale", "--scale", str(scale), production=False)
    print(f"  seed_scale step took {seconds:.1f} s")
    # A live database's autovacuum keeps the planner's statistics fresh and the visibility map
    # set (for index-only scans); this machine runs PostgreSQL with autovacuum off, so do once
    # what autovacuum would have done after the data went in.
    started = time.monotonic()
    with psycopg.connect(f"{PG}/{name}", autocommit=True) as conn:
        conn.execute("vacuum analyze")
    print(f"  vacuum analyze took {time.monotonic() - started:.1f} s")


def start_server(db: str, port: int) -> subprocess.Popen:
    env = env_for(db)
    env["SITE_URL"] = f"http://127.0.0.1:{port}"
    log = open(WORK / f"gunicorn-{port}.log", "w")  # noqa: SIM115
    server = subprocess.Popen(  # noqa: S603 - our own interpreter and arguments
        [PYTHON, "-m", "gunicorn", "partnership.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "2",
         "--threads", "4", "--worker-class", "gthread", "--timeout", "120"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    load.wait_until_up(port, server)
    return server


def django_in_process(db: str) -> None:
    """Set Django up in this process on `db` with the same settings the server uses."""
    os.environ.update(env_for(db))
    import django

    django.setup()


def child(kind: str, db: str) -> dict:
    out = subprocess.run(  # noqa: S603 - our own interpreter and arguments
        [PYTHON, "-m", "bench.measures", kind],
        cwd=ROOT,
        env=env_for(db),
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> int:
    print(f"Working files in {WORK}")
    ensure_database(LARGE_DB, 1.0)
    if "small" not in SKIP:
        ensure_database(SMALL_DB, 0.01)
    print("Collecting static files")
    manage(LARGE_DB, "collectstatic", "--no-input", "-v0")
    results: dict = {"pages": [], "reports": []}
    if "pages" not in SKIP:
        targets = child("targets", LARGE_DB)
        server = start_server(LARGE_DB, PORT)
        try:
            results["pages"] = load.measure_pages(PORT, targets, invalidator(LARGE_DB))
        finally:
            server.terminate()
            server.wait(timeout=30)
        if "small" not in SKIP:
            small_targets = child("targets", SMALL_DB)
            server = start_server(SMALL_DB, SMALL_PORT)
            try:
                small = load.query_counts(SMALL_PORT, small_targets, invalidator(SMALL_DB))
            finally:
                server.terminate()
                server.wait(timeout=30)
            for row in results["pages"]:
                row["queries_small"], row["cold_queries_small"] = small.get(row["name"], (None, None))
    if "reports" not in SKIP:
        results["reports"] = measures.time_reports(LARGE_DB, manage, child, WORK)
    table = measures.render(results)
    print(table)
    (ROOT / "bench" / "last-run.md").write_text(table + "\n")
    (ROOT / "bench" / "last-run.json").write_text(json.dumps(results, indent=2, default=str) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
