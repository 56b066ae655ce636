"""A stolen database file or file store must not show who the people are.

Canary strings go into every field that holds a name, contact details or
free text about a person or case; then the raw database (the SQLite file and
its WAL, or a pg_dump) and the files directory are searched for them.
"""

import datetime as dt
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.utils import timezone

from casework import actions

CANARIES = {
    "name": "Канарейкин Ермек",
    "other": "Kanareykin Yermek",
    "phone": "+7 701 555 01 99",
    "email": "kanareykin@example.org",
    "address": "ул. Канареечная 17",
    "summary": "CANARY-summary beaten in cell 4",
    "follow": "CANARY-follow-up call mother",
    "title": "CANARY-title Kanareykin v. Prosecutor",
    "description": "CANARY-description of torture",
    "note": "CANARY-note witness Ospanova",
    "deadline": "CANARY-deadline file appeal for Kanareykin",
    "hearing": "CANARY-hearing notes",
    "proceeding": "CANARY-proceeding notes",
    "decision": "CANARY-decision summary",
    "document": "CANARY-document body",
    "doctitle": "CANARY-doctitle",
    "reason": "CANARY-emergency reason",
}


def _database_bytes() -> bytes:
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        path = Path(connection.settings_dict["NAME"])
        return b"".join(p.read_bytes() for p in (path, Path(f"{path}-wal")) if p.exists())
    pg_dump = shutil.which("pg_dump")
    assert pg_dump, "pg_dump is needed to check the PostgreSQL dump"
    params = connection.get_connection_params()
    dump = subprocess.run(  # noqa: S603
        [
            pg_dump,
            "-h",
            params.get("host", "127.0.0.1"),
            "-p",
            str(params.get("port", 5432)),
            "-U",
            params["user"],
            params["dbname"],
        ],
        capture_output=True,
        check=True,
        timeout=120,
    )
    return dump.stdout


def _files_bytes() -> bytes:
    root = Path(settings.FILES_ROOT)
    return b"".join(p.read_bytes() for p in root.rglob("*") if p.is_file())


@pytest.mark.django_db(transaction=True)
def test_no_canary_is_readable_in_the_database_or_the_files(make: object) -> None:
    alice = make.user("alice", "lawyer")
    adam = make.user("adam", "admin")
    person = make.person(
        alice,
        CANARIES["name"],
        other_names=CANARIES["other"],
        phone=CANARIES["phone"],
        email=CANARIES["email"],
        address=CANARIES["address"],
    )
    consultation = make.consultation(alice, person, summary=CANARIES["summary"], follow_up=CANARIES["follow"])
    case = make.case(
        alice, clients=[], consultation=consultation, title=CANARIES["title"], description=CANARIES["description"]
    )
    actions.add_note(case, text=CANARIES["note"], actor=alice)
    actions.add_deadline(case, title=CANARIES["deadline"], due_on=dt.date(2026, 5, 1), owner=alice, actor=alice)
    proceeding = actions.add_proceeding(
        case,
        body_kind=make.term("body_kind", "court"),
        body_name="Court",
        instance=make.term("court_instance", "first"),
        notes=CANARIES["proceeding"],
        actor=alice,
    )
    actions.add_hearing(proceeding, starts_at=timezone.now(), notes=CANARIES["hearing"], actor=alice)
    actions.record_decision(
        proceeding, decided_on=dt.date(2026, 4, 1), result="partly", summary=CANARIES["decision"], actor=alice
    )
    actions.upload_document(
        case,
        upload=SimpleUploadedFile("kanareykin.txt", CANARIES["document"].encode()),
        title=CANARIES["doctitle"],
        doc_type=make.term("document_type", "evidence"),
        actor=alice,
    )
    actions.grant_emergency_access(case, reason=CANARIES["reason"], actor=adam)

    at_rest = _database_bytes() + _files_bytes()
    found = [key for key, canary in CANARIES.items() if canary.encode() in at_rest]
    # The surname alone, in either script, is not there either (the search index holds keyed hashes).
    found += [word for word in ("Канарейкин", "Kanareykin", "канарейкин", "kanareykin") if word.encode() in at_rest]
    assert found == []
    # And the application still reads everything back.
    case.refresh_from_db()
    assert case.title == CANARIES["title"]
    from search.query import search_documents

    assert search_documents("канарейк", "person") == [person.pk]
