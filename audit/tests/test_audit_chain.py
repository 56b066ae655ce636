import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction

from audit.log import UnsafeAuditDetail, record
from audit.models import AuditEntry


@pytest.fixture
def attacker_with_database_access(db: None) -> None:
    """Tampering tests play someone who has removed the append-only trigger."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ALTER TABLE audit_auditentry DISABLE TRIGGER audit_entry_append_only")


@pytest.fixture
def chain(attacker_with_database_access: None) -> list[AuditEntry]:
    return [record("case.view", actor=None, object_type="casework.case", object_id=n, n=n) for n in range(1, 6)]


def test_it_reports_an_intact_chain(chain: list[AuditEntry], capsys: pytest.CaptureFixture[str]) -> None:
    call_command("audit", "verify")
    assert "intact: 5 entries" in capsys.readouterr().out


def test_it_detects_an_edited_entry(chain: list[AuditEntry]) -> None:
    AuditEntry.objects.filter(seq=3).update(action="case.update")
    with pytest.raises(CommandError, match="broken"):
        call_command("audit", "verify")


def test_it_detects_a_removed_entry(chain: list[AuditEntry]) -> None:
    AuditEntry.objects.filter(seq=2).delete()
    with pytest.raises(CommandError, match="broken"):
        call_command("audit", "verify")


def test_it_detects_a_rewritten_entry_even_with_its_own_hash_recomputed(chain: list[AuditEntry]) -> None:
    from audit.chain import entry_hash

    entry = AuditEntry.objects.get(seq=3)
    entry.actor_id = 99
    entry.hash = entry_hash(
        seq=entry.seq,
        at=entry.at,
        actor_id=entry.actor_id,
        action=entry.action,
        object_type=entry.object_type,
        object_id=entry.object_id,
        detail=entry.detail,
        prev_hash=entry.prev_hash,
    )
    entry.save()
    with pytest.raises(CommandError, match="broken"):
        call_command("audit", "verify")


@pytest.mark.django_db
def test_it_refuses_free_text_in_an_entry() -> None:
    with pytest.raises(UnsafeAuditDetail):
        record("person.update", actor=None, note="Victim Ivanov was beaten in cell 4 by officer\nPetrov")
    assert AuditEntry.objects.count() == 0


@pytest.mark.django_db
def test_on_postgresql_the_application_cannot_change_or_delete_entries() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("the append-only trigger is a PostgreSQL promise; SQLite relies on audit verify")
    record("case.view", actor=None, object_type="casework.case", object_id=1)
    for attempt in (
        lambda: AuditEntry.objects.update(action="case.update"),
        lambda: AuditEntry.objects.all().delete(),
    ):
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
            attempt()
    assert AuditEntry.objects.get().action == "case.view"
