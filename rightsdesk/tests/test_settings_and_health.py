import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client

ROOT = Path(__file__).resolve().parents[2]


def test_healthz_answers_when_the_database_works(db: None) -> None:
    response = Client().get("/healthz")
    assert response.status_code == 200
    assert response.json()["status"] == "ok"


def _settings_probe(env: dict[str, str], code: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG", "DJANGO_SETTINGS_MODULE"}}
    return subprocess.run(  # noqa: S603
        [sys.executable, "-c", code], cwd=ROOT, env=clean | env, capture_output=True, text=True, timeout=60, check=False
    )


def test_a_secret_key_is_generated_once_into_var(tmp_path: Path) -> None:
    code = "import django.conf as c, os; os.environ['DJANGO_SETTINGS_MODULE']='rightsdesk.settings'; print(c.settings.SECRET_KEY); print(c.settings.DEBUG)"
    first = _settings_probe({"RIGHTSDESK_VAR": str(tmp_path)}, code)
    second = _settings_probe({"RIGHTSDESK_VAR": str(tmp_path)}, code)
    assert first.returncode == 0, first.stderr
    key, debug = first.stdout.split()
    assert len(key) >= 50
    assert debug == "False"
    assert second.stdout.split()[0] == key
    assert oct((tmp_path / "secret_key").stat().st_mode)[-3:] == "600"


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"SECRET_KEY": "short"}, "SECRET_KEY"),
        ({"SECRET_KEY": "x" * 60}, "SECRET_KEY"),
        ({"SECRET_KEY": "k3y-" * 20, "DEBUG": "true"}, "DEBUG"),
        ({"SECRET_KEY": "k3y-" * 20, "DEBUG": "maybe"}, "DEBUG"),
    ],
)
def test_production_refuses_to_start_with_a_weak_setting(tmp_path: Path, env: dict[str, str], message: str) -> None:
    code = "import os; os.environ['DJANGO_SETTINGS_MODULE']='rightsdesk.settings_production'; import django; django.setup()"
    result = _settings_probe({"RIGHTSDESK_VAR": str(tmp_path), **env}, code)
    assert result.returncode != 0
    assert message in result.stderr


def test_pages_carry_a_nonce_csp_and_no_external_origin(alice: object) -> None:
    from accounts.testing import as_user

    response = as_user(alice).get("/casework/")
    csp = response["Content-Security-Policy"]
    assert "script-src 'self' 'nonce-" in csp
    assert "frame-ancestors 'none'" in csp
    assert "no-store" in response["Cache-Control"]
    body = response.content.decode()
    assert "http://" not in body.replace("http://www.w3.org", "")
    assert "https://" not in body
    assert "<script>" not in body  # every script is a file with the nonce
