"""Full-text search on the database in use (the suite runs on SQLite and on PostgreSQL)."""

import pytest

from casework.models import Case
from people.models import Person
from search.query import parse, search_documents


@pytest.fixture
def records(alice: object, make: object) -> dict[str, object]:
    return {
        "seitkali": make.person(alice, "Сейткали Нурлан", other_names="Seitkali Nurlan; Seytkaly"),
        "ivanov": make.person(alice, "Иванов Пётр", other_names="Ivanov Pyotr"),
        "case": make.case(
            alice,
            title="Appeal against the fine for a peaceful assembly",
            description="Detained at the rally on Abay avenue",
        ),
    }


def test_it_finds_a_person_by_a_prefix_in_cyrillic_and_in_latin(records: dict[str, object]) -> None:
    assert search_documents("Сейт", "person") == [records["seitkali"].pk]
    assert search_documents("seytkaly", "person") == [records["seitkali"].pk]
    assert search_documents("СЕЙТКАЛИ", "person") == [records["seitkali"].pk]


def test_every_word_must_match(records: dict[str, object]) -> None:
    assert search_documents("Иванов Пётр", "person") == [records["ivanov"].pk]
    assert search_documents("Иванов Нурлан", "person") == []


def test_a_phrase_in_quotes_matches_only_in_that_order(records: dict[str, object]) -> None:
    assert search_documents('"peaceful assembly"', "case") == [records["case"].pk]
    assert search_documents('"assembly peaceful"', "case") == []


def test_it_finds_a_case_by_its_reference(records: dict[str, object]) -> None:
    reference = records["case"].reference
    assert search_documents(reference, "case") == [records["case"].pk]


def test_search_syntax_typed_by_a_user_cannot_break_the_query(records: dict[str, object]) -> None:
    for text in ['"', "AND OR NOT", "a* -b", "(x", "'; DROP TABLE casework_case; --", "NEAR(a b)", ":*"]:
        search_documents(text, "person")
    assert Case.objects.count() == 1
    assert Person.objects.count() >= 2


def test_it_reads_words_and_phrases() -> None:
    parsed = parse('Seitkali "peaceful assembly" 2026')
    assert parsed.words == ("seitkali", "2026")
    assert parsed.phrases == (("peaceful", "assembly"),)
