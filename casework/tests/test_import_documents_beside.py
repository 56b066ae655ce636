"""PostgreSQL: an import that owns its transaction writes its search documents on a second connection.

Whatever happens, records and their documents end together: both there, or neither.
"""

from typing import Any

import pytest
from django.db import DatabaseError, connection, connections

from casework import imports
from casework.filters import filter_consultations
from casework.imports import ImportRejected, import_consultations
from casework.models import Consultation
from search.models import SearchDocument

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="a second connection is PostgreSQL's"),
    # The import must own its transaction, as it does under a request: no test transaction around it.
    pytest.mark.django_db(transaction=True),
]

HEADER = "date,person_id,channel,legal_area,groups,summary,outcome,follow_up_on,follow_up,lawyer\n"


def _rows(count: int, word: str = "passport") -> str:
    return "".join(f"2026-03-{1 + n % 28:02d},,phone,citizenship,,Lost {word} number {n},,,,\n" for n in range(count))


def _documents() -> int:
    return SearchDocument.objects.filter(kind="consultation").count()


@pytest.fixture
def second_connections(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """Counts the second connections the import opens, so that a test knows which way it wrote."""
    opened: list[object] = []
    wrapper = connections["default"]
    original = wrapper.get_new_connection

    def counting(params: dict[str, Any]) -> object:
        raw = original(params)
        opened.append(raw)
        return raw

    monkeypatch.setattr(wrapper, "get_new_connection", counting)
    return opened


def test_the_documents_are_written_beside_and_found(alice: Any, second_connections: list[object]) -> None:
    before = _documents()
    # More rows than a batch, so that several batches go through both writers.
    written = import_consultations((HEADER + _rows(2500)).encode(), office=alice.office, actor=alice)
    assert written == 2500
    assert len(second_connections) == 1
    assert _documents() == before + 2500
    found = filter_consultations(Consultation.objects.visible_to(alice), {"q": '"passport number 2499"'})
    assert [c.summary for c in found] == ["Lost passport number 2499"]


def test_a_bad_row_leaves_neither_records_nor_documents(alice: Any, second_connections: list[object]) -> None:
    before = (Consultation.objects.count(), _documents())
    content = HEADER + _rows(2500) + "2026-02-30,,phone,citizenship,,Bad date,,,,\n"
    with pytest.raises(ImportRejected):
        import_consultations(content.encode(), office=alice.office, actor=alice)
    assert len(second_connections) == 1
    assert (Consultation.objects.count(), _documents()) == before


def test_when_the_records_commit_fails_their_documents_are_removed(
    alice: Any, second_connections: list[object], monkeypatch: pytest.MonkeyPatch
) -> None:
    before = (Consultation.objects.count(), _documents())
    committed: list[bool] = []
    commit_documents = imports._SearchDocuments.commit

    def documents_then_disk_full(self: Any) -> None:
        commit_documents(self)
        committed.append(True)
        # The records' commit comes next; make it fail as a full disk would.
        monkeypatch.setattr(connections["default"], "commit", _fail)

    monkeypatch.setattr(imports._SearchDocuments, "commit", documents_then_disk_full)
    with pytest.raises(DatabaseError, match="disk full"):
        import_consultations((HEADER + _rows(1500)).encode(), office=alice.office, actor=alice)
    monkeypatch.undo()
    assert committed == [True]  # the documents were committed before the records failed
    assert (Consultation.objects.count(), _documents()) == before


def _fail() -> None:
    raise DatabaseError("disk full")


def test_inside_a_callers_transaction_the_documents_go_with_the_records(
    alice: Any, second_connections: list[object]
) -> None:
    from django.db import transaction

    before = _documents()
    with transaction.atomic():
        import_consultations((HEADER + _rows(10)).encode(), office=alice.office, actor=alice)
    assert second_connections == []
    assert _documents() == before + 10


def test_without_a_second_connection_the_documents_go_with_the_records(
    alice: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refused(params: dict[str, Any]) -> object:
        raise DatabaseError("too many clients already")

    monkeypatch.setattr(connections["default"], "get_new_connection", refused)
    before = _documents()
    assert import_consultations((HEADER + _rows(10)).encode(), office=alice.office, actor=alice) == 10
    assert _documents() == before + 10
