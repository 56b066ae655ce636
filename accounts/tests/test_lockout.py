import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.lockout import is_locked_out, note_attempt
from accounts.models import LoginAttempt
from audit.models import AuditEntry


@pytest.mark.django_db
def test_it_locks_after_five_failures_and_not_before() -> None:
    for _ in range(4):
        note_attempt("alice", succeeded=False)
    assert not is_locked_out("alice")
    note_attempt("alice", succeeded=False)
    assert is_locked_out("alice")


@pytest.mark.django_db
def test_a_success_resets_the_count() -> None:
    for _ in range(4):
        note_attempt("alice", succeeded=False)
    note_attempt("alice", succeeded=True)
    note_attempt("alice", succeeded=False)
    assert not is_locked_out("alice")


@pytest.mark.django_db
def test_the_lock_ends_after_the_window() -> None:
    for _ in range(5):
        note_attempt("alice", succeeded=False)
    later = timezone.now() + dt.timedelta(minutes=16)
    assert not is_locked_out("alice", now=later)


def test_a_locked_account_is_refused_even_with_the_right_password(alice: object, client: Client) -> None:
    url = reverse("accounts:login")
    for _ in range(5):
        client.post(url, {"username": "alice", "password": "wrong"})
    response = client.post(url, {"username": "alice", "password": "correct horse battery"})
    assert response.status_code == 200
    assert "Too many failed attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert LoginAttempt.objects.filter(username="alice", succeeded=False).count() == 5
    assert AuditEntry.objects.filter(action="login.failed").count() == 5
    assert AuditEntry.objects.filter(action="login.locked_out").count() == 1
