"""Issue 4's flow in headless Chromium, with a screenshot of each step.

A monitor records an event with two acts and a victim; an editor verifies,
approves, redacts and publishes it and publishes a report; an anonymous
visitor finds the record on the portal without the victim's name and
downloads the PDF report containing it.
"""

import re

import pytest

PASSWORD = "correct horse battery staple 42"
VICTIM = "Сейткали Нурлан"
TITLE = "Peaceful picket dispersed on Republic Square"


def _sign_in(page, user, screenshot, step):  # type: ignore[no-untyped-def]
    from django_otp.plugins.otp_totp.models import TOTPDevice
    from playwright.sync_api import expect

    from accounts.testing import totp_code

    page.goto("/accounts/login/")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(re.compile(r"/accounts/verify/$"))
    page.get_by_label("Code from your authenticator app").fill(totp_code(TOTPDevice.objects.get(user=user)))
    page.get_by_role("button", name="Verify").click()
    expect(page.get_by_role("link", name=user.username)).to_be_visible()
    screenshot(step)


def _sign_out(page):  # type: ignore[no-untyped-def]
    page.get_by_role("button", name="Sign out").click()


@pytest.fixture
def staff() -> tuple[object, object]:
    from accounts import actions
    from accounts.models import Office, Role
    from accounts.testing import enrol_totp

    office = Office.objects.get(code="almaty-ho")
    people = []
    for username, role in [("mona", Role.MONITOR), ("edith", Role.EDITOR)]:
        user, _password = actions.create_user(
            username=username, role=role, office=office, password=PASSWORD, actor=None
        )
        enrol_totp(user)
        people.append(user)
    return people[0], people[1]


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_monitoring_to_portal_flow_in_the_browser(page, screenshot, staff) -> None:  # type: ignore[no-untyped-def]
    from playwright.sync_api import expect

    from publishing import pdf
    from publishing.models import PublishedRecord, Report

    monitor, editor = staff

    # 1. The monitor records the event.
    _sign_in(page, monitor, screenshot, "monitor-signed-in")
    page.get_by_role("link", name="Monitoring").click()
    page.get_by_role("link", name="Record an event").click()
    page.get_by_label("Title").fill(TITLE)
    page.locator("#id_started").fill("2026-03-08")
    page.get_by_label("Region").select_option(label="Almaty")
    page.get_by_label("City or district").fill("Almaty")
    page.get_by_label("Exact place").fill("Republic Square, near the monument")
    page.get_by_label("Description").fill(f"{VICTIM} and about twenty others held a silent picket.")
    screenshot("event-form")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_test_id("review-status")).to_have_text("draft")

    # 2. Two acts against one victim, registered once.
    page.get_by_text("Add an act").click()
    act = page.locator("#act-form")
    act.get_by_label("Violation").select_option(label="Dispersal of a peaceful assembly")
    act.get_by_label("…or register the victim").fill(VICTIM)
    act.locator("#id_perpetrator_kind").select_option(label="Police")
    act.get_by_label("Detention").check()
    screenshot("first-act")
    act.get_by_role("button", name="Add act").click()
    expect(page.get_by_text("Act added.")).to_be_visible()
    page.get_by_text("Add an act").click()
    act = page.locator("#act-form")
    act.get_by_label("Violation").select_option(label="Arbitrary detention")
    act.get_by_label("Victim (from the registry)").select_option(label=VICTIM)
    act.get_by_label("Administrative arrest").check()
    act.get_by_role("button", name="Add act").click()
    expect(page.locator("article.act")).to_have_count(2)
    screenshot("event-with-two-acts")
    _sign_out(page)

    # 3. The editor verifies, approves, and publishes it redacted.
    _sign_in(page, editor, screenshot, "editor-signed-in")
    page.get_by_role("link", name="Monitoring").click()
    page.get_by_role("link", name=TITLE).click()
    page.get_by_role("button", name="Mark verified").click()
    expect(page.get_by_test_id("review-status")).to_have_text("verified")
    page.get_by_role("button", name="Approve for publication").click()
    expect(page.get_by_test_id("review-status")).to_have_text("approved for publication")
    expect(page.get_by_test_id("approved-by")).to_contain_text("edith")
    page.get_by_role("link", name="Redact and publish…").click()
    page.get_by_label("Public summary").fill(
        f"Police dispersed a silent picket. {VICTIM} was detained and held for three hours."
    )
    page.get_by_role("button", name="Publish").click()
    expect(page.get_by_test_id("refused")).to_be_visible()
    expect(page.get_by_test_id("findings")).to_contain_text(VICTIM)
    screenshot("editor-told-what-was-found")
    page.get_by_label("Replace what was found with pseudonyms and […]").check()
    page.get_by_role("button", name="Publish").click()
    expect(page.get_by_text("Published on the portal.")).to_be_visible()
    expect(page.get_by_test_id("victims")).to_have_text("Victim A")
    screenshot("published-record")

    page.goto("/portal/staff/reports/")
    page.get_by_label("Title").fill("Freedom of assembly, first half of 2026")
    page.get_by_label("From").fill("2026-01-01")
    page.get_by_label("Until").fill("2026-06-30")
    page.get_by_label("Right").select_option(label="ICCPR art. 21: peaceful assembly")
    page.get_by_role("button", name="Build report").click()
    page.get_by_role("button", name="Publish on the portal").click()
    expect(page.get_by_text("The report is on the portal.")).to_be_visible()
    screenshot("report-published")
    _sign_out(page)

    # 4. An anonymous visitor finds it on the portal, without the victim's name.
    page.goto("/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Human rights violations in Kazakhstan")
    expect(page.get_by_role("link", name="Staff sign-in")).to_be_visible()
    screenshot("portal-home")
    page.get_by_label("Search").fill("picket")
    page.get_by_role("button", name="Find").click()
    page.get_by_role("link", name=TITLE).click()
    expect(page.get_by_test_id("victims")).to_have_text("Victim A")
    assert "Сейткали" not in page.content()
    assert "Republic Square, near" not in page.content()
    screenshot("public-record")

    page.get_by_role("link", name="Reports").first.click()
    with page.expect_download() as download_info:
        page.get_by_test_id("report-pdf").first.click()
    download = download_info.value
    with open(download.path(), "rb") as handle:
        assert handle.read(4) == b"%PDF"
    report = Report.objects.get()
    text = pdf.report_text(report)
    assert TITLE in text
    assert "Victim A" in text
    assert "Сейткали" not in text
    assert PublishedRecord.objects.get().title == TITLE
