"""Public pages are kept for anonymous visitors and forgotten the moment the public data changes."""

import re
from typing import Any

import pytest
from django.test import Client

from accounts.testing import as_user
from publishing import actions


@pytest.fixture
def records(mona: Any, edith: Any, mon: Any) -> list[Any]:
    return [mon.published(mona, edith, title="Rally dispersed in Almaty")]


def test_an_anonymous_visitor_gets_the_stored_page_the_second_time(records: list[Any]) -> None:
    first = Client().get("/portal/")
    second = Client().get("/portal/")
    assert first["X-Public-Cache"] == "miss"
    assert second["X-Public-Cache"] == "hit"
    assert "Rally dispersed in Almaty" in second.content.decode()


def test_a_stored_page_carries_this_visitors_nonce_and_csrf_token(records: list[Any]) -> None:
    Client().get("/portal/")
    client = Client()
    response = client.get("/portal/")
    assert response["X-Public-Cache"] == "hit"
    page = response.content.decode()
    nonces = set(re.findall(r'nonce="([^"]+)"', page))
    assert len(nonces) == 1
    assert f"'nonce-{nonces.pop()}'" in response["Content-Security-Policy"]
    assert "__rightsdesk_" not in page
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)  # type: ignore[union-attr]
    # The language form of the stored page works for this visitor.
    client.enforce_csrf_checks = True
    assert client.post("/i18n/setlang/", {"language": "ru", "csrfmiddlewaretoken": token}).status_code == 302


def test_publishing_and_withdrawing_show_at_once(records: list[Any], mona: Any, edith: Any, mon: Any) -> None:
    assert Client().get("/portal/")["X-Public-Cache"] == "miss"
    assert Client().get("/portal/")["X-Public-Cache"] == "hit"
    mon.published(mona, edith, title="Journalist detained in Astana")
    assert "Journalist detained in Astana" in Client().get("/portal/").content.decode()
    actions.withdraw(records[0], actor=edith)
    assert "Rally dispersed in Almaty" not in Client().get("/").content.decode()


def test_a_signed_in_user_never_gets_or_leaves_a_stored_page(records: list[Any], edith: Any) -> None:
    Client().get("/portal/")
    signed_in = as_user(edith).get("/portal/")
    assert "X-Public-Cache" not in signed_in
    assert edith.username in signed_in.content.decode()
    assert edith.username not in Client().get("/portal/").content.decode()
    # and what was rendered for a signed-in user is not stored for anyone
    as_user(edith).get("/portal/records/")
    assert Client().get("/portal/records/")["X-Public-Cache"] == "miss"


def test_pages_are_kept_per_path_and_language(records: list[Any]) -> None:
    Client().get("/portal/records/?q=Rally")
    assert Client().get("/portal/records/?q=Almaty")["X-Public-Cache"] == "miss"
    assert Client(headers={"accept-language": "ru"}).get("/portal/records/?q=Rally")["X-Public-Cache"] == "miss"
    assert Client().get("/portal/records/?q=Rally")["X-Public-Cache"] == "hit"
