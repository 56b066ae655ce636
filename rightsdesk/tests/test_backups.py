"""A backup restores into a fresh installation with the same manifest; a flipped byte fails loudly."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from casework import actions
from rightsdesk import backups

ROOT = Path(__file__).resolve().parents[2]
PASSPHRASE = "long enough backup passphrase"


def _rightsdesk(var: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DJANGO_SETTINGS_MODULE", "RIGHTSDESK_KEYS_FILE", "RIGHTSDESK_FILES"}
    }
    return subprocess.run(  # noqa: S603
        [sys.executable, "-m", "rightsdesk.cli_main", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        env=clean | {"RIGHTSDESK_VAR": str(var), "RIGHTSDESK_BACKUP_PASSPHRASE": PASSPHRASE, **env},
        check=False,
    )


def test_encryption_round_trip_and_tamper_detection(tmp_path: Path) -> None:
    import io

    data = os.urandom(3 * backups.CHUNK + 17)
    sealed = io.BytesIO()
    backups.encrypt_stream(io.BytesIO(data), sealed, PASSPHRASE)
    plain = io.BytesIO()
    sealed.seek(0)
    backups.decrypt_stream(sealed, plain, PASSPHRASE)
    assert plain.getvalue() == data
    blob = bytearray(sealed.getvalue())
    blob[len(blob) // 2] ^= 0x01
    with pytest.raises(backups.BackupError, match="failed verification"):
        backups.decrypt_stream(io.BytesIO(bytes(blob)), io.BytesIO(), PASSPHRASE)
    with pytest.raises(backups.BackupError, match=r"truncated|verification"):
        backups.decrypt_stream(io.BytesIO(sealed.getvalue()[: -backups.CHUNK // 2]), io.BytesIO(), PASSPHRASE)
    sealed.seek(0)
    with pytest.raises(backups.BackupError, match="failed verification"):
        backups.decrypt_stream(sealed, io.BytesIO(), "another passphrase!!")


@pytest.mark.django_db(transaction=True)
def test_a_backup_restores_into_a_fresh_installation_with_the_same_manifest(tmp_path: Path, make: object) -> None:
    if os.environ.get("DATABASE_URL", "").startswith("postgres"):
        pytest.skip("covered on SQLite here; the PostgreSQL round trip is test_postgresql_round_trip")
    source_var = tmp_path / "source"
    fresh_var = tmp_path / "fresh"
    assert _rightsdesk(source_var, "migrate", "-v", "0").returncode == 0
    seeded = _rightsdesk(source_var, "shell", "--no-imports", "-c", SEED)
    assert seeded.returncode == 0, seeded.stderr
    archive = tmp_path / "office.rdbackup"
    written = _rightsdesk(source_var, "backup", str(archive))
    assert written.returncode == 0, written.stderr
    digest = written.stdout.split("manifest ")[1].strip()

    assert _rightsdesk(fresh_var, "migrate", "-v", "0").returncode == 0
    restored = _rightsdesk(fresh_var, "restore", str(archive))
    assert restored.returncode == 0, restored.stderr
    assert restored.stdout.split("manifest ")[1].strip() == digest
    readback = _rightsdesk(fresh_var, "shell", "--no-imports", "-c", READ)
    assert readback.stdout.strip() == "Сейткали Нурлан|statement"
    # The restored chain is anchored afresh, so it verifies in its new home...
    assert (fresh_var / "audit-anchor.json").exists()
    verified = _rightsdesk(fresh_var, "audit", "verify")
    assert verified.returncode == 0, verified.stderr
    # ...while the source, whose anchor records its newest entry, notices that entry removed.
    assert _rightsdesk(source_var, "audit", "verify").returncode == 0
    _rightsdesk(source_var, "shell", "--no-imports", "-c", DROP_NEWEST_AUDIT_ENTRY)
    truncated = _rightsdesk(source_var, "audit", "verify")
    assert truncated.returncode != 0
    assert "removed from the end of the chain" in truncated.stderr

    flipped = tmp_path / "flipped.rdbackup"
    blob = bytearray(archive.read_bytes())
    blob[len(blob) // 3] ^= 0x40
    flipped.write_bytes(bytes(blob))
    refused = _rightsdesk(fresh_var, "restore", str(flipped))
    assert refused.returncode != 0
    assert "failed verification" in refused.stderr
    still = _rightsdesk(fresh_var, "shell", "--no-imports", "-c", READ)
    assert still.stdout.strip() == "Сейткали Нурлан|statement"


SEED = """
from accounts.offices import load_offices
from vocabularies.loading import load_vocabularies
from accounts.actions import create_user
from accounts.models import Office
from people.actions import register_person
from casework.actions import open_case, upload_document
from vocabularies.models import Term
from django.core.files.uploadedfile import SimpleUploadedFile
load_vocabularies(); load_offices()
office = Office.objects.get(code="almaty-ho")
alice, _ = create_user(username="alice", role="lawyer", office=office, password="correct horse battery", actor=None)
person = register_person(office=office, full_name="Сейткали Нурлан", actor=alice)
term = lambda v, c: Term.objects.get(vocabulary=v, code=c)
case = open_case(title="Appeal", case_type=term("case_type", "representation"), legal_area=term("legal_area", "assembly"),
                 office=office, responsible_lawyer=alice, clients=[person], actor=alice)
upload_document(case, upload=SimpleUploadedFile("s.txt", b"statement"), title="Statement",
                doc_type=term("document_type", "evidence"), actor=alice)
"""
DROP_NEWEST_AUDIT_ENTRY = """
from audit.models import AuditEntry
AuditEntry.objects.order_by("-seq").first().delete()
"""
READ = """
from people.models import Person
from casework.models import Document
from casework import documents
print(Person.objects.get().full_name + "|" + documents.read(Document.objects.get().stored_name).decode())
"""


@pytest.mark.django_db(transaction=True)
def test_postgresql_round_trip(tmp_path: Path, make: object) -> None:
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("runs in the PostgreSQL pass of the suite")
    alice = make.user("alice", "lawyer")
    case = make.case(alice)
    actions.upload_document(
        case,
        upload=SimpleUploadedFile("s.txt", b"statement"),
        title="Statement",
        doc_type=make.term("document_type", "evidence"),
        actor=alice,
    )
    archive = tmp_path / "pg.rdbackup"
    written = backups.backup(archive, PASSPHRASE)
    make.person(alice, "Someone added after the backup")
    restored = backups.restore(archive, PASSPHRASE)
    assert restored.digest == written.digest
