from django.test import Client
from django.urls import reverse

from accounts.actions import create_api_token
from accounts.models import ApiToken
from accounts.testing import as_user


def test_a_token_is_shown_once_and_can_be_revoked_by_its_owner_only(alice: object, charlie: object) -> None:
    client = as_user(alice)
    created = client.post(reverse("accounts:profile"), {"create_token": "1", "name": "office laptop"})
    key = created.context["new_key"]
    assert key.startswith("rd_")
    assert key not in client.get(reverse("accounts:profile")).content.decode()
    token = ApiToken.objects.get(user=alice)
    assert token.key_hash != key
    assert Client(headers={"Authorization": f"Bearer {key}"}).get("/api/cases").status_code == 200
    revoke = reverse("accounts:revoke_token", args=[token.pk])
    assert as_user(charlie).post(revoke).status_code == 404
    assert client.post(revoke).status_code == 302
    assert Client(headers={"Authorization": f"Bearer {key}"}).get("/api/cases").status_code == 401


def test_a_password_change_needs_the_old_password(alice: object) -> None:
    client = as_user(alice)
    response = client.post(
        reverse("accounts:profile"),
        {
            "change_password": "1",
            "old_password": "wrong",
            "new_password1": "a much longer passphrase 1",
            "new_password2": "a much longer passphrase 1",
        },
    )
    assert response.status_code == 200
    alice.refresh_from_db()
    assert alice.check_password("correct horse battery")


def test_other_users_tokens_are_not_listed(alice: object, bob: object) -> None:
    create_api_token(bob, name="bob's script", actor=bob)
    assert "bob&#x27;s script" not in as_user(alice).get(reverse("accounts:profile")).content.decode()


def test_exports_and_security_changes_ask_for_the_password_again_after_a_while(alice: object, make: object) -> None:
    from django.urls import reverse as url

    from accounts.reauth import SESSION_KEY

    make.case(alice)
    client = as_user(alice)
    session = client.session
    session[SESSION_KEY] = 0.0  # signed in long ago
    session.save()
    export = url("casework:export", args=["cases", "csv"])
    response = client.get(export)
    assert response["Location"].startswith(url("accounts:reauth"))
    assert client.post(url("accounts:profile"), {"create_token": "1", "name": "x"})["Location"].startswith(
        url("accounts:reauth")
    )
    assert not ApiToken.objects.exists()
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from accounts.testing import totp_code

    code = totp_code(TOTPDevice.objects.get(user=alice))
    wrong = client.post(f"{url('accounts:reauth')}?next={export}", {"password": "wrong", "token": code})
    assert "did not match" in wrong.content.decode()
    right = client.post(f"{url('accounts:reauth')}?next={export}", {"password": "correct horse battery", "token": code})
    assert right["Location"] == export
    assert client.get(export).status_code == 200


def test_reauthentication_asks_for_the_code_when_the_account_has_one(alice: object) -> None:
    from django.urls import reverse as url
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from accounts.reauth import SESSION_KEY
    from accounts.testing import totp_code

    client = as_user(alice)
    session = client.session
    session[SESSION_KEY] = 0.0
    session.save()
    only_password = client.post(url("accounts:reauth"), {"password": "correct horse battery"})
    assert only_password.status_code == 200
    device = TOTPDevice.objects.get(user=alice)
    both = client.post(url("accounts:reauth"), {"password": "correct horse battery", "token": totp_code(device)})
    assert both.status_code == 302
