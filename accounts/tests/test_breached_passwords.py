"""Passwords known from data breaches are refused, at any length and in any case, on the real change page."""

import pytest
from django.contrib.auth.password_validation import CommonPasswordValidator, validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from accounts.testing import as_user

CURRENT = "correct horse battery"  # every persona's password (conftest.py)
BREACHED = "This password is on lists of passwords stolen in data breaches"
VARIANT = "This password is a well-known password with a few digits or symbols added"


def _change(client, new):
    return client.post(
        reverse("accounts:profile"),
        {"change_password": "1", "old_password": CURRENT, "new_password1": new, "new_password2": new},
    )


def _django_common_list_accepts(password):
    CommonPasswordValidator().validate(password)  # raises if Django's 20,000 would catch it
    return True


def test_a_breached_password_that_djangos_list_misses_is_refused_and_the_password_is_unchanged(alice):
    assert _django_common_list_accepts("correcthorsebatterystaple")
    response = _change(as_user(alice), "correcthorsebatterystaple")
    assert response.status_code == 200
    assert BREACHED in response.content.decode()
    alice.refresh_from_db()
    assert alice.check_password(CURRENT)
    assert not alice.check_password("correcthorsebatterystaple")


def test_a_breached_word_with_digits_and_a_symbol_added_is_refused(alice):
    assert _django_common_list_accepts("Welcome2024!")
    response = _change(as_user(alice), "Welcome2024!")
    assert VARIANT in response.content.decode()
    alice.refresh_from_db()
    assert alice.check_password(CURRENT)


def test_the_message_is_in_the_users_language(alice):
    client = as_user(alice)
    for language, words in [("ru", "утечк"), ("kk", "ағып")]:
        response = client.post(
            reverse("accounts:profile"),
            {
                "change_password": "1",
                "old_password": CURRENT,
                "new_password1": "correcthorsebatterystaple",
                "new_password2": "correcthorsebatterystaple",
            },
            headers={"accept-language": language},
        )
        assert words in response.content.decode().lower(), language


def test_a_strong_passphrase_is_accepted(alice):
    response = _change(as_user(alice), "violet anchor ferry quartz")
    assert response.status_code == 302
    alice.refresh_from_db()
    assert alice.check_password("violet anchor ferry quartz")


def test_a_very_long_password_is_checked_and_accepted(alice):
    long = "Ледник над Алматы в марте, " * 20
    assert len(long) >= 500
    response = _change(as_user(alice), long)
    assert response.status_code == 302
    alice.refresh_from_db()
    assert alice.check_password(long)


@pytest.mark.parametrize(
    "password",
    [
        "correcthorsebatterystaple",
        "CORRECTHORSEBATTERYSTAPLE",  # the list is checked whatever the case
        "CorrectHorseBatteryStaple",
        "michaeljordan23",
        "Football2010",
        "!!sunshine1234",  # a common word with digits and symbols around it
        "superman 1987!",
    ],
)
def test_known_passwords_are_refused(password):
    with pytest.raises(ValidationError) as refused:
        validate_password(password)
    assert {"password_breached", "password_breached_variant"} & {e.code for e in refused.value.error_list}


@pytest.mark.parametrize(
    "password",
    [
        "violet anchor ferry quartz",
        "Tr0ub4dor&3 is not mine",
        "ZHq8#vL2m!pR",
        "Almaty-2026-observer-notes",
        "мой кот не любит понедельники",
        "sunshine 49281 ferry 7",  # a common word inside a longer password is not what is refused
    ],
)
def test_passwords_not_known_from_breaches_are_accepted(password):
    validate_password(password)


def test_the_rule_is_explained_next_to_the_field(alice):
    with translation.override("en"):
        page = as_user(alice).get(reverse("accounts:profile")).content.decode()
    assert "known from data breaches" in page
