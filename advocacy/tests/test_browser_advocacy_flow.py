"""Issue 7 in headless Chromium: a campaign, an action linked to a legal event and a recommendation, the
recommendation marked implemented, the yearly impact report, and a figure checked against the list it links to."""

import datetime as dt
import re
from typing import Any

import pytest

PASSWORD = "correct horse battery staple 42"
REC_TEXT = "Abolish the death penalty for all crimes"


@pytest.fixture
def manager() -> Any:
    from accounts import actions
    from accounts.models import Office, Role
    from accounts.testing import enrol_totp

    office = Office.objects.get(code="almaty-ho")
    user, _password = actions.create_user(
        username="saule",
        first_name="Saule",
        last_name="Omarova",
        role=Role.OFFICE_MANAGER,
        office=office,
        password=PASSWORD,
        actor=None,
    )
    enrol_totp(user)
    return user


@pytest.fixture
def year_of_legal_aid(manager: Any) -> None:
    """Three consultations in 2021 and one in 2020, recorded through the real action."""
    from casework.actions import record_consultation
    from vocabularies.models import Term

    channel = Term.objects.get(vocabulary="consultation_channel", code="phone")
    area = Term.objects.get(vocabulary="legal_area", code="criminal")
    for day in (dt.date(2021, 2, 1), dt.date(2021, 6, 1), dt.date(2021, 11, 30), dt.date(2020, 5, 5)):
        record_consultation(
            office=manager.office,
            lawyer=manager,
            date=day,
            channel=channel,
            legal_area=area,
            summary="Sentenced to death in 2003; asks about commutation",
            actor=manager,
        )


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_advocacy_flow_in_the_browser(page, screenshot, manager, abolition, year_of_legal_aid) -> None:  # type: ignore[no-untyped-def]
    from django_otp.plugins.otp_totp.models import TOTPDevice
    from playwright.sync_api import expect

    from accounts.testing import totp_code
    from advocacy.models import AdvocacyAction, Campaign, Recommendation

    # Sign in with the second factor.
    page.goto("/advocacy/")
    page.get_by_label("Username").fill("saule")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_label("Code from your authenticator app").fill(totp_code(TOTPDevice.objects.get(user=manager)))
    page.get_by_role("button", name="Verify").click()
    expect(page).to_have_url(re.compile(r"/advocacy/$"))
    expect(page.get_by_role("heading", name="Campaigns")).to_be_visible()

    # 1. A campaign.
    page.get_by_role("link", name="Start a campaign").click()
    page.get_by_label("Title").fill("Abolition of the death penalty")
    page.get_by_label("Goal").fill("No one is executed or sentenced to death in Kazakhstan")
    page.get_by_label("Legal change sought").fill("Abolish the death penalty in the Criminal Code and the Constitution")
    page.get_by_label("Started").fill("1993")
    screenshot("campaign-form")
    page.get_by_role("button", name="Start the campaign").click()
    expect(page.get_by_text("Campaign started.")).to_be_visible()
    campaign = Campaign.objects.get()
    assert campaign.started.iso() == "1993"

    # 2. A recommendation of the Human Rights Committee.
    page.get_by_role("link", name="Recommendations").first.click()
    page.get_by_role("link", name="Record a recommendation").click()
    page.get_by_label("Made by").select_option(label="UN Human Rights Committee")
    page.get_by_label("Reference").fill("CCPR/C/KAZ/CO/2 §22")
    page.get_by_label("Text").fill(REC_TEXT)
    page.get_by_label("Made on").fill("2016-08")
    page.get_by_role("button", name="Save the recommendation").click()
    expect(page.get_by_test_id("recommendation-status")).to_have_text("not implemented")
    recommendation = Recommendation.objects.get()

    # 3. An action of the campaign, linked to the abolition law and to the recommendation.
    page.goto(f"/advocacy/campaigns/{campaign.pk}/")
    page.get_by_role("link", name="Record an action").click()
    page.get_by_label("Kind of action").select_option(label="Note to an official")
    page.get_by_label("Title").fill("Note to the President on abolition")
    page.get_by_label("Date").fill("2021-03")
    page.get_by_label("Kind of target").select_option(label="President and Presidential Administration")
    page.get_by_label("Target body or official").fill("Administration of the President")
    page.get_by_label(str(recommendation)).check()
    page.get_by_label("Legal events").select_option(
        label="Kazakhstan · 2021-12-29 · Abolition for all crimes · law signed"
    )
    page.get_by_label("Result").fill("The President proposed abolition to Parliament")
    screenshot("action-form")
    page.get_by_role("button", name="Save the action").click()
    expect(page.get_by_text("Action recorded.")).to_be_visible()
    action = AdvocacyAction.objects.get()
    assert list(action.recommendations.all()) == [recommendation]
    assert list(action.legal_events.all()) == [abolition]

    # 4. The recommendation marked implemented by the law.
    page.get_by_role("link", name=str(recommendation)).click()
    page.get_by_label("Follow-up status").select_option(label="implemented")
    page.get_by_label("Since").fill("2021-12-29")
    page.get_by_label("Legal event that shows it").select_option(
        label="Kazakhstan · 2021-12-29 · Abolition for all crimes · law signed"
    )
    page.get_by_role("button", name="Record the follow-up").click()
    expect(page.get_by_text("Follow-up recorded.")).to_be_visible()
    expect(page.get_by_test_id("recommendation-status")).to_have_text("implemented")
    screenshot("recommendation-implemented")

    # The campaign's timeline holds the action, the law and the follow-up together.
    page.goto(f"/advocacy/campaigns/{campaign.pk}/")
    timeline = page.locator("ol.timeline")
    expect(timeline).to_contain_text("Note to the President on abolition")
    expect(timeline).to_contain_text("Abolition for all crimes")
    expect(timeline).to_contain_text("implemented: CCPR/C/KAZ/CO/2 §22")
    screenshot("campaign-timeline")

    # 5. The impact report for 2021.
    page.get_by_role("link", name="Impact report").click()
    page.get_by_label("Year").fill("2021")
    page.get_by_role("button", name="Show").click()
    expect(page.get_by_test_id("presence")).to_have_text("Present in 1 of 20 regions")
    consultations = page.locator('[data-figure="consultations"] .value')
    expect(consultations).to_have_text("3")
    expect(page.locator('[data-figure="actions"] .value')).to_have_text("1")
    expect(page.locator('[data-figure="recommendations/status/implemented"] .value')).to_have_text("1")
    screenshot("impact-report")

    # 6. A figure against the list it links to.
    page.locator('[data-figure="consultations"] a').click()
    expect(page).to_have_url(re.compile(r"/casework/consultations/\?.*date_from=2021-01-01"))
    expect(page.locator("nav.pager")).to_contain_text("3 in all")
    screenshot("consultations-counted")
    page.go_back()
    page.locator('[data-figure="recommendations/status/implemented"] a').click()
    expect(page.get_by_test_id("row-count")).to_have_text("1")
    expect(page.locator("table.list tbody tr")).to_have_count(1)
    expect(page.locator("table.list")).to_contain_text(REC_TEXT)
    screenshot("recommendations-counted")
