"""First-time two-factor enrolment in headless Chromium, with a screenshot of each step.

An admin must have a second factor: at their first sign-in they are sent to the
set-up page, type the key shown there into an "authenticator" (here: the TOTP
algorithm itself), confirm with its code, and get recovery codes, one of
which then signs them in.
"""

import base64
import re
import time

import pytest

PASSWORD = "correct horse battery staple 42"


def code_for(secret_shown: str, drift: int = 0) -> str:
    """What an authenticator app shows for the key as the page displays it (base32, in groups)."""
    from django_otp.oath import totp

    text = secret_shown.replace(" ", "").upper()
    key = base64.b32decode(text + "=" * (-len(text) % 8))
    return f"{totp(key, step=30, t0=0, digits=6, drift=drift):06d}"


def wrong_code_for(secret_shown: str) -> str:
    """A code that is valid in no time step the server accepts around now."""
    near = {code_for(secret_shown, drift) for drift in (-2, -1, 0, 1, 2)}
    return next(code for code in (f"{n:06d}" for n in range(1_000_000)) if code not in near)


@pytest.fixture
def admin() -> object:
    from accounts import actions
    from accounts.models import Office, Role
    from vocabularies.loading import load_vocabularies

    load_vocabularies()
    user, _password = actions.create_user(
        username="dana",
        first_name="Dana",
        last_name="Admin",
        role=Role.ADMIN,
        office=Office.objects.get(code="almaty-ho"),
        password=PASSWORD,
        actor=None,
    )
    return user


def sign_in(page, username: str, password: str) -> None:  # type: ignore[no-untyped-def]
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_first_sign_in_enrols_an_authenticator(page, screenshot, admin) -> None:  # type: ignore[no-untyped-def]
    from django_otp.plugins.otp_totp.models import TOTPDevice
    from playwright.sync_api import expect

    # An admin without a second factor opens the app and signs in with a password.
    page.goto("/casework/")
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next=/casework/$"))
    sign_in(page, "dana", PASSWORD)

    # They are sent to set up an authenticator, and can go nowhere else first.
    expect(page).to_have_url(re.compile(r"/accounts/2fa/setup/$"))
    expect(page.get_by_role("heading", name="Set up two-factor login")).to_be_visible()
    expect(page.get_by_text("Your role requires a second factor.")).to_be_visible()
    expect(page.locator("figure.qr svg")).to_be_visible()
    secret = page.get_by_test_id("totp-secret").inner_text()
    assert re.fullmatch(r"[A-Z2-7]{4}( [A-Z2-7]{1,4})+", secret), secret
    screenshot("setup-page")
    page.goto("/casework/cases/")
    expect(page).to_have_url(re.compile(r"/accounts/2fa/setup/$"))
    # The key shown is still the same one: reloading does not start a new enrolment.
    expect(page.get_by_test_id("totp-secret")).to_have_text(secret)
    device = TOTPDevice.objects.get(user=admin)
    assert not device.confirmed
    assert base64.b32encode(device.bin_key).decode().rstrip("=") == secret.replace(" ", "")

    # A wrong code is refused with a message, and nothing is confirmed.
    page.get_by_label("Code from your authenticator app").fill(wrong_code_for(secret))
    page.get_by_role("button", name="Confirm").click()
    expect(page.get_by_role("alert")).to_contain_text("That code is not valid.")
    device = TOTPDevice.objects.get(user=admin)
    assert not device.confirmed
    screenshot("wrong-code")

    # django-otp throttles a device after a failure (1 s, doubling); a person
    # takes longer than that to retype, so wait as they would.
    deadline = time.monotonic() + 10
    while not device.verify_is_allowed()[0]:
        assert time.monotonic() < deadline, "the device stays throttled"
        time.sleep(0.1)

    # The code an app computes from the key shown confirms the authenticator.
    page.get_by_label("Code from your authenticator app").fill(code_for(secret))
    page.set_viewport_size({"width": 390, "height": 844})
    screenshot("right-code-narrow")
    page.set_viewport_size({"width": 1280, "height": 800})
    page.get_by_role("button", name="Confirm").click()

    expect(page.get_by_role("heading", name="Recovery codes")).to_be_visible()
    codes = page.locator("ul.codes code").all_inner_texts()
    assert len(codes) >= 8
    assert len(set(codes)) == len(codes)
    assert all(re.fullmatch(r"[0-9a-f]{10}", code) for code in codes), codes
    assert TOTPDevice.objects.get(user=admin).confirmed
    screenshot("recovery-codes")

    page.get_by_role("link", name="I have saved them — continue").click()
    expect(page).to_have_url(re.compile(r"/casework/$"))
    expect(page.get_by_role("heading", name="Dashboard")).to_be_visible()
    expect(page.get_by_role("link", name="Administration")).to_be_visible()
    screenshot("signed-in")

    # A recovery code signs them in once when the phone is not at hand.
    page.get_by_role("button", name="Sign out").click()
    expect(page).to_have_url(re.compile(r"/accounts/login/$"))
    sign_in(page, "dana", PASSWORD)
    expect(page).to_have_url(re.compile(r"/accounts/verify/$"))
    page.get_by_label("Code from your authenticator app, or a recovery code").fill(codes[0])
    screenshot("recovery-code")
    page.get_by_role("button", name="Verify").click()
    expect(page).to_have_url(re.compile(r"/casework/$"))
    expect(page.get_by_role("heading", name="Dashboard")).to_be_visible()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_continue_after_enrolment_when_signing_in_from_the_sign_in_link(page, screenshot, admin) -> None:  # type: ignore[no-untyped-def]
    from playwright.sync_api import expect

    page.goto("/")
    page.get_by_role("link", name="Staff sign-in").click()
    expect(page).to_have_url(re.compile(r"/accounts/login/$"))
    sign_in(page, "dana", PASSWORD)
    expect(page).to_have_url(re.compile(r"/accounts/2fa/setup/$"))
    page.get_by_label("Code from your authenticator app").fill(
        code_for(page.get_by_test_id("totp-secret").inner_text())
    )
    page.get_by_role("button", name="Confirm").click()
    expect(page.get_by_role("heading", name="Recovery codes")).to_be_visible()
    screenshot("recovery-codes")
    continue_link = page.get_by_role("link", name="I have saved them — continue")
    expect(continue_link).to_have_attribute("href", "/casework/", timeout=1000)
    continue_link.click()
    expect(page).to_have_url(re.compile(r"/casework/$"))
