import csv
import io

from django.urls import reverse

from accounts.testing import as_user
from audit.models import AuditEntry
from casework.exports import neutralise


def test_it_neutralises_cells_a_spreadsheet_would_run() -> None:
    assert neutralise('=HYPERLINK("http://x")') == '\'=HYPERLINK("http://x")'
    assert neutralise("+7 701 000 00 00") == "'+7 701 000 00 00"
    assert neutralise("Ivanov") == "Ivanov"
    assert neutralise(12) == 12


def test_an_export_follows_the_filters_and_is_audited(alice: object, make: object) -> None:
    person = make.person(alice)
    make.consultation(alice, person, summary="=cmd|' /C calc'!A0")
    make.consultation(alice, None, legal_area=make.term("legal_area", "labour"), summary="Dismissal")
    response = as_user(alice).get(
        reverse("casework:export", args=["consultations", "csv"]),
        {"legal_area": make.term("legal_area", "citizenship").pk},
    )
    assert response.streaming  # rows are sent as they are read, not gathered in memory
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert [r["legal_area"] for r in rows] == ["citizenship"]
    assert rows[0]["summary"].startswith("'=")
    entry = AuditEntry.objects.get(action="export.consultations")
    assert entry.detail == {"rows": 1, "format": "csv"}


def test_an_xlsx_export_opens_as_a_workbook(alice: object, make: object) -> None:
    from openpyxl import load_workbook

    make.case(alice)
    response = as_user(alice).get(reverse("casework:export", args=["cases", "xlsx"]))
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    assert sheet.cell(1, 1).value == "reference"
    assert sheet.cell(2, 1).value.startswith("ALM-")
