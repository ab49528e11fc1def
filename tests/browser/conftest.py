"""Browser tests: the journeys users make, in Debian's Chromium driven by Playwright.

The app runs as it does for a real partnership: a separate web server process and a real
Celery worker, on a database of its own built with `migrate` and `seed_demo`, sending email
to files that the tests read. The tests talk to it only through the browser, the emails and
`manage.py` commands, never through the ORM. Nothing is downloaded: Chromium comes from
Debian's packages (`.ci/run` installs it).

Without Chromium the tests are skipped, except in CI (REQUIRE_SERVICES=1), where they fail.
`Journey.sign_in` signs a demo person in as they would: email and password, then, for those
who must use two-factor sign-in, the code from the demo's authenticator app (its key is
published, so the test computes the code as the person's phone would). Each journey records a
screenshot at every step; when a test fails they are written to
`test-results/browser/<test name>/` (and CI prints the folder).
"""

import contextlib
import email
import email.policy
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

import pytest

from tests.conftest import REQUIRE_SERVICES

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
RESULTS = ROOT / "test-results" / "browser"
DEMO_PASSWORD = "learning-cycle-demo"
TOTP_STEP = 30  # seconds: the demo authenticator's time step (django-otp's default)
# The flags this machine needs (no GPU, no background calls out of a closed network).
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


def pytest_collection_modifyitems(config, items):
    here = Path(__file__).parent
    have_chromium = Path(CHROMIUM).exists()
    for item in items:
        if here not in Path(item.fspath).parents:
            continue
        item.add_marker(pytest.mark.browser)
        if not have_chromium and not REQUIRE_SERVICES:
            item.add_marker(pytest.mark.skip(reason=f"no Chromium at {CHROMIUM} (apt-get install chromium)"))


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.when == "call":
        item.browser_failed = report.failed
    return report


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass(frozen=True)
class Email:
    to: str
    subject: str
    text: str

    def links(self, base_url: str) -> list[str]:
        """The app's links in the email's text, in order."""
        return re.findall(re.escape(base_url) + r"[^\s<>\"')]+", self.text)


class App:
    """The running app: its address, its environment (for `manage.py`) and its outbox."""

    def __init__(self, tmp: Path):
        self.tmp = tmp
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.mail_dir = tmp / "mail"
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "partnership.settings.base",
            "LEARNING_ENV": "development",
            "DEBUG": "1",
            "LEARNING_VAR_DIR": str(tmp / "var"),
            "SECRET_KEY": "browser-test-secret-key-not-for-production-use-0123456789",
            "SITE_URL": self.url,
            "EMAIL_URL": "filemail://",
            "EMAIL_FILE_PATH": str(self.mail_dir),
            "DJANGO_ALLOW_ASYNC_UNSAFE": "",
        }
        database_url = os.environ.get("DATABASE_URL", "")
        if database_url.startswith("postgres"):
            self.db_name = f"learning_browser_{uuid.uuid4().hex[:8]}"
            self.env["DATABASE_URL"] = database_url.rsplit("/", 1)[0] + "/" + self.db_name
            self._psql(f'CREATE DATABASE "{self.db_name}"')
        else:
            self.db_name = None
            self.env["DATABASE_URL"] = f"sqlite:///{tmp / 'browser.sqlite3'}"
        self.processes: list[subprocess.Popen] = []
        # The last time step whose security code each person signed in with (see below).
        self.totp_steps_used: dict[str, int] = {}

    def _psql(self, sql: str) -> None:
        admin = os.environ["DATABASE_URL"].rsplit("/", 1)[0] + "/postgres"
        subprocess.run([shutil.which("psql") or "/usr/bin/psql", admin, "-q", "-c", sql], check=True)

    def manage(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        """Run `manage.py` against the app's database and settings; fails with its output."""
        done = subprocess.run(
            [sys.executable, "manage.py", *args], cwd=ROOT, env=self.env, capture_output=True, text=True
        )
        if check and done.returncode:
            raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
        return done

    def shell(self, code: str) -> str:
        """Run Python in `manage.py shell` against the app: for setting the scene only."""
        return self.manage("shell", "-c", code).stdout

    def start(self) -> None:
        self.manage("migrate", "--no-input")
        self.manage("seed_demo")
        log = (self.tmp / "server.log").open("w")
        self.processes.append(
            subprocess.Popen(
                [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{self.port}"],
                cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT,
            )
        )  # fmt: skip
        self.processes.append(
            subprocess.Popen(
                [sys.executable, "-m", "celery", "-A", "partnership", "worker", "--pool=solo",
                 "--without-heartbeat", "--without-mingle", "--without-gossip", "--loglevel=WARNING"],
                cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT,
            )
        )  # fmt: skip
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(self.url + "/healthz", timeout=2)  # noqa: S310 - our own http:// address
                return
            except OSError:
                time.sleep(0.3)
        raise RuntimeError("the app did not start:\n" + (self.tmp / "server.log").read_text())

    def stop(self) -> None:
        for process in self.processes:
            process.terminate()
        for process in self.processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
        if self.db_name:
            self._psql(f'DROP DATABASE IF EXISTS "{self.db_name}" WITH (FORCE)')

    def next_security_code(self, email: str) -> str:
        """The demo authenticator's code for a sign-in by `email` now (seed_demo gives everyone
        who must use two-factor sign-in an app with the demo's published key).

        An app's code is accepted once: a second sign-in by the same person within the same
        30 seconds waits for the next code, rather than being refused and counted toward the
        lockout."""
        from partnership.two_factor.demo import demo_code

        step = int(time.time() // TOTP_STEP)
        while step <= self.totp_steps_used.get(email, -1):
            time.sleep(TOTP_STEP - time.time() % TOTP_STEP + 0.2)
            step = int(time.time() // TOTP_STEP)
        if TOTP_STEP - time.time() % TOTP_STEP < 2:  # about to change: use the next one
            time.sleep(TOTP_STEP - time.time() % TOTP_STEP + 0.2)
            step = int(time.time() // TOTP_STEP)
        self.totp_steps_used[email] = step
        return demo_code()

    def emails(self) -> list[str]:
        """Every email sent so far, oldest first, as the file backend wrote them."""
        if not self.mail_dir.exists():
            return []
        return [p.read_text() for p in sorted(self.mail_dir.glob("*.log"), key=lambda p: p.stat().st_mtime)]

    def messages(self) -> list["Email"]:
        """Every email sent so far, oldest first, parsed: who to, subject and plain text."""
        found = []
        for text in self.emails():
            # The file backend writes each message followed by a line of 79 dashes.
            for raw in text.split("\n" + "-" * 79 + "\n"):
                if not raw.strip():
                    continue
                message = email.message_from_string(raw, policy=email.policy.default)
                body = message.get_body(("plain",))
                found.append(
                    Email(
                        to=str(message["To"] or ""),
                        subject=str(message["Subject"] or ""),
                        text=body.get_content() if body is not None else "",
                    )
                )
        return found

    def wait_for_email(self, *, to: str, subject: str = "", timeout: float = 45) -> "Email":
        """The newest email to `to` whose subject contains `subject`, waiting for the worker
        (most emails are sent by the Celery worker once the page's transaction commits)."""
        deadline = time.monotonic() + timeout
        while True:
            matching = [m for m in self.messages() if to in m.to and subject in m.subject]
            if matching:
                return matching[-1]
            if time.monotonic() > deadline:
                sent = [(m.to, m.subject) for m in self.messages()]
                raise AssertionError(f"no email to {to} about {subject!r} within {timeout}s; sent: {sent}")
            time.sleep(0.5)


@pytest.fixture(scope="session")
def app(tmp_path_factory):
    if not Path(CHROMIUM).exists():
        pytest.fail(f"CI needs Chromium at {CHROMIUM} for the browser tests")
    running = App(tmp_path_factory.mktemp("browser-app"))
    try:
        running.start()
        yield running
    finally:
        running.stop()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


class Journey:
    """One user's visit: a browser context and page, with a screenshot at every step."""

    def __init__(self, app: App, context, name: str):
        self.app = app
        self.context = context
        self.page = context.new_page()
        self.name = name
        self.shots: list[tuple[str, bytes]] = []

    def step(self, label: str) -> None:
        """Mark a step: the screenshot taken here is kept if the test fails. The screenshot is an
        aid to whoever reads a failure, not part of the journey: Chromium on a loaded machine
        now and then answers "Unable to capture screenshot", so it is tried twice and then
        noted as missing rather than failing the journey."""
        from playwright.sync_api import Error as PlaywrightError

        for attempt in range(2):
            try:
                self.shots.append((label, self.page.screenshot(full_page=True)))
                return
            except PlaywrightError as error:
                if attempt:
                    print(f"No screenshot of step {label!r}: {error.message.splitlines()[0]}")
                    return
                time.sleep(0.5)

    def go(self, path: str):
        return self.page.goto(self.app.url + path)

    def sign_in(self, email: str) -> None:
        from django.urls import reverse

        page = self.page
        self.go(reverse("partnership:login"))
        page.get_by_label("Email address").fill(email)
        page.get_by_label("Password").fill(DEMO_PASSWORD)
        page.get_by_role("button", name="Sign in").click()
        if "/sign-in/code/" in urlparse(page.url).path:
            self.step(f"security code asked of {email}")
            page.get_by_label("Security code").fill(self.app.next_security_code(email))
            page.get_by_role("button", name="Continue").click()
            if "/sign-in/code/" in urlparse(page.url).path:
                raise AssertionError(f"the security code for {email} was refused:\n{page.inner_text('main')}")
        self.step(f"signed in as {email}")

    def save_failure(self) -> Path:
        folder = RESULTS / self.name
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        for number, (label, png) in enumerate(self.shots, 1):
            safe = "".join(c if c.isalnum() else "-" for c in label)[:60]
            (folder / f"{number:02d}-{safe}.png").write_bytes(png)
        # The page may be gone (the failure may be why); the steps are what matter.
        with contextlib.suppress(Exception):
            (folder / "last-page.png").write_bytes(self.page.screenshot(full_page=True))
            (folder / "last-page.html").write_text(self.page.content())
        return folder


@pytest.fixture(params=[True, False], ids=["js", "no-js"])
def javascript(request):
    """Run a journey with JavaScript on and off (for pages meant to work without it)."""
    return request.param


@pytest.fixture
def journey(request, app, browser):
    """`journey(javascript=True)` opens a fresh browser context for one user."""
    opened = []

    def open_journey(*, javascript: bool = True) -> Journey:
        context = browser.new_context(
            java_script_enabled=javascript, locale="en-GB", timezone_id="Europe/London"
        )
        context.set_default_timeout(15_000)
        suffix = "" if javascript else "-nojs"
        j = Journey(app, context, f"{request.node.name}{suffix}-{len(opened) + 1}")
        opened.append(j)
        return j

    yield open_journey
    failed = getattr(request.node, "browser_failed", False)
    for j in opened:
        if failed:
            print(f"\nScreenshots of each step: {j.save_failure()}")
        j.context.close()


def fill_date(page, legend: str, day) -> None:
    """Type `day` in the GOV.UK date input whose fieldset's legend is `legend`, as a person
    does: the day, the month and the year, each in its own box."""
    group = page.get_by_role("group", name=legend, exact=True)
    for part, value in (("Day", day.day), ("Month", day.month), ("Year", day.year)):
        group.get_by_label(part, exact=True).fill(str(value))


def assert_accessible(page) -> None:
    """axe-core (bundled, offline) finds no serious or critical violation on the page."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    bad = [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    details = "\n".join(
        f"- {v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:5]}" for v in bad
    )
    assert not bad, f"axe found serious or critical violations on {page.url}:\n{details}"
