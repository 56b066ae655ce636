"""In headless Chromium: an editor publishes a photograph with a record; a visitor sees it, without its EXIF."""

import datetime as dt
import io
import re

import pytest

from publishing.tests.evidence_files import jpeg_with_exif
from publishing.tests.test_browser_monitoring_flow import PASSWORD, _sign_in, _sign_out

TITLE = "Rally dispersed on Republic Square"


@pytest.fixture
def approved_event_with_photo():  # type: ignore[no-untyped-def]
    from django.core.files.uploadedfile import SimpleUploadedFile

    from accounts import actions as accounts
    from accounts.models import Office, Role
    from accounts.testing import enrol_totp
    from monitoring import actions
    from monitoring.models import Confidentiality, ReviewStatus
    from monitoring.testing import Monitoring, term

    office = Office.objects.get(code="almaty-ho")
    monitor, _ = accounts.create_user(username="mona", role=Role.MONITOR, office=office, password=PASSWORD, actor=None)
    editor, _ = accounts.create_user(username="edith", role=Role.EDITOR, office=office, password=PASSWORD, actor=None)
    enrol_totp(editor)
    mon = Monitoring()
    event = mon.event(monitor, title=TITLE)
    mon.act(event, monitor)
    actions.add_source(
        event,
        kind=term("source_kind", "media"),
        title="Photograph of the square",
        confidentiality=Confidentiality.PUBLIC,
        collected_on=dt.date(2026, 3, 9),
        upload=SimpleUploadedFile("CanaryFileName-IMG_0042.jpg", jpeg_with_exif()),
        actor=monitor,
    )
    mon.approve(event, editor)
    assert event.status == ReviewStatus.APPROVED
    return editor


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_published_photograph_is_shown_upright_and_without_its_metadata(  # type: ignore[no-untyped-def]
    page, screenshot, approved_event_with_photo, live_server
):
    from PIL import Image
    from playwright.sync_api import expect

    _sign_in(page, approved_event_with_photo, screenshot, "editor-signed-in")
    page.get_by_role("link", name="Monitoring").click()
    page.get_by_role("link", name=TITLE).click()
    page.get_by_role("link", name="Redact and publish…").click()
    page.get_by_label(re.compile(r"Photograph of the square")).check()
    screenshot("file-chosen")
    page.get_by_role("button", name="Publish").click()
    expect(page.get_by_text("Published on the portal.")).to_be_visible()
    _sign_out(page)

    page.goto("/portal/records/")
    page.get_by_role("link", name=TITLE).click()
    picture = page.get_by_role("img", name="Photograph of the square")
    expect(picture).to_be_visible()
    # Loaded under the portal's Content-Security-Policy, and turned upright: 32 wide, 64 high. The
    # image is laid out (visible) before it has arrived, so its size is read once it is decoded.
    assert picture.evaluate("img => img.decode().then(() => [img.naturalWidth, img.naturalHeight])") == [32, 64]
    screenshot("public-record-with-photo")
    source = picture.get_attribute("src")
    assert source is not None
    served = page.request.get(live_server.url + source).body()
    assert b"Canary" not in served
    assert dict(Image.open(io.BytesIO(served)).getexif()) == {}
    assert "IMG_0042" not in page.content()
