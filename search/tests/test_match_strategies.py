"""Many matches or few, a search finds the same records, within what the user may see."""

from typing import Any

import pytest
from django.db import IntegrityError, connection, transaction

from casework.filters import filter_cases, filter_consultations, filter_people
from casework.models import Case, Consultation
from people.models import Person
from search import query
from search.models import SearchDocument

QUERIES = ["Ахметов", "akhmetov", "Ахм", '"lost passport"', "passport lost", "ALM", "nothing-like-this"]


@pytest.fixture
def records(make: Any, alice: Any, charlie: Any) -> None:
    for n in range(6):
        person = make.person(alice, f"Ахметов Серик {n}", other_names="Akhmetov")
        make.consultation(alice, person, summary=f"Asked about a lost passport, visit {n}")
    make.person(charlie, "Ахметова Айгуль")  # Karaganda: alice must not find her
    make.consultation(charlie, summary="A lost passport in Karaganda")
    make.case(alice, title="Lost passport appeal")
    make.case(alice, title="Secret lost passport", confidential=True)


def found(user: Any, text: str) -> dict[str, list[int]]:
    # The first page, in display order, as the search page reads it (a walk reads a slice through the
    # display-order index on SQLite), and every match, as a list's pager counts them.
    cases = filter_cases(Case.objects.visible_to(user), {"q": text})
    first_page = [case.pk for case in cases[:25]]
    assert first_page == list(cases.values_list("pk", flat=True))[:25]
    return {
        "cases": first_page,
        "cases counted": [cases.count()],
        "consultations": list(
            filter_consultations(Consultation.objects.visible_to(user), {"q": text}).values_list("pk", flat=True)
        ),
        "people": list(filter_people(Person.objects.visible_to(user), {"q": text}).values_list("pk", flat=True)),
    }


@pytest.mark.parametrize("persona", ["alice", "dana", "charlie"])
def test_walking_the_list_finds_what_starting_from_the_matches_finds(
    records: None, persona: str, request: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    user = request.getfixturevalue(persona)
    from_matches = {text: found(user, text) for text in QUERIES}
    monkeypatch.setattr(query, "DRIVE_FROM_MATCHES_UP_TO", 0)  # every search now walks the list
    walking = {text: found(user, text) for text in QUERIES}
    assert walking == from_matches
    if persona == "alice":
        assert len(walking["Ахметов"]["people"]) == 6  # not Karaganda's Ахметова
        assert len(walking['"lost passport"']["consultations"]) == 6
        assert len(walking["passport lost"]["cases"]) == 2  # her confidential case too: she is its lawyer
    if persona == "dana":
        assert len(walking["passport lost"]["cases"]) == 1  # not the confidential one
    if persona == "charlie":
        assert len(walking["Ахметов"]["people"]) == 1  # his Ахметова (a word starting so); Almaty's are not his


def test_the_match_count_stops_at_its_limit(records: None) -> None:
    assert query.count_matches_up_to("Ахметов", "person", 3) == 3
    assert query.count_matches_up_to("Ахметов", "person", 100) == 7  # Ахметова too: words are matched as typed so far
    assert query.count_matches_up_to("nothing-like-this", "person", 100) == 0


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the SQLite index keys documents by kind")
def test_a_document_of_an_unknown_kind_is_refused_not_misfiled(db: None) -> None:
    with pytest.raises(IntegrityError, match="unknown search document kind"), transaction.atomic():
        SearchDocument.objects.create(kind="mystery", object_id=1, body="x")
    assert not SearchDocument.objects.filter(kind="mystery").exists()
