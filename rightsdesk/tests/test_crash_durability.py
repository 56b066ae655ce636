"""Kill the server with SIGKILL while people are writing: every acknowledged
write is there afterwards and the database is intact."""

import http.client
import json
import os
import random
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
GUNICORN = Path(sys.executable).parent / "gunicorn"
ROUNDS = 3
WRITERS = 4

SETUP = """
from accounts.offices import load_offices
from vocabularies.loading import load_vocabularies
from accounts.actions import create_user, create_api_token
from accounts.models import Office
load_vocabularies(); load_offices()
alice, _ = create_user(username="alice", role="lawyer", office=Office.objects.get(code="almaty-ho"),
                       password="correct horse battery", actor=None)
print(create_api_token(alice, name="crash", actor=alice)[1])
"""
CHECK = """
import json
from django.db import connection
from casework.models import Consultation
from audit.chain import verify_chain
from audit.models import AuditEntry
with connection.cursor() as c:
    c.execute("PRAGMA integrity_check"); integrity = c.fetchone()[0]
count, problems = verify_chain(AuditEntry.objects.in_chain_order())
print(json.dumps({"integrity": integrity, "audit_problems": len(problems),
                  "summaries": {str(c.pk): c.summary for c in Consultation.objects.all()}}))
"""


def _env(var: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"DJANGO_SETTINGS_MODULE", "DATABASE_URL"}}
    return env | {"RIGHTSDESK_VAR": str(var), "PYTHONPATH": str(ROOT)}


def _run(var: Path, *args: str) -> str:
    done = subprocess.run(  # noqa: S603
        [sys.executable, "-m", "rightsdesk.cli_main", *args],
        cwd=ROOT,
        env=_env(var),
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    return done.stdout


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _start(var: Path, port: int) -> subprocess.Popen[bytes]:
    server = subprocess.Popen(  # noqa: S603
        [str(GUNICORN), "rightsdesk.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "2", "--threads", "2"],
        cwd=ROOT,
        env=_env(var),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2):
                return server
        except OSError:
            time.sleep(0.2)
    server.kill()
    raise AssertionError("server did not start")


@pytest.mark.skipif(
    bool(os.environ.get("DATABASE_URL")),
    reason="the crash test is of the embedded SQLite default; it runs in the SQLite pass",
)
def test_acknowledged_writes_survive_sigkill(tmp_path: Path) -> None:
    var = tmp_path / "var"
    _run(var, "migrate", "-v", "0")
    token = _run(var, "shell", "--no-imports", "-c", SETUP).strip().splitlines()[-1]
    rng = random.Random(20261125)
    acknowledged: dict[str, str] = {}
    lock = threading.Lock()
    kills = 0
    for round_number in range(ROUNDS):
        port = _free_port()
        server = _start(var, port)
        stop = threading.Event()

        def writer(n: int, port: int = port, round_number: int = round_number, stop: threading.Event = stop) -> None:
            sequence = 0
            while not stop.is_set():
                sequence += 1
                marker = f"crash-{round_number}-{n}-{sequence}"
                body = json.dumps(
                    {"date": "2026-03-01", "channel": "phone", "legal_area": "migration", "summary": marker}
                ).encode()
                request = urllib.request.Request(
                    f"http://127.0.0.1:{port}/api/consultations",
                    data=body,
                    method="POST",
                    headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
                )
                try:
                    with urllib.request.urlopen(request, timeout=5) as response:  # noqa: S310
                        if response.status == 201:
                            with lock:
                                acknowledged[str(json.load(response)["id"])] = marker
                except (OSError, http.client.HTTPException, ValueError):
                    # The server died mid-answer: this write was not acknowledged.
                    return

        threads = [threading.Thread(target=writer, args=(n,)) for n in range(WRITERS)]
        for thread in threads:
            thread.start()
        time.sleep(rng.uniform(0.8, 2.0))
        os.killpg(server.pid, signal.SIGKILL)
        kills += 1
        server.wait(timeout=10)
        stop.set()
        for thread in threads:
            thread.join(timeout=10)

    state = json.loads(_run(var, "shell", "--no-imports", "-c", CHECK).strip().splitlines()[-1])
    assert kills == ROUNDS
    assert len(acknowledged) > 10, "the writers were not writing"
    lost = {pk: marker for pk, marker in acknowledged.items() if state["summaries"].get(pk) != marker}
    print(f"crash test: {kills} SIGKILLs, {len(acknowledged)} acknowledged writes, {len(lost)} lost")
    assert lost == {}
    assert state["integrity"] == "ok"
    assert state["audit_problems"] == 0
