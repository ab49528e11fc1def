"""The benchmark's Django-side steps, each run in a child process on the bench database
(`python -m bench.measures <step>` prints one JSON line), and the figures table.

Steps: `targets` (sign the three people in and list the pages to measure), `info`, `export`
(stream 100,000 attendances through `csv_streaming_response`), `followups` (make 10,000
training follow-ups due today) and `followups-count` (how many were sent, and any duplicate).
"""

import json
import re
import sys
import time
from pathlib import Path

BENCH_COURSE = "Bench follow-up course"
FOLLOW_UP_SESSIONS, FOLLOW_UP_PLACES = 100, 100
GOAL_P95_MS, GOAL_C8_MEDIAN_MS, GOAL_FLOOR_RATIO, GOAL_QUERIES = 150, 300, 3, 15


# Child-process steps -------------------------------------------------------------------------


def _setup():
    import django

    django.setup()


def _signed_in(user) -> str:
    """A session cookie for `user`, two-factor verified, written straight into the session store."""
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user=user, name="Bench").first() or TOTPDevice.objects.create(
        user=user, name="Bench", confirmed=True
    )
    session = import_module(settings.SESSION_ENGINE).SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session["signed_in_at"] = time.time()
    session.create()
    return f"{settings.SESSION_COOKIE_NAME}={session.session_key}"


def targets() -> list[dict]:
    from django.urls import NoReverseMatch, reverse

    from audits.models import Round, RoundStatus
    from partnership.models import ActionPlan, Role, User
    from partnership.scale import EMAIL_DOMAIN, Scale

    s = Scale.load(1)
    people = User.objects.filter(email__endswith=f"@{EMAIL_DOMAIN}")
    bu = people.filter(role_assignments__role=Role.BUSINESS_UNIT).order_by("pk").first()
    chair = people.filter(role_assignments__role=Role.SUBGROUP_CHAIR).order_by("pk").first()
    lead = people.filter(role_assignments__role=Role.AGENCY_LEAD).order_by("pk").first()
    cookies = {"bu": _signed_in(bu), "chair": _signed_in(chair), "lead": _signed_in(lead)}
    plan = ActionPlan.objects.filter(subgroup__name__startswith="Scale ").order_by("pk").first()
    round_ = (
        Round.objects.filter(title__startswith="Scale ", status=RoundStatus.REPORTED)
        .order_by("-year")
        .first()
    )
    qa = s.subgroups["Quality Assurance"]
    pages = [
        ("Floor: accessibility statement (business unit)", "partnership:accessibility", [], "", "bu"),
        ("Home: business unit", "partnership:home", [], "", "bu"),
        ("Home: subgroup chair", "partnership:home", [], "", "chair"),
        ("Home: agency lead", "partnership:home", [], "", "lead"),
        (
            "Actions, filtered (red, one subgroup)",
            "partnership:action-list",
            [],
            f"?rag=red&subgroup={qa.pk}",
            "bu",
        ),
        ("Actions: agency lead's own", "partnership:action-list", [], "", "lead"),
        ("An action plan (10 actions)", "partnership:plan-detail", [plan.pk], "", "bu"),
        ("Review clock board", "reviews:clock-board", [], "", "bu"),
        ("Section 11 heatmap (60 agencies)", "audits:overview", [round_.pk], "", "bu"),
        ("Training analysis", "training:analysis-overview", [], "", "bu"),
        ("Theme matrix", "dashboards:themes", [], "", "bu"),
        ("Dataset", "dashboards:dataset", [], "", "bu"),
        ("API: /api/actions/ (first page)", "api:action-list", [], "", "bu"),
    ]
    out = []
    for name, url_name, args, query, who in pages:
        try:
            path = reverse(url_name, args=args) + query
        except NoReverseMatch:
            continue
        out.append({"name": name, "path": path, "cookie": cookies[who], "floor": name.startswith("Floor")})
    return out


def info() -> dict:
    from django.utils import timezone

    from dashboards.periods import reporting_year

    return {"report_year": reporting_year(timezone.localdate()) - 1}


def export() -> dict:
    """Stream every scale attendance as CSV the way a page would, and watch the memory."""
    import resource

    from partnership.spreadsheets import csv_streaming_response
    from training.models import Attendee

    def peak_mb() -> float:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    rows = (
        Attendee.objects.filter(session__course__title__startswith="Scale course")
        .order_by("session__starts_at", "pk")
        .values_list(
            "session__starts_at",
            "session__course__title",
            "name",
            "email",
            "agency__name",
            "job_role",
            "status",
            "attended",
        )
        .iterator(chunk_size=2000)
    )
    header = ["Session", "Course", "Name", "Email", "Agency", "Job role", "Status", "Attended"]
    started = time.monotonic()
    response = csv_streaming_response(filename="attendances.csv", header=header, rows=rows)
    size = lines = 0
    early_peak = None
    for chunk in response.streaming_content:
        size += len(chunk)
        lines += 1
        if lines == 5002:
            early_peak = peak_mb()
    return {
        "seconds": time.monotonic() - started,
        "rows": lines - 2,
        "megabytes": size / 1e6,
        "peak_mb_after_5000_rows": early_peak,
        "peak_mb_at_end": peak_mb(),
    }


def followups() -> dict:
    """Make FOLLOW_UP_SESSIONS x FOLLOW_UP_PLACES attended places whose three-month follow-up is
    due today, on a course that samples everyone; first removing the last run's (and the
    reminder rows about them), so that every bench run sends the same 10,000 emails."""
    from datetime import datetime
    from datetime import time as clock

    from dateutil.relativedelta import relativedelta
    from django.conf import settings
    from django.contrib.contenttypes.models import ContentType
    from django.utils import timezone

    from partnership.models import SentReminder
    from training.jobs.feedback.common import follow_up_due_on
    from training.models import Attendee, AttendeeStatus, Course, Level, Programme, Session

    today = timezone.localdate()
    day = today - relativedelta(months=settings.TRAINING_FOLLOW_UP_MONTHS)
    while follow_up_due_on(day) > today:
        day -= relativedelta(days=1)
    programme = Programme.objects.order_by("-year").first()
    course, _ = Course.objects.get_or_create(
        programme=programme,
        title=BENCH_COURSE,
        defaults={"level": Level.BASIC, "follow_up_sample_percent": 100},
    )
    old = Attendee.objects.filter(session__course=course)
    SentReminder.objects.filter(
        object_type=ContentType.objects.get_for_model(Attendee), object_id__in=old.values("pk")
    ).delete()
    Session.objects.filter(course=course).delete()
    starts = timezone.make_aware(datetime.combine(day, clock(10)))
    sessions = Session.objects.bulk_create(
        Session(course=course, starts_at=starts, ends_at=starts + relativedelta(hours=3), capacity=FOLLOW_UP_PLACES,
                venue="Bench centre")
        for _ in range(FOLLOW_UP_SESSIONS)
    )  # fmt: skip
    Attendee.objects.bulk_create(
        (
            Attendee(session=session, name=f"Bench practitioner {i}.{j}", email=f"bench{i}.{j}@followup.scale.example",
                     status=AttendeeStatus.BOOKED, attended=True)
            for i, session in enumerate(sessions)
            for j in range(FOLLOW_UP_PLACES)
        ),
        batch_size=5000,
    )  # fmt: skip
    return {"due": FOLLOW_UP_SESSIONS * FOLLOW_UP_PLACES, "session_date": day.isoformat()}


def followups_count() -> dict:
    from django.contrib.contenttypes.models import ContentType
    from django.db.models import Count

    from partnership.models import SentReminder
    from training.models import Attendee

    rows = SentReminder.objects.filter(
        object_type=ContentType.objects.get_for_model(Attendee),
        object_id__in=Attendee.objects.filter(session__course__title=BENCH_COURSE).values("pk"),
    )
    duplicates = rows.values("job", "object_id", "recipient").annotate(n=Count("pk")).filter(n__gt=1).count()
    return {"sent_rows": rows.filter(sent_at__isnull=False).count(), "duplicate_rows": duplicates}


def claims() -> dict:
    """The reminder claim alone, one transaction per row (`claim`) against one batch
    (`claim_many`), for 500 rows each on the bench database; the rows are removed after."""
    from datetime import date

    from partnership.models import SentReminder
    from partnership.services.reminders import claim, claim_many
    from training.models import Attendee

    people = list(
        Attendee.objects.filter(session__course__title__startswith="Scale course").order_by("pk")[:1000]
    )
    period = date(2000, 1, 1)
    started = time.monotonic()
    for a in people[:500]:
        claim("bench-claim", [(a, period)], a.email)
    one_by_one = time.monotonic() - started
    started = time.monotonic()
    claimed = claim_many("bench-claim", [(a, period, a.email) for a in people[500:]])
    batched = time.monotonic() - started
    SentReminder.objects.filter(job="bench-claim").delete()
    return {"claim_500_s": one_by_one, "claim_many_500_s": batched, "claimed": len(claimed)}


# The parent's steps ----------------------------------------------------------------------------


def _emails_about_bench(folder: Path) -> int:
    pattern = re.compile(rf"^Subject: {re.escape(BENCH_COURSE)}\b", re.MULTILINE)
    return sum(len(pattern.findall(p.read_text(errors="replace"))) for p in folder.glob("*") if p.is_file())


def _send_reminders(db, manage_env_runner, work) -> tuple[float, int]:
    import subprocess

    from bench.run import PYTHON, ROOT, env_for

    started = time.monotonic()
    out = subprocess.run(  # noqa: S603 - our own interpreter and arguments
        [PYTHON, "manage.py", "send_reminders"], cwd=ROOT, env=env_for(db), capture_output=True, text=True
    )
    seconds = time.monotonic() - started
    if out.returncode:
        print(out.stderr[-2000:])
    match = re.search(r"(\d+) email\(s\) sent", out.stdout)
    return seconds, int(match.group(1)) if match else -1


class _Printed(list):
    """The figures, each printed as soon as it is measured (a long run shows progress)."""

    def append(self, row):
        secs = f"{row['seconds']:.1f} s" if row["seconds"] is not None else "-"
        print(f"  => {row['task']}: {secs} {row['note']}", flush=True)
        super().append(row)


def time_reports(db: str, manage, child, work: Path) -> list[dict]:
    rows = _Printed()
    year = child("info", db)["report_year"]
    print(f"Annual report {year}")
    try:
        seconds = manage(
            db, "annual_report", "--year", str(year), "--output", str(work / "annual.pdf"), quiet=True
        )
        size = (work / "annual.pdf").stat().st_size / 1e6
        rows.append({"task": f"Annual report PDF ({year}/{str(year + 1)[-2:]}, {size:.1f} MB)",
                     "seconds": seconds, "goal": 30, "note": ""})  # fmt: skip
    except Exception as exc:  # noqa: BLE001 - a failure is a figure too
        rows.append({"task": "Annual report PDF", "seconds": None, "goal": 30, "note": f"failed: {exc}"})
    print("CSV export of 100,000 attendances", flush=True)
    e = child("export", db)
    flat = e["peak_mb_at_end"] - (e["peak_mb_after_5000_rows"] or 0)
    rows.append({"task": f"CSV export, {e['rows']:,} attendances ({e['megabytes']:.1f} MB) streamed",
                 "seconds": e["seconds"], "goal": 20,
                 "note": f"peak memory {e['peak_mb_at_end']:.0f} MB, +{flat:.1f} MB after the first 5,000 rows"})  # fmt: skip
    c = child("claims", db)
    rows.append({"task": "Reminder claims for 500 emails: one transaction each (claim)", "seconds": c["claim_500_s"],
                 "goal": None, "note": f"{c['claim_500_s'] / 500 * 1000:.1f} ms per email"})  # fmt: skip
    rows.append({"task": "Reminder claims for 500 emails: one batch (claim_many)", "seconds": c["claim_many_500_s"],
                 "goal": None, "note": f"{c['claim_many_500_s'] / 500 * 1000:.1f} ms per email; {c['claimed']} claimed"})  # fmt: skip
    emails = work / "emails"
    print("send_reminders: routine run first (anything else due on the scale data)")
    before, before_count = _send_reminders(db, manage, work)
    rows.append({"task": f"send_reminders, routine run before setup ({before_count:,} emails)",
                 "seconds": before, "goal": None, "note": "other jobs' backlog on the first bench run"})  # fmt: skip
    made = child("followups", db)
    print(f"send_reminders with {made['due']:,} follow-ups due")
    for p in emails.glob("*") if emails.exists() else []:
        p.unlink()
    seconds, count = _send_reminders(db, manage, work)
    first_emails = _emails_about_bench(emails)
    again, _again_count = _send_reminders(db, manage, work)
    total_emails = _emails_about_bench(emails)
    counted = child("followups-count", db)
    ok = (
        counted["sent_rows"] == made["due"] and total_emails == made["due"] and counted["duplicate_rows"] == 0
    )
    rows.append({"task": f"send_reminders, {made['due']:,} follow-ups due ({count:,} emails)",
                 "seconds": seconds, "goal": 60,
                 "note": (f"{first_emails:,} follow-up emails written; second run {again:.1f} s sent "
                          f"{total_emails - first_emails} more; {counted['sent_rows']:,} sent rows, "
                          f"{counted['duplicate_rows']} duplicates: {'no duplicate' if ok else 'CHECK'}")})  # fmt: skip
    return rows


def render(results: dict) -> str:
    lines = []
    pages = results.get("pages") or []
    floor = next((p for p in pages if p["floor"]), None)
    if pages:
        lines += [
            "| Page | c=1 median ms | c=1 p95 ms | c=8 median ms | c=8 p95 ms | Queries (large / small data) "
            "| Median / floor | Cold: median ms, queries (large / small) | Goals |",
            "|---|---:|---:|---:|---:|---:|---:|---:|---|",
        ]
        for p in pages:
            ratio = p["c1_median_ms"] / floor["c1_median_ms"] if floor else None
            missed = []
            if not p["floor"]:
                if ratio and ratio > GOAL_FLOOR_RATIO:
                    missed.append(f"{ratio / GOAL_FLOOR_RATIO:.1f}x over 3x floor")
                if p["c1_p95_ms"] > GOAL_P95_MS:
                    missed.append(f"p95 +{p['c1_p95_ms'] - GOAL_P95_MS:.0f} ms")
                if p["c8_median_ms"] > GOAL_C8_MEDIAN_MS:
                    missed.append(f"c=8 median +{p['c8_median_ms'] - GOAL_C8_MEDIAN_MS:.0f} ms")
                if p["queries"] is not None and p["queries"] > GOAL_QUERIES:
                    missed.append(f"{p['queries']} queries")
                if p.get("queries_small") not in (None, p["queries"]):
                    missed.append("queries grow with data")
            if p["statuses"] != [200]:
                missed.append(f"HTTP {p['statuses']}")
            small = p.get("queries_small")
            cold = "-"
            if p.get("cold_median_ms") is not None:
                cold_small = p.get("cold_queries_small")
                cold = (f"{p['cold_median_ms']:.0f}, {p['cold_queries']} / "
                        f"{cold_small if cold_small is not None else '-'}")  # fmt: skip
            lines.append(
                f"| {p['name']} | {p['c1_median_ms']:.0f} | {p['c1_p95_ms']:.0f} | {p['c8_median_ms']:.0f} "
                f"| {p['c8_p95_ms']:.0f} | {p['queries']} / {small if small is not None else '-'} "
                f"| {ratio:.1f} | {cold} | {'floor' if p['floor'] else ('; '.join(missed) or 'met')} |"
            )
    reports = results.get("reports") or []
    if reports:
        lines += ["", "| Task | Seconds | Goal | Notes |", "|---|---:|---:|---|"]
        for r in reports:
            secs = f"{r['seconds']:.1f}" if r["seconds"] is not None else "-"
            goal = f"< {r['goal']} s" if r["goal"] else ""
            verdict = ""
            if r["goal"] and r["seconds"] is not None:
                verdict = (
                    "met; " if r["seconds"] < r["goal"] else f"missed by {r['seconds'] - r['goal']:.0f} s; "
                )
            lines.append(f"| {r['task']} | {secs} | {goal} | {verdict}{r['note']} |")
    return "\n".join(lines)


STEPS = {
    "claims": claims,
    "targets": targets,
    "info": info,
    "export": export,
    "followups": followups,
    "followups-count": followups_count,
}

if __name__ == "__main__":
    _setup()
    print(json.dumps(STEPS[sys.argv[1]](), default=str))
