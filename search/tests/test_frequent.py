"""A search found to have many matches skips the counting next time, and still finds the same records."""

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from casework.actions import update_consultation
from casework.filters import filter_consultations
from casework.models import Consultation
from search import frequent, query
from search.frequent import FrequentSearches


def test_a_hint_is_kept_until_it_expires(monkeypatch: pytest.MonkeyPatch) -> None:
    now = [1000.0]
    monkeypatch.setattr(frequent.time, "monotonic", lambda: now[0])
    hints = FrequentSearches(seconds=60, size=10)
    assert not hints.known("passport")
    hints.remember("passport")
    now[0] += 59
    assert hints.known("passport")
    now[0] += 2
    assert not hints.known("passport")


def test_the_oldest_hint_goes_first_when_full() -> None:
    hints = FrequentSearches(size=2)
    hints.remember("a")
    hints.remember("b")
    assert hints.known("a")  # read: now the most recent
    hints.remember("c")
    assert hints.known("a")
    assert hints.known("c")
    assert not hints.known("b")


@pytest.fixture
def passports(make: Any, alice: Any, charlie: Any) -> None:
    for n in range(5):
        make.consultation(alice, summary=f"A lost passport, visit {n}")
    make.consultation(alice, summary="A question about a pension")
    make.consultation(charlie, summary="A lost passport in Karaganda")  # not alice's to see


def _search(user: Any, text: str) -> tuple[list[int], list[str]]:
    with CaptureQueriesContext(connection) as queries:
        found = list(
            filter_consultations(Consultation.objects.visible_to(user), {"q": text}).values_list("pk", flat=True)
        )
    return found, [q["sql"] for q in queries.captured_queries]


def _counting(statements: list[str]) -> list[str]:
    # The probe reads the matches up to the limit: `SELECT * FROM (<matches> LIMIT n) AS found`.
    return [sql for sql in statements if sql.startswith("SELECT * FROM (")]


def test_many_matches_are_counted_once_then_walked(
    passports: None, alice: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(query, "DRIVE_FROM_MATCHES_UP_TO", 2)  # five of alice's, one of charlie's: many
    first, first_statements = _search(alice, "passport")
    again, again_statements = _search(alice, "passport")
    assert len(first) == 5
    assert again == first
    assert len(_counting(first_statements)) == 1
    assert _counting(again_statements) == []


def test_with_no_hint_time_every_search_counts(
    passports: None, alice: Any, monkeypatch: pytest.MonkeyPatch, settings: Any
) -> None:
    settings.RIGHTSDESK_SEARCH_HINT_MINUTES = 0
    monkeypatch.setattr(query, "DRIVE_FROM_MATCHES_UP_TO", 2)
    first, _ = _search(alice, "passport")
    again, statements = _search(alice, "passport")
    assert again == first
    assert len(_counting(statements)) == 1


def test_few_matches_are_counted_every_time(passports: None, alice: Any) -> None:
    for _ in range(2):
        found, statements = _search(alice, "pension")
        assert len(found) == 1
        assert len(_counting(statements)) == 1


def test_a_stale_hint_costs_time_not_results(passports: None, alice: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(query, "DRIVE_FROM_MATCHES_UP_TO", 2)
    passport, _ = _search(alice, "passport")  # remembered as many
    for pk in passport[1:]:  # now only one of alice's speaks of a passport
        update_consultation(Consultation.objects.get(pk=pk), summary="A question about a pension", actor=alice)
    found, statements = _search(alice, "passport")
    assert _counting(statements) == []  # walked, on the hint
    assert found == passport[:1]
    monkeypatch.setattr(query, "DRIVE_FROM_MATCHES_UP_TO", 1500)  # another limit: the hint is not for it
    again, statements = _search(alice, "passport")
    assert len(_counting(statements)) == 1
    assert again == found
