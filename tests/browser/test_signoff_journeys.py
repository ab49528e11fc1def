"""Sign-off journeys in a real browser, with and without JavaScript: a subgroup member reports
an action done and the subgroup's chair accepts it (only then is it complete); the chair returns
another with a reason, and its owner reads the reason on the action."""

from playwright.sync_api import expect

from .conftest import assert_accessible

MEMBER = "subgroup.member@northbrook-scp.example"  # Tom Fielding, Learning and Improvement
CHAIR = "subgroup.chair@northbrook-scp.example"  # Priya Raman, its chair


def test_owner_completes_an_action_and_the_chair_accepts_it(journey, javascript):
    owner = journey(javascript=javascript)
    owner.sign_in(MEMBER)
    page = owner.page
    owner.go("/actions/")
    page.get_by_label("Subgroup").select_option(label="Learning and Improvement")
    page.get_by_label("Status").select_option(label="On track")
    page.get_by_role("button", name="Apply filters").click()
    page.locator("main table tbody tr a").first.click()
    owner.step("an action on track")
    action_url = page.url
    page.get_by_role("link", name="Add evidence").click()
    page.get_by_label("What this evidence shows").fill("Re-audit of 20 case files")
    page.get_by_label("Or a link to it").fill("https://intranet.example.org/re-audit")
    page.get_by_role("button", name="Add the evidence").click()
    page.get_by_role("link", name="Complete this action").click()
    page.get_by_label("What changed for children, families or practice").fill(
        "17 of 20 files now record the child's own words."
    )
    owner.step("reporting it done")
    page.get_by_role("button", name="Send for sign-off").click()
    owner.step("sent for sign-off")
    main = page.locator("main")
    expect(main).to_contain_text("Action sent for sign-off")
    expect(main).to_contain_text("Awaiting sign-off")
    expect(main.get_by_role("link", name="Accept as complete")).to_have_count(0)

    chair = journey(javascript=javascript)
    chair.sign_in(CHAIR)
    page = chair.page
    page.get_by_role("link", name="See the actions awaiting your sign-off").first.click()
    chair.step("actions awaiting the chair's sign-off")
    expect(page.locator("main h1")).to_contain_text("Actions awaiting your sign-off")
    if javascript:
        assert_accessible(page)
    page.goto(action_url)
    page.locator("main").get_by_role("link", name="Accept as complete").click()
    chair.step("confirm acceptance")
    expect(page.locator("main")).to_contain_text("17 of 20 files now record the child's own words.")
    if javascript:
        assert_accessible(page)
    page.get_by_role("button", name="Accept as complete").click()
    chair.step("accepted")
    expect(page.locator("main")).to_contain_text("Action accepted: it is complete")
    expect(page.locator("main")).to_contain_text("Accepted as complete")


def test_the_chair_returns_an_action_and_the_owner_reads_why(journey, javascript):
    reason = f"Add the re-audit of the other two teams ({'JS' if javascript else 'no JS'})."
    chair = journey(javascript=javascript)
    chair.sign_in(CHAIR)
    page = chair.page
    page.get_by_role("link", name="See the actions awaiting your sign-off").first.click()
    page.locator("main table tbody tr a").first.click()
    action_url = page.url
    chair.step("an action awaiting sign-off")
    page.locator("main").get_by_role("link", name="Return with a reason").click()
    page.get_by_role("button", name="Return the action").click()
    chair.step("no reason given")
    expect(page.locator("main")).to_contain_text("Enter why the action is being returned")
    page.get_by_label("Why are you returning this action?").fill(reason)
    if javascript:
        assert_accessible(page)
    page.get_by_role("button", name="Return the action").click()
    chair.step("returned")
    expect(page.locator("main")).to_contain_text("Action returned to its owner")

    owner = journey(javascript=javascript)
    owner.sign_in(MEMBER)
    owner.page.goto(action_url)
    owner.step("the owner reads why")
    main = owner.page.locator("main")
    expect(main).to_contain_text("Returned at sign-off")
    expect(main).to_contain_text(reason)
    expect(main.get_by_role("link", name="Add a progress update")).to_be_visible()
