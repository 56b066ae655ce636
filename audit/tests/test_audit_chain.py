import pytest
from django.core.management import CommandError, call_command

from audit.log import UnsafeAuditDetail, record
from audit.models import AuditEntry


@pytest.fixture
def chain(db: None) -> list[AuditEntry]:
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
