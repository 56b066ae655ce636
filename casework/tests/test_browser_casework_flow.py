"""The whole casework flow of issue 2 in headless Chromium, with a screenshot of each step.

Sign in with a second factor, record a consultation for a new person, open a
case from it, add a proceeding and a hearing, a deadline and a document, find
the case by search, and switch the interface to Russian.
"""

import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone

PASSWORD = "correct horse battery staple 42"
TITLE = "Restoring the citizenship of Zhanar Testova"
PERSON = "Zhanar Testova"


def minimal_pdf() -> bytes:
    """A small, valid one-page PDF (with a correct cross-reference table)."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        None,  # the content stream, below
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    stream = b"BT /F1 12 Tf 20 100 Td (Power of attorney) Tj ET"
    objects[3] = b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream"
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


@pytest.fixture
def lawyer() -> object:
    from accounts import actions
    from accounts.models import Office, Role
    from accounts.testing import enrol_totp
    from vocabularies.loading import load_vocabularies

    load_vocabularies()
    office = Office.objects.get(code="almaty-ho")
    user, _password = actions.create_user(
        username="aigul",
        first_name="Aigul",
        last_name="Nurlanova",
        role=Role.LAWYER,
        office=office,
        password=PASSWORD,
        actor=None,
    )
    enrol_totp(user)
    return user


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_casework_flow_in_the_browser(page, screenshot, lawyer) -> None:  # type: ignore[no-untyped-def]
    from django_otp.plugins.otp_totp.models import TOTPDevice
    from playwright.sync_api import expect

    from accounts.testing import totp_code
    from casework.models import Case, Consultation, Deadline, Document, Hearing

    device = TOTPDevice.objects.get(user=lawyer, confirmed=True)
    today = timezone.localdate()
    hearing_day = today + timedelta(days=14)
    due_day = today + timedelta(days=10)

    # 1. Sign in: password, then the code from the authenticator.
    page.goto("/casework/")
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next=/casework/$"))
    page.get_by_label("Username").fill("aigul")
    page.get_by_label("Password").fill(PASSWORD)
    screenshot("login")
    page.get_by_role("button", name="Sign in").click()

    expect(page).to_have_url(re.compile(r"/accounts/verify/$"))
    expect(page.get_by_role("heading", name="Two-factor check")).to_be_visible()
    page.get_by_label("Code from your authenticator app").fill(totp_code(device))
    screenshot("two-factor-code")
    page.get_by_role("button", name="Verify").click()

    expect(page).to_have_url(re.compile(r"/casework/$"))
    expect(page.get_by_role("heading", name="Dashboard")).to_be_visible()
    expect(page.get_by_role("link", name="aigul")).to_be_visible()
    screenshot("dashboard")

    # 2. Record a consultation, with the keyboard shortcut to open the form.
    page.keyboard.press("Alt+N")
    expect(page).to_have_url(re.compile(r"/casework/consultations/new/$"))
    expect(page.get_by_label("Date")).to_have_value(today.isoformat())
    page.get_by_label("Channel").select_option(label="In person")
    page.get_by_label("Legal area").select_option(label="Citizenship and statelessness")
    page.get_by_label("new person's full name").fill(PERSON)
    page.get_by_label("Stateless person").check()
    page.get_by_label("Summary").fill(
        "Lost her passport in 2019; the migration police refuse to document her. "
        "Explained the statelessness determination procedure."
    )
    page.set_viewport_size({"width": 390, "height": 844})
    screenshot("consultation-form-narrow")
    page.set_viewport_size({"width": 1280, "height": 800})
    screenshot("consultation-form")
    page.get_by_role("button", name="Save and open a case").click()

    # 3. Open a case from it: the consultation's person becomes the client.
    expect(page).to_have_url(re.compile(r"/casework/consultations/\d+/open-case/$"))
    expect(page.get_by_text("Consultation recorded.")).to_be_visible()
    expect(page.locator("p.notice")).to_contain_text(f"{PERSON} becomes a client.")
    expect(page.get_by_label("Legal area")).to_have_value(str(Consultation.objects.get().legal_area_id))
    page.get_by_label("Title").fill(TITLE)
    page.get_by_label("Case type").select_option(label="Documentation and status")
    expect(page.get_by_label("Responsible lawyer")).to_have_value(str(lawyer.pk))
    screenshot("case-form")
    page.get_by_role("button", name="Open the case").click()

    expect(page).to_have_url(re.compile(r"/casework/cases/\d+/$"))
    case = Case.objects.get()
    assert page.url.endswith(f"/casework/cases/{case.pk}/")
    expect(page.get_by_text(f"Case {case.reference} opened.")).to_be_visible()
    expect(page.locator("h1 .ref")).to_have_text(case.reference)
    facts = page.locator("dl.facts")
    expect(facts.locator("dd").filter(has=page.get_by_role("link", name=PERSON))).to_have_count(1)
    expect(page.get_by_test_id("case-status")).to_have_text("Intake")
    assert Consultation.objects.get().case_id == case.pk
    assert [p.full_name for p in case.clients.all()] == [PERSON]
    screenshot("case-opened")

    # 4. A proceeding, then a hearing in it.
    adding = page.locator("details.action").filter(has_text="Add a proceeding")
    adding.locator("summary").click()
    adding.get_by_label("Kind of body").select_option(label="Court")
    adding.get_by_label("Court or body").fill("Almaly District Court of Almaty")
    adding.get_by_label("Instance").select_option(label="First instance")
    adding.get_by_label("Case number there").fill("7511-26-00-2/118")
    screenshot("proceeding-form")
    adding.get_by_role("button", name="Add proceeding").click()
    expect(page.get_by_text("Saved.")).to_be_visible()
    expect(page.locator("#proceedings article h3")).to_contain_text("Almaly District Court of Almaty")

    hearing = page.locator("details.action").filter(has_text="Add a hearing")
    hearing.locator("summary").click()
    hearing.get_by_label("Proceeding").select_option(index=1)
    hearing.get_by_label("Date and time").fill(f"{hearing_day.isoformat()}T10:30")
    hearing.get_by_label("Place").fill("Courtroom 4")
    screenshot("hearing-form")
    hearing.get_by_role("button", name="Add hearing").click()
    expect(page.get_by_text("Saved.")).to_be_visible()
    hearings = page.locator("#proceedings li").filter(has_text="Courtroom 4")
    expect(hearings).to_have_count(1)
    expect(hearings.locator("time")).to_have_attribute("datetime", re.compile(rf"^{hearing_day.isoformat()}T10:30:00"))
    assert Hearing.objects.get().proceeding.case_id == case.pk
    screenshot("hearing-added")

    # 5. A deadline, owned by the lawyer.
    deadline = page.locator("details.action").filter(has_text="Add a deadline")
    deadline.locator("summary").click()
    deadline.get_by_label("What is due").fill("File the appeal against the refusal")
    deadline.get_by_label("Due on").fill(due_day.isoformat())
    expect(deadline.get_by_label("Owner")).to_have_value(str(lawyer.pk))
    screenshot("deadline-form")
    deadline.get_by_role("button", name="Add deadline").click()
    expect(page.get_by_text("Saved.")).to_be_visible()
    due = page.locator("#deadlines li").filter(has_text="File the appeal against the refusal")
    expect(due.locator("time")).to_have_attribute("datetime", due_day.isoformat())
    assert Deadline.objects.get().owner_id == lawyer.pk
    screenshot("deadline-added")

    # 6. A document: a real PDF, uploaded and downloaded back.
    pdf = minimal_pdf()
    upload = page.locator("details.action").filter(has_text="Upload a document")
    upload.locator("summary").click()
    upload.get_by_label("File").set_input_files(
        {"name": "power-of-attorney.pdf", "mimeType": "application/pdf", "buffer": pdf}
    )
    upload.get_by_label("Title").fill("Power of attorney")
    upload.get_by_label("Type of document").select_option(label="Power of attorney")
    screenshot("document-form")
    upload.get_by_role("button", name="Upload").click()
    expect(page.get_by_text("Saved.")).to_be_visible()
    link = page.locator("#documents").get_by_role("link", name="Power of attorney")
    expect(link).to_be_visible()
    document = Document.objects.get()
    assert (document.case_id, document.content_type, document.size) == (case.pk, "application/pdf", len(pdf))
    with page.expect_download() as download:
        link.click()
    assert download.value.suggested_filename == "power-of-attorney.pdf"
    assert Path(download.value.path()).read_bytes() == pdf
    screenshot("document-uploaded")

    # 7. Find the case by search, from the navigation.
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Search").click()
    expect(page).to_have_url(re.compile(r"/casework/search/$"))
    page.get_by_role("searchbox", name="Search").fill("testova citizenship")
    page.get_by_role("searchbox", name="Search").press("Enter")
    expect(page).to_have_url(re.compile(r"/casework/search/\?q=testova\+citizenship$"))
    cases = page.locator("section").filter(has=page.get_by_role("heading", name="Cases"))
    expect(cases.get_by_role("link", name=case.reference)).to_be_visible()
    expect(cases).to_contain_text(TITLE)
    screenshot("search-results")
    cases.get_by_role("link", name=case.reference).click()
    expect(page).to_have_url(re.compile(rf"/casework/cases/{case.pk}/$"))

    # 8. Switch the interface to Russian with the language menu in the header.
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.locator("#language").select_option("ru")
    expect(page.locator("html")).to_have_attribute("lang", "ru")
    expect(page).to_have_url(re.compile(rf"/casework/cases/{case.pk}/$"))
    # The interface strings come from locale/ru (compiled by `make messages`).
    expect(page.locator("header.top nav").get_by_role("link", name="Дела", exact=True)).to_be_visible()
    # Vocabulary labels come from the database and are in Russian too.
    expect(page.locator("dl.facts")).to_contain_text("Документирование и статус")
    expect(page.locator("dl.facts")).to_contain_text("Гражданство и безгражданство")
    expect(page.locator("#language")).to_have_value("ru")
    screenshot("case-in-russian")
    page.set_viewport_size({"width": 390, "height": 844})
    screenshot("case-in-russian-narrow")
