"""Multi-step actions leave nothing half-written when a step fails."""

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from audit.models import AuditEntry
from casework import actions, imports
from casework.models import Case, Consultation, Document
from people.models import Person
from search.models import SearchDocument


class Injected(RuntimeError):
    pass


def _counts() -> tuple[int, ...]:
    return (
        Case.objects.count(),
        Consultation.objects.count(),
        Person.objects.count(),
        Document.objects.count(),
        AuditEntry.objects.count(),
        SearchDocument.objects.count(),
    )


def test_opening_a_case_is_undone_when_its_audit_entry_fails(
    alice: Any, make: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    person = make.person(alice)
    consultation = make.consultation(alice, person)
    before = _counts()

    def failing_record(*args: Any, **kwargs: Any) -> None:
        raise Injected

    monkeypatch.setattr(actions, "record", failing_record)
    with pytest.raises(Injected):
        make.case(alice, clients=[person], consultation=consultation)
    assert _counts() == before
    consultation.refresh_from_db()
    assert consultation.case is None


def test_an_import_that_fails_after_writing_its_rows_writes_none(alice: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """The rows are inserted in bulk; a failure at the next step (their search documents) undoes them."""
    content = ("full_name\n" + "".join(f"Person {n}\n" for n in range(5))).encode()
    before = _counts()
    real = imports.NewRows.insert
    inserted = {"rows": 0}

    def insert_then_fail(self: Any, cursor: Any, rows: list[Any]) -> list[int]:
        ids = real(self, cursor, rows)
        inserted["rows"] = len(ids)
        return ids

    def index_fails(cursor: Any, *args: Any, **kwargs: Any) -> int:
        # The rows were written in this transaction (on PostgreSQL by the import's writer thread, whose cursor this is).
        cursor.execute("SELECT count(*) FROM people_person")
        assert cursor.fetchone()[0] == before[2] + 5
        raise Injected

    monkeypatch.setattr(imports.NewRows, "insert", insert_then_fail)
    monkeypatch.setattr(imports, "_index_new", index_fails)
    with pytest.raises(Injected):
        imports.import_people(content, office=alice.office, actor=alice)
    assert inserted["rows"] == 5
    assert _counts() == before


def test_a_bad_row_after_written_batches_undoes_them_and_reports_every_problem(
    alice: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Rows are checked and written in one reading: a bad row found late undoes the batches before it."""
    monkeypatch.setattr(imports, "BATCH_SIZE", 2)
    rows = [f"Person {n},female" for n in range(7)]
    rows[4] = "Person 4,martian"  # line 6: no such gender
    rows[6] = "x" * 201 + ",male"  # line 8: a name too long
    content = ("full_name,gender\n" + "".join(f"{row}\n" for row in rows)).encode()
    written = {"batches": 0}
    real = imports.NewRows.insert

    def counting_insert(self: Any, cursor: Any, prepared: list[Any]) -> list[int]:
        written["batches"] += 1
        return real(self, cursor, prepared)

    monkeypatch.setattr(imports.NewRows, "insert", counting_insert)
    before = _counts()
    with pytest.raises(imports.ImportRejected) as rejected:
        imports.import_people(content, office=alice.office, actor=alice)
    assert written["batches"] == 2  # rows 1-4 were written before line 6 was read
    assert [line for line, _message in rejected.value.errors] == [6, 8]
    assert _counts() == before


def test_a_document_whose_record_fails_leaves_no_file(
    alice: Any, make: Any, monkeypatch: pytest.MonkeyPatch, settings: Any
) -> None:
    from pathlib import Path

    case = make.case(alice)
    folder = Path(settings.FILES_ROOT) / "documents"
    files_before = set(folder.glob("*")) if folder.exists() else set()
    before = _counts()

    def failing_record(*args: Any, **kwargs: Any) -> None:
        raise Injected

    monkeypatch.setattr(actions, "record", failing_record)
    with pytest.raises(Injected):
        actions.upload_document(
            case,
            upload=SimpleUploadedFile("a.txt", b"statement"),
            title="t",
            doc_type=make.term("document_type", "evidence"),
            actor=alice,
        )
    assert _counts() == before
    assert set(folder.glob("*")) == files_before
