"""The bulk path of imports: what a user and an auditor see after a large file is imported."""

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from audit.models import AuditEntry
from casework.imports import ImportRejected, import_consultations, import_people
from casework.models import Consultation
from people.models import Person, name_key
from search.index import BulkBodies, searchable
from search.models import SearchDocument
from search.query import search_documents

PEOPLE_HEADER = "full_name,other_names,gender,birth_date,citizenship,groups,languages,phone,email,address,consent_to_processing,consent_date\n"
CONSULTATION_HEADER = "date,person_id,channel,legal_area,groups,summary,outcome,follow_up_on,follow_up,lawyer\n"


def _people(n: int) -> bytes:
    rows = [
        f"Жумабаев{i} Ерлан,Zhumabayev{i},male,1980,KAZ,activist;activist,kk;ru,,e{i}@example.org,,no,\n"
        for i in range(n)
    ]
    return (PEOPLE_HEADER + "".join(rows)).encode()


def _consultations(n: int, person_id: object = "") -> bytes:
    rows = [f"2026-03-01,{person_id},phone,citizenship,,Паспорт совет {i},advice-given,,,\n" for i in range(n)]
    return (CONSULTATION_HEADER + "".join(rows)).encode()


def test_an_import_writes_one_audit_entry_with_counts_and_the_range_of_ids(alice: Any) -> None:
    before = AuditEntry.objects.count()
    assert import_people(_people(3), office=alice.office, actor=alice) == 3
    assert AuditEntry.objects.count() == before + 1
    entry = AuditEntry.objects.order_by("-seq").first()
    ids = sorted(Person.objects.filter(full_name__isnull=False).values_list("pk", flat=True))[-3:]
    assert entry.action == "import.people"
    assert entry.detail["rows"] == 3
    assert (entry.detail["first_id"], entry.detail["last_id"]) == (ids[0], ids[-1])
    assert entry.detail["group_links"] == 3  # "activist;activist" links once
    assert entry.detail["language_links"] == 6


def test_imported_people_are_found_by_name_and_by_search(alice: Any) -> None:
    import_people(_people(2), office=alice.office, actor=alice)
    person = Person.objects.named("Жумабаев1  ерлан").get()
    assert person.name_key == name_key("Жумабаев1 Ерлан")
    assert str(person.email) == "e1@example.org"
    assert sorted(t.code for t in person.languages.all()) == ["kk", "ru"]
    assert search_documents("Zhumabayev1", "person") == [person.pk]
    assert SearchDocument.objects.get(kind="person", object_id=person.pk).body == searchable(person.search_text())


def test_a_consultation_without_groups_takes_its_persons_groups_and_is_searchable(alice: Any, make: Any) -> None:
    import_people(_people(1), office=alice.office, actor=alice)
    person = Person.objects.named("Жумабаев0 Ерлан").get()
    import_consultations(_consultations(2, person.pk), office=alice.office, actor=alice)
    consultation = Consultation.objects.filter(person=person).order_by("pk").last()
    assert [t.code for t in consultation.groups.all()] == ["activist"]
    assert consultation.created_at is not None
    assert str(consultation.summary) == "Паспорт совет 1"
    assert consultation.pk in search_documents("Паспорт совет", "consultation")


def test_a_field_rule_broken_by_a_row_is_reported_with_its_line(alice: Any) -> None:
    content = (PEOPLE_HEADER + "Иванов Пётр,,,,,,,,not-an-email,,no,\n").encode()
    before = Person.objects.count()
    with pytest.raises(ImportRejected) as refused:
        import_people(content, office=alice.office, actor=alice)
    assert [line for line, _message in refused.value.errors] == [2]
    assert refused.value.errors[0][1].startswith("email:")
    assert Person.objects.count() == before


@pytest.mark.parametrize("importer", ["people", "consultations"])
def test_the_number_of_queries_does_not_grow_with_the_rows(alice: Any, make: Any, importer: str) -> None:
    person = make.person(alice)

    def queries(n: int) -> int:
        content = _people(n) if importer == "people" else _consultations(n, person.pk)
        run = import_people if importer == "people" else import_consultations
        with CaptureQueriesContext(connection) as captured:
            run(content, office=alice.office, actor=alice)
        return len(captured)

    assert queries(40) == queries(4)


def test_bulk_search_bodies_are_those_of_one_record_at_a_time() -> None:
    texts = ["Сейткали Нурлан Seitkali", "Ёлка ёж ÉCOLE école 12345 (обращение 17)", "", "ab abc abc a"]
    bodies = BulkBodies()  # one hasher for all texts, as an import uses it
    assert [bodies.body(text) for text in texts] == [searchable(text) for text in texts]


def test_a_file_longer_than_a_batch_is_written_whole_in_batches(
    alice: Any, make: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from casework import imports

    monkeypatch.setattr(imports, "BATCH_SIZE", 3)
    from vocabularies.models import Term

    person = make.person(alice, groups=[Term.objects.of("vulnerable_group").get(code="activist")])
    before = set(Consultation.objects.values_list("pk", flat=True))
    assert import_consultations(_consultations(10, person.pk), office=alice.office, actor=alice) == 10
    new = Consultation.objects.exclude(pk__in=before).order_by("pk")
    assert [str(c.summary) for c in new] == [f"Паспорт совет {i}" for i in range(10)]
    assert all([t.code for t in c.groups.all()] == ["activist"] for c in new)
    assert SearchDocument.objects.filter(kind="consultation", object_id__in=[c.pk for c in new]).count() == 10
    entry = AuditEntry.objects.order_by("-seq").first()
    assert (entry.detail["first_id"], entry.detail["last_id"], entry.detail["rows"]) == (new[0].pk, new[9].pk, 10)
    assert entry.detail["group_links"] == 10


def test_a_file_that_turns_unreadable_half_way_reports_the_rows_before_and_writes_nothing(alice: Any) -> None:
    bad_row = "2026-03-01,,fax,citizenship,,Совет,advice-given,,,\n"
    # Enough good rows that the file is read in several chunks before the undecodable line.
    good = "".join(f"2026-03-01,,phone,citizenship,,Совет {i},advice-given,,,\n" for i in range(500))
    content = (
        CONSULTATION_HEADER + bad_row + good
    ).encode() + "2026-03-02,,phone,citizenship,,Консультация,,,,\n".encode("cp1251")
    before = (Consultation.objects.count(), AuditEntry.objects.count())
    with pytest.raises(ImportRejected) as refused:
        import_consultations(content, office=alice.office, actor=alice)
    messages = [message for _line, message in refused.value.errors]
    assert refused.value.errors[0][0] == 2
    assert "fax" in messages[0]
    assert "not UTF-8" in messages[-1]
    assert (Consultation.objects.count(), AuditEntry.objects.count()) == before


def test_rows_are_prepared_only_from_columns_the_model_has(alice: Any) -> None:
    from casework.imports import NewRows

    with pytest.raises(ValueError, match="no columns"):
        NewRows(Consultation, ["summary", "colour"], office=alice.office, created_by=alice)
