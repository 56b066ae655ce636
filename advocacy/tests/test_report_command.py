"""`rightsdesk report impact` writes the impact report as CSV, HTML or PDF."""

import csv
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from audit.models import AuditEntry

pytestmark = pytest.mark.django_db


def run(*args: str) -> None:
    call_command("report", "impact", *args)


def test_it_writes_every_figure_as_csv_for_the_whole_organisation(world: Any, tmp_path: Path) -> None:
    out = tmp_path / "impact.csv"
    run("--from", "2025-01-01", "--to", "2025-12-31", "--format", "csv", "--output", str(out))
    rows = {row["key"]: row for row in csv.DictReader(out.read_text(encoding="utf-8").splitlines())}
    assert rows["consultations"]["value"] == "5"
    assert rows["persons"]["value"] == "3"
    assert rows["regions"]["value"] == "2"
    assert AuditEntry.objects.filter(action="advocacy.impact.export", actor_id=None).count() == 1


def test_it_counts_within_a_users_access_and_for_one_office(world: Any, tmp_path: Path, alice: Any) -> None:
    out = tmp_path / "impact.csv"
    run(
        "--from",
        "2025-01-01",
        "--to",
        "2025-12-31",
        "--format",
        "csv",
        "--output",
        str(out),
        "--user",
        "alice",
        "--office",
        "karaganda",
    )
    rows = {row["key"]: row for row in csv.DictReader(out.read_text(encoding="utf-8").splitlines())}
    assert rows["consultations"]["value"] == "0"  # alice does not see Karaganda's legal aid
    assert rows["trainings"]["value"] == "1"  # but the head office sees its trainings


def test_it_writes_html_and_pdf(world: Any, tmp_path: Path) -> None:
    html, pdf = tmp_path / "impact.html", tmp_path / "impact.pdf"
    run("--from", "2025-01-01", "--to", "2025-12-31", "--format", "html", "--output", str(html))
    run("--from", "2025-01-01", "--to", "2025-12-31", "--format", "pdf", "--output", str(pdf), "--language", "ru")
    text = html.read_text(encoding="utf-8")
    assert "Present in 2 of 20 regions" in text
    assert "<svg" in text
    assert pdf.read_bytes().startswith(b"%PDF")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--from", "2025-13-01", "--to", "2025-12-31"], "not a date"),
        (["--from", "2025-12-31", "--to", "2025-01-01"], "before"),
        (["--from", "2025-01-01", "--to", "2025-12-31", "--office", "atlantis"], "no office"),
        (["--from", "2025-01-01", "--to", "2025-12-31", "--user", "nobody"], "not a user"),
    ],
)
def test_it_refuses_bad_arguments_with_a_clear_message(db: None, tmp_path: Path, args: list[str], message: str) -> None:
    with pytest.raises(CommandError, match=message):
        run(*args, "--format", "csv", "--output", str(tmp_path / "x.csv"))
    assert not (tmp_path / "x.csv").exists()
