import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from casework import documents
from monitoring import actions
from monitoring.models import CustodyAction
from monitoring.testing import term


def _source(event, actor, content=b"%PDF-1.4\nevidence\n%%EOF\n"):
    return actions.add_source(
        event,
        kind=term("source_kind", "media"),
        title="Photo",
        collected_on=event.started_on,
        upload=SimpleUploadedFile("p.pdf", content),
        actor=actor,
    )


def test_it_reports_every_file_intact(mona, mon, capsys):
    event = mon.event(mona)
    source = _source(event, mona)
    call_command("verify_evidence")
    assert "1 file(s) checked, 0 changed" in capsys.readouterr().out
    assert source.custody.filter(action=CustodyAction.VERIFIED, sha256=source.sha256).exists()


def test_it_reports_a_changed_and_a_missing_file(mona, mon, capsys):
    event = mon.event(mona)
    changed = _source(event, mona)
    missing = _source(event, mona, b"%PDF-1.4\nother\n%%EOF\n")
    path = documents.path_of(changed.stored_name)
    original = path.read_bytes()
    data = bytearray(original)
    data[-1] ^= 1
    path.write_bytes(bytes(data))
    documents.path_of(missing.stored_name).unlink()
    try:
        with pytest.raises(CommandError, match="2 evidence file"):
            call_command("verify_evidence")
    finally:
        # The file store is shared by the whole test session (key rotation re-encrypts every file in it).
        path.write_bytes(original)
    out = capsys.readouterr().out
    assert f"source {changed.pk}" in out
    assert f"source {missing.pk}" in out
    assert changed.custody.filter(action=CustodyAction.ALTERED).exists()
