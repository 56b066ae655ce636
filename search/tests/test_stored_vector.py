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
    assert _one("SELECT bool_and(body_tsv = to_tsvector('simple', body)) FROM search_searchdocument") is True


def test_search_reads_the_stored_vector_through_its_index(db: None) -> None:
    subquery = matching_ids('"a b" c', "person")
    assert subquery is not None
    assert "body_tsv @@" in subquery.sql
    assert "to_tsvector" not in subquery.sql
    indexes = _one("SELECT array_agg(indexname) FROM pg_indexes WHERE tablename = 'search_searchdocument'")
    assert {f"search_document_tsv_{kind}" for kind in ("case", "consultation", "person")} <= set(indexes)  # type: ignore[arg-type]
    assert "search_document_body_tsv" not in indexes  # type: ignore[operator]
    assert "search_document_body_fts" not in indexes  # type: ignore[operator]
