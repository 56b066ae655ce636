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
