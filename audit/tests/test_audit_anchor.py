"""The anchor outside the database shows entries removed from the end of the chain, or a rewritten chain."""

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import override_settings

from audit.anchor import Anchor, advance_anchor, read_anchor
from audit.chain import GENESIS_HASH, entry_hash
from audit.log import record
from audit.models import AuditEntry


@pytest.fixture
def anchor_file(tmp_path: Path) -> Any:
    path = tmp_path / "audit-anchor.json"
    with override_settings(AUDIT_ANCHOR_FILE=path):
        yield path


@pytest.fixture
def attacker_with_database_access(db: None) -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ALTER TABLE audit_auditentry DISABLE TRIGGER audit_entry_append_only")


@pytest.fixture
def committed_chain(
    anchor_file: Path, attacker_with_database_access: None, django_capture_on_commit_callbacks: Callable[..., Any]
) -> list[AuditEntry]:
    """Five entries, each committed as a view would commit it, so the anchor follows them."""
    entries = []
    for n in range(1, 6):
        with django_capture_on_commit_callbacks(execute=True):
            entries.append(record("case.view", actor=None, object_type="casework.case", object_id=n))
    return entries


def test_the_anchor_follows_the_newest_committed_entry(committed_chain: list[AuditEntry], anchor_file: Path) -> None:
    assert read_anchor(anchor_file) == Anchor(5, committed_chain[-1].hash)
    assert "signature" in json.loads(anchor_file.read_text())


def test_an_intact_chain_passes_with_its_anchor(
    committed_chain: list[AuditEntry], capsys: pytest.CaptureFixture[str]
) -> None:
    call_command("audit", "verify")
    assert "intact: 5 entries" in capsys.readouterr().out


def test_removing_the_newest_entries_is_detected(committed_chain: list[AuditEntry]) -> None:
    AuditEntry.objects.filter(seq__gte=4).delete()
    with pytest.raises(CommandError, match="broken"):
        call_command("audit", "verify")


def test_removing_the_whole_chain_is_detected(committed_chain: list[AuditEntry]) -> None:
    AuditEntry.objects.all().delete()
    with pytest.raises(CommandError, match="broken"):
        call_command("audit", "verify")


def test_a_chain_rewritten_with_fresh_hashes_is_detected(committed_chain: list[AuditEntry]) -> None:
    # Someone with the database (but not the secret key) rebuilds the whole chain consistently.
    prev = GENESIS_HASH
    for entry in AuditEntry.objects.order_by("seq"):
        entry.actor_id = None
        entry.object_id = "999"
        entry.prev_hash = prev
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
        prev = entry.hash
    with pytest.raises(CommandError, match="broken"):
        call_command("audit", "verify")


def test_a_forged_anchor_is_detected(committed_chain: list[AuditEntry], anchor_file: Path) -> None:
    AuditEntry.objects.filter(seq__gte=4).delete()
    third = AuditEntry.objects.get(seq=3)
    anchor_file.write_text(json.dumps({"seq": 3, "hash": third.hash, "signature": "0" * 64}))
    with pytest.raises(CommandError, match="broken"):
        call_command("audit", "verify")


def test_an_entry_rolled_back_does_not_move_the_anchor(
    committed_chain: list[AuditEntry], anchor_file: Path, django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        record("case.view", actor=None, object_type="casework.case", object_id=6)
    # The request failed after this point: its transaction never committed, its callbacks never ran.
    assert callbacks
    assert read_anchor(anchor_file) == Anchor(5, committed_chain[-1].hash)


def test_commits_arriving_out_of_order_keep_the_newest(committed_chain: list[AuditEntry], anchor_file: Path) -> None:
    advance_anchor(3, committed_chain[2].hash)
    assert read_anchor(anchor_file) == Anchor(5, committed_chain[-1].hash)
