"""Signing in: password, then the second factor where the account has or needs one."""

from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.testing import enrol_totp, totp_code
from audit.models import AuditEntry

PASSWORD = "correct horse battery"


def _login(client: Client, username: str, password: str = PASSWORD) -> object:
    return client.post(reverse("accounts:login"), {"username": username, "password": password})


def test_a_lawyer_without_a_device_signs_in_with_a_password(alice: object, client: Client) -> None:
    response = _login(client, "alice")
    assert response["Location"] == reverse("casework:dashboard")
    assert client.get(reverse("casework:dashboard")).status_code == 200


def test_a_wrong_password_says_so_and_signs_nobody_in(alice: object, client: Client) -> None:
    response = _login(client, "alice", "wrong")
    assert "Wrong username or password." in response.content.decode()
    assert client.get(reverse("casework:dashboard")).status_code == 302


def test_an_account_with_a_device_must_give_the_code(alice: object, client: Client, settings: object) -> None:
    # django-otp slows down guessing after a wrong code; this test types the right one at once.
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    device = enrol_totp(alice)
    assert _login(client, "alice")["Location"] == reverse("accounts:verify")
    # Until the code is given, every page leads back to the check.
    assert client.get(reverse("casework:case_list"))["Location"] == reverse("accounts:verify")
    wrong = client.post(reverse("accounts:verify"), {"token": "000000" if totp_code(device) != "000000" else "111111"})
    assert "not valid" in wrong.content.decode()
    right = client.post(reverse("accounts:verify"), {"token": totp_code(device)})
    assert right["Location"] == reverse("casework:dashboard")
    assert client.get(reverse("casework:case_list")).status_code == 200
    assert AuditEntry.objects.filter(action="login.verified", actor_id=alice.pk).count() == 1


def test_an_admin_must_enrol_a_second_factor_before_anything_else(adam: object, client: Client) -> None:
    assert _login(client, "adam")["Location"] == reverse("accounts:setup_2fa")
    assert client.get(reverse("accounts:user_list"))["Location"] == reverse("accounts:setup_2fa")
    page = client.get(reverse("accounts:setup_2fa"))
    assert b"<svg" in page.content
    # While the second factor is owed, the page offers no way into the rest of the system.
    assert reverse("accounts:user_list") not in page.content.decode()
    device = TOTPDevice.objects.get(user=adam, confirmed=False)
    done = client.post(reverse("accounts:setup_2fa"), {"token": totp_code(device)})
    codes = done.context["codes"]
    assert len(codes) == 10
    # The page that shows the recovery codes is rendered once the debt is settled: the navigation is back.
    assert reverse("accounts:user_list") in done.content.decode()
    assert client.get(reverse("accounts:user_list")).status_code == 200
    # A recovery code signs in once, and only once.
    other = Client()
    _login(other, "adam")
    assert other.post(reverse("accounts:verify"), {"token": codes[0]})["Location"] == reverse("casework:dashboard")
    third = Client()
    _login(third, "adam")
    assert "not valid" in third.post(reverse("accounts:verify"), {"token": codes[0]}).content.decode()


def test_an_editor_also_needs_a_second_factor(edith: object, client: Client) -> None:
    assert _login(client, "edith")["Location"] == reverse("accounts:setup_2fa")


def test_the_setting_can_require_two_factors_for_everyone(alice: object, client: Client, settings: object) -> None:
    settings.RIGHTSDESK_REQUIRE_2FA_FOR_ALL = True
    assert _login(client, "alice")["Location"] == reverse("accounts:setup_2fa")


def test_an_idle_session_ends(alice: object, client: Client, settings: object) -> None:
    _login(client, "alice")
    session = client.session
    session["rightsdesk_last_seen"] = 0.0
    session.save()
    response = client.get(reverse("casework:dashboard"))
    assert response["Location"] == reverse("accounts:login")
    assert client.get(reverse("casework:dashboard")).status_code == 302


def test_a_next_address_elsewhere_is_ignored(alice: object, client: Client) -> None:
    response = client.post(
        reverse("accounts:login") + "?next=https://evil.example/", {"username": "alice", "password": PASSWORD}
    )
    assert response["Location"] == reverse("casework:dashboard")


def test_an_admin_creates_a_user_and_sees_the_one_time_password_once(adam: object) -> None:
    from accounts.testing import as_user

    client = as_user(adam)
    response = client.post(
        reverse("accounts:user_create"), {"username": "new.lawyer", "role": "lawyer", "office": adam.office.pk}
    )
    password = response.context["password"]
    assert len(password) >= 12
    assert _login(Client(), "new.lawyer", password)["Location"] == reverse("casework:dashboard")


def test_account_administration_is_invisible_to_others(carol: object) -> None:
    from accounts.testing import as_user

    client = as_user(carol)
    assert client.get(reverse("accounts:user_list")).status_code == 404
    assert client.post(reverse("accounts:user_create"), {"username": "x", "role": "admin"}).status_code == 404
