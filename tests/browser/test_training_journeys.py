"""Training journeys in a real browser, with JavaScript on and off (every page is a plain form):

- the business unit sets up a course, schedules a session and imports its attendees from a
  CSV file;
- a practitioner, without an account, books a place on the public booking page, gets the
  confirmation email and cancels with its link, then joins the waiting list of a full session;
- a practitioner and their line manager each answer the three-month follow-up from the link
  emailed to them, and the business unit sees their answers in the training analysis.
"""

import datetime

from django.urls import reverse
from playwright.sync_api import expect

from .conftest import assert_accessible, fill_date

BUSINESS_UNIT = "business.unit@northbrook-scp.example"


def _checker(j, javascript: bool):
    def check(label: str) -> None:
        j.step(label)
        if javascript:
            assert_accessible(j.page)

    return check


def test_business_unit_sets_up_a_course_and_session_and_imports_attendance(journey, javascript, tmp_path):
    run = "with JavaScript" if javascript else "without JavaScript"
    title = f"Working with resistant families ({run})"
    day = datetime.date.today() + datetime.timedelta(days=40)
    csv_file = tmp_path / "sign-in-sheet.csv"
    csv_file.write_text(
        "Name,Email,Agency,Job role,Line manager name,Line manager email\n"
        "Amira Haddad,amira.haddad@ngh.example,NGH,Health visitor,Jo Price,jo.price@ngh.example\n"
        "Ben Cole,ben.cole@police.example,Northshire Police,Detective Constable,,\n"
        "Cara Nolan,cara.nolan@nbc.example,NBC,Social worker,Dev Shah,dev.shah@nbc.example\n"
    )

    j = journey(javascript=javascript)
    j.sign_in(BUSINESS_UNIT)
    page = j.page
    check = _checker(j, javascript)

    j.go(reverse("training:course-create"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Set up a course")
    check("the course form")
    page.get_by_label("Title").fill(title)
    page.get_by_label("Level 2: core multi-agency").check()
    page.get_by_label("The partnership", exact=True).check()
    page.get_by_role("button", name="Set up course").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text(f"Course set up: {title}")
    check("the course")

    page.get_by_role("link", name="Schedule a session").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Schedule a session")
    check("the session form")
    fill_date(page, "Date", day)
    page.get_by_label("Start time").fill("9:30")
    page.get_by_label("End time").fill("12:30")
    page.get_by_label("Venue or how to join").fill("Northbrook Civic Centre, Room 2")
    page.get_by_label("Places").fill("12")
    page.get_by_label("Trainer").fill("Dr Lena Marsh")
    page.get_by_role("button", name="Schedule session").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Session scheduled")
    check("the session")

    page.get_by_role("link", name="Import attendees").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Import attendees")
    check("the import page")
    page.get_by_label("Upload a file").set_input_files(str(csv_file))
    page.get_by_role("button", name="Import attendees").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        "Attendees imported: 3 people added, 0 people updated"
    )
    check("attendees imported")
    main = page.locator("main")
    for name in ("Amira Haddad", "Ben Cole", "Cara Nolan"):
        expect(main).to_contain_text(name)


def _bookable_sessions(app, title: str) -> tuple[datetime.date, datetime.date]:
    """A bookable course with two sessions next week: one with places, one already full."""
    app.shell(
        "import datetime\n"
        "from django.utils import timezone\n"
        "from training.models import Attendee, Course, Level, Programme, Session\n"
        "programme = Programme.objects.order_by('-year').first()\n"
        f"course = Course.objects.create(programme=programme, title={title!r}, level=Level.BASIC)\n"
        "base = timezone.localtime().replace(hour=10, minute=0, second=0, microsecond=0)\n"
        "Session.objects.create(course=course, starts_at=base + datetime.timedelta(days=7),"
        " ends_at=base + datetime.timedelta(days=7, hours=3), venue='Northbrook Civic Centre', capacity=10)\n"
        "full = Session.objects.create(course=course, starts_at=base + datetime.timedelta(days=8),"
        " ends_at=base + datetime.timedelta(days=8, hours=3), venue='Northbrook Civic Centre', capacity=1)\n"
        "Attendee.objects.create(session=full, name='Early Booker', email='early.booker@ngh.example')\n"
    )
    today = datetime.date.today()
    return today + datetime.timedelta(days=7), today + datetime.timedelta(days=8)


def _fill_booking(page, *, name: str, email: str) -> None:
    page.get_by_label("Full name").fill(name)
    page.get_by_label("Work email address").fill(email)
    page.get_by_label("Organisation you work for").select_option(
        label="Northbrook General Hospital NHS Foundation Trust"
    )
    page.get_by_label("Job role").fill("Health visitor")


def test_practitioner_books_a_place_cancels_it_by_email_and_joins_a_waiting_list(app, journey, javascript):
    run = "js" if javascript else "nojs"
    title = f"Neglect: recognising the signs ({run})"
    email = f"sam.practitioner.{run}@ngh.example"
    open_day, full_day = _bookable_sessions(app, title)

    j = journey(javascript=javascript)
    page = j.page
    check = _checker(j, javascript)

    j.go(reverse("training:book"))
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    check("the public booking page")
    page.get_by_role("link", name=f"{title} on {open_day.day} {open_day:%B %Y}").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    check("the session")
    _fill_booking(page, name="Sam Practitioner", email=email)
    page.get_by_role("button", name="Book a place").click()
    expect(page.locator(".govuk-panel")).to_contain_text("Your place is booked")
    expect(page.locator(".govuk-panel")).to_contain_text(email)
    check("booked")

    confirmation = app.wait_for_email(to=email, subject="Your place is booked")
    assert title in confirmation.text
    cancel = [link for link in confirmation.links(app.url) if "/training/t/" in link]
    assert cancel, confirmation.text
    page.goto(cancel[0])
    expect(page.get_by_role("heading", level=1)).to_have_text("Are you sure you want to cancel your place?")
    check("the cancellation link")
    page.get_by_role("button", name="Yes, cancel my place").click()
    expect(page.locator(".govuk-panel")).to_contain_text("Cancelled")
    check("cancelled")

    j.go(reverse("training:book"))
    page.get_by_role("link", name=f"{title} on {full_day.day} {full_day:%B %Y}").click()
    expect(page.locator("main")).to_contain_text("This session is full")
    check("a full session")
    _fill_booking(page, name="Sam Practitioner", email=email)
    page.get_by_role("button", name="Join the waiting list").click()
    expect(page.locator(".govuk-panel")).to_contain_text("You are on the waiting list")
    check("on the waiting list")
    waiting = app.wait_for_email(to=email, subject="You are on the waiting list")
    assert title in waiting.subject


def _session_three_months_ago(app, *, title: str, participant: str, manager: str) -> None:
    """A session three months ago today, with one participant who attended and gave their line
    manager, on a course that asks everyone (100%) the follow-up."""
    app.shell(
        "from dateutil.relativedelta import relativedelta\n"
        "from django.conf import settings\n"
        "from django.utils import timezone\n"
        "from partnership.models import Agency\n"
        "from training.models import Attendee, Course, Level, Programme, Session\n"
        "start = timezone.localtime().replace(hour=9, minute=30, second=0, microsecond=0)"
        " - relativedelta(months=settings.TRAINING_FOLLOW_UP_MONTHS)\n"
        "year = start.year if start.month >= 4 else start.year - 1\n"
        "programme, _ = Programme.objects.get_or_create(year=year)\n"
        f"course = Course.objects.create(programme=programme, title={title!r}, level=Level.CORE,"
        " follow_up_sample_percent=100, bookable=False)\n"
        "session = Session.objects.create(course=course, starts_at=start,"
        " ends_at=start + relativedelta(hours=3), venue='Northbrook Civic Centre', capacity=20)\n"
        "Attendee.objects.create(session=session, name='Rosa Lind', email="
        f"{participant!r}, agency=Agency.objects.get(short_name='NGH'), job_role='School nurse',"
        f" manager_name='Hal Byrne', manager_email={manager!r}, attended=True)\n"
    )


def test_practitioner_and_line_manager_answer_the_three_month_follow_up(app, journey, javascript):
    run = "js" if javascript else "nojs"
    title = f"Child exploitation: disrupting harm ({run})"
    participant = f"rosa.lind.{run}@ngh.example"
    manager = f"hal.byrne.{run}@ngh.example"
    _session_three_months_ago(app, title=title, participant=participant, manager=manager)
    app.manage("send_reminders")

    asked = app.wait_for_email(to=participant, subject="has it changed your practice?")
    assert title in asked.text
    j = journey(javascript=javascript)
    page = j.page
    check = _checker(j, javascript)
    page.goto(next(link for link in asked.links(app.url) if "/training/t/" in link))
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    check("the participant's follow-up")
    page.get_by_label("Yes", exact=True).check()
    page.get_by_label("How has your practice changed?").fill(
        "I now ask about missing episodes at every contact."
    )
    page.get_by_label("Give an example").fill("A 14-year-old's missing episodes were shared the same day.")
    page.get_by_role("button", name="Send answers").click()
    expect(page.locator(".govuk-panel")).to_contain_text("Thank you")
    check("the participant's answers sent")

    asked = app.wait_for_email(to=manager, subject="have you seen a change")
    assert "Rosa Lind" in asked.text
    manager_journey = journey(javascript=javascript)
    page = manager_journey.page
    check = _checker(manager_journey, javascript)
    page.goto(next(link for link in asked.links(app.url) if "/training/t/" in link))
    expect(page.locator("main")).to_contain_text(
        "Have you seen a change in Rosa Lind's practice since the course?"
    )
    check("the manager's follow-up")
    page.get_by_label("Partly", exact=True).check()
    page.get_by_label("Give an example of the change you have seen").fill(
        "Her referrals now give the history."
    )
    page.get_by_role("button", name="Send answers").click()
    expect(page.locator(".govuk-panel")).to_contain_text("Thank you")
    check("the manager's answers sent")

    analyst = journey(javascript=javascript)
    analyst.sign_in(BUSINESS_UNIT)
    page = analyst.page
    analyst.go(reverse("training:analysis-overview"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Training analysis")
    table = page.locator("table", has=page.locator("caption", has_text="Three-month follow-up by course"))
    row = table.locator("tr", has_text=title)
    # Level, then: sampled, participants answered, managers answered, participants reporting
    # changed practice.
    cells = row.locator("td")
    expect(cells.nth(1)).to_have_text("1")
    expect(cells.nth(2)).to_contain_text("100")
    expect(cells.nth(3)).to_contain_text("100")
    expect(cells.nth(4)).to_contain_text("100")
    analyst.step("the analysis")
    if javascript:
        assert_accessible(page)
