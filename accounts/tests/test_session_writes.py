"""A signed-in page view does not write the session each time; the idle clock still moves."""

import time
from typing import Any

from django.contrib.sessions.models import Session
from django.urls import reverse

from accounts.middleware import LAST_SEEN_RESOLUTION_SECONDS
from accounts.testing import as_user


def _stored(client: Any) -> tuple[Any, dict[str, Any]]:
    row = Session.objects.get(session_key=client.session.session_key)
    return row.session_data, row.get_decoded()


def test_pages_seen_within_a_minute_do_not_rewrite_the_session(alice: Any) -> None:
    client = as_user(alice)
    client.get(reverse("casework:dashboard"))
    data_before, decoded = _stored(client)
    assert decoded["rightsdesk_last_seen"] > time.time() - LAST_SEEN_RESOLUTION_SECONDS
    for _ in range(3):
        assert client.get(reverse("casework:dashboard")).status_code == 200
    assert _stored(client)[0] == data_before


def test_the_last_seen_time_moves_once_a_minute_has_passed(alice: Any) -> None:
    client = as_user(alice)
    session = client.session
    stale = time.time() - LAST_SEEN_RESOLUTION_SECONDS - 5
    session["rightsdesk_last_seen"] = stale
    session.save()
    assert client.get(reverse("casework:dashboard")).status_code == 200
    assert _stored(client)[1]["rightsdesk_last_seen"] > stale + LAST_SEEN_RESOLUTION_SECONDS
