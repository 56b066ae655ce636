"""PostgreSQL keeps each document's text-search vector in a stored column that the search queries."""

import pytest
from django.db import connection

from search.index import index_record
from search.query import matching_ids, search_documents

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="the stored vector is PostgreSQL's")


def _one(sql: str, params: list[object] | None = None) -> object:
    with connection.cursor() as cursor:
        cursor.execute(sql, params or [])
        return cursor.fetchone()[0]


def test_the_vector_is_stored_and_follows_the_body(alice: object, make: object) -> None:
    person = make.person(alice, "Сейткали Нурлан")
    assert search_documents('"Сейткали Нурлан"', "person") == [person.pk]
    index_record(person, "Омаров Фарход")
    assert search_documents("Сейткали", "person") == []
    assert search_documents('"Омаров Фарход"', "person") == [person.pk]
    assert _one("SELECT bool_and(body_tsv = search_document_vector(body)) FROM search_searchdocument") is True


def test_whole_words_have_positions_and_prefixes_do_not(alice: object, make: object) -> None:
    person = make.person(alice, "Сейткали Нурлан")
    body = str(_one("SELECT body FROM search_searchdocument WHERE kind = 'person' AND object_id = %s", [person.pk]))
    whole, prefixes = body.split(" - ")
    vector = str(
        _one("SELECT body_tsv::text FROM search_searchdocument WHERE kind = 'person' AND object_id = %s", [person.pk])
    )
    positioned = dict(lexeme.replace("'", "").split(":") for lexeme in vector.split() if ":" in lexeme)
    # Each whole word at its place; every prefix a lexeme of its own, as written, without a position.
    assert positioned == {token: str(n) for n, token in enumerate(whole.split(), start=1)}
    assert sorted(prefixes.split()) == sorted(lexeme.strip("'") for lexeme in vector.split() if ":" not in lexeme)
    # So a prefix finds the person, and a phrase of a prefix and a whole word does not.
    assert search_documents("Сейт Нурл", "person") == [person.pk]
    assert search_documents('"Сейткали Нурлан"', "person") == [person.pk]
    assert search_documents('"Сейткали Нурл"', "person") == []


def test_a_body_from_before_the_separator_keeps_the_vector_it_had(db: None) -> None:
    old_body = "b0000000000000000000a b0000000000000000000b b00000000000000000abc"
    assert _one("SELECT search_document_vector(%s) = to_tsvector('simple', %s)", [old_body, old_body]) is True


def test_search_reads_the_stored_vector_through_its_index(db: None) -> None:
    subquery = matching_ids('"a b" c', "person")
    assert subquery is not None
    assert "body_tsv @@" in subquery.sql
    assert "to_tsvector" not in subquery.sql
    indexes = _one("SELECT array_agg(indexname) FROM pg_indexes WHERE tablename = 'search_searchdocument'")
    assert {f"search_document_tsv_{kind}" for kind in ("case", "consultation", "person")} <= set(indexes)  # type: ignore[arg-type]
    assert "search_document_body_tsv" not in indexes  # type: ignore[operator]
    assert "search_document_body_fts" not in indexes  # type: ignore[operator]


def _toast_table() -> str:
    return str(_one("SELECT reltoastrelid::regclass::text FROM pg_class WHERE oid = 'search_searchdocument'::regclass"))


def test_the_vector_stays_in_the_row_and_the_body_goes_out(alice: object, make: object) -> None:
    # A consultation's document as at national scale: a body of ~1.3 kB and a vector of ~1.6 kB, more
    # than a row holds before PostgreSQL moves values out of it.
    summary = " ".join(f"{n}слово {n}word" for n in range(10, 19))
    toast = _toast_table()
    # The table's name comes from the catalogue, not from input.
    out_of_rows = f"SELECT coalesce(array_agg(size ORDER BY size), '{{}}') FROM (SELECT sum(length(chunk_data)) AS size FROM {toast} GROUP BY chunk_id) v"  # noqa: S608  # nosec B608
    before = _one(out_of_rows)
    consultation = make.consultation(alice, summary=summary)
    body, vector = _one(
        "SELECT array[octet_length(body), pg_column_size(body_tsv)] FROM search_searchdocument "
        "WHERE kind = 'consultation' AND object_id = %s",
        [consultation.pk],
    )  # type: ignore[misc]
    assert body + vector > 2032
    # One value went out of the row, of the body's length: the vector a search reads stayed in it.
    assert sorted(_one(out_of_rows)) == sorted([*before, body])  # type: ignore[misc]
    assert search_documents('"13слово 13word"', "consultation") == [consultation.pk]
