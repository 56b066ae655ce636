"""Exports of filtered lists as CSV or XLSX, within the user's access."""

import csv
import io
from collections.abc import Iterator
from typing import Any

import tablib

from casework.models import Case, Consultation

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: Any) -> Any:
    """A spreadsheet must not run a cell someone typed as a formula."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


PERSON_COLUMNS = [
    "id",
    "full_name",
    "other_names",
    "gender",
    "birth_date",
    "citizenship",
    "groups",
    "languages",
    "phone",
    "email",
    "consent_to_processing",
    "consent_date",
    "office",
]
CONSULTATION_COLUMNS = [
    "id",
    "date",
    "office",
    "lawyer",
    "person_id",
    "channel",
    "legal_area",
    "groups",
    "summary",
    "outcome",
    "follow_up_on",
    "follow_up",
    "case",
]
CASE_COLUMNS = [
    "reference",
    "title",
    "status",
    "case_type",
    "legal_area",
    "office",
    "responsible_lawyer",
    "opened_on",
    "closed_on",
    "outcome",
    "confidential",
    "clients",
]


def consultation_row(c: Consultation) -> dict[str, Any]:
    return {
        "id": c.pk,
        "date": c.date.isoformat(),
        "office": c.office.code,
        "lawyer": c.lawyer.username,
        "person_id": c.person_id or "",
        "channel": c.channel.code,
        "legal_area": c.legal_area.code,
        "groups": ";".join(t.code for t in c.groups.all()),
        "summary": c.summary,
        "outcome": c.outcome.code if c.outcome else "",
        "follow_up_on": c.follow_up_on.isoformat() if c.follow_up_on else "",
        "follow_up": c.follow_up,
        "case": c.case.reference if c.case else "",
    }


def case_row(c: Case) -> dict[str, Any]:
    return {
        "reference": c.reference,
        "title": c.title,
        "status": c.status,
        "case_type": c.case_type.code,
        "legal_area": c.legal_area.code,
        "office": c.office.code,
        "responsible_lawyer": c.responsible_lawyer.username,
        "opened_on": c.opened_on.isoformat(),
        "closed_on": c.closed_on.isoformat() if c.closed_on else "",
        "outcome": c.outcome.code if c.outcome else "",
        "confidential": c.confidential,
        "clients": ";".join(str(p.pk) for p in c.clients.all()),
    }


class Export:
    """The columns of an export and its rows, produced lazily from the database."""

    def __init__(self, columns: list[str], rows: Iterator[dict[str, Any]]) -> None:
        self.columns = columns
        self.rows = rows

    def values(self) -> Iterator[list[Any]]:
        for row in self.rows:
            yield [neutralise(row[c]) for c in self.columns]

    def csv_chunks(self) -> Iterator[bytes]:
        """CSV in pieces, so a 100,000-row export never sits in memory whole."""
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(self.columns)
        yield "\ufeff".encode() + buffer.getvalue().encode()  # the BOM tells Excel it is UTF-8
        buffer.seek(0)
        buffer.truncate()
        for count, values in enumerate(self.values(), start=1):
            writer.writerow(values)
            if count % 500 == 0:
                yield buffer.getvalue().encode()
                buffer.seek(0)
                buffer.truncate()
        yield buffer.getvalue().encode()

    def xlsx(self) -> bytes:
        data = tablib.Dataset(headers=self.columns)
        for values in self.values():
            data.append(values)
        return bytes(data.export("xlsx"))


def export_people(queryset: Any) -> Export:
    people = queryset.select_related("office").prefetch_related("groups", "languages")
    return Export(PERSON_COLUMNS, (p.to_row() for p in people.iterator(chunk_size=2000)))


def export_consultations(queryset: Any) -> Export:
    rows = queryset.select_related("office", "lawyer", "channel", "legal_area", "outcome", "case").prefetch_related(
        "groups"
    )
    return Export(CONSULTATION_COLUMNS, (consultation_row(c) for c in rows.iterator(chunk_size=2000)))


def export_cases(queryset: Any) -> Export:
    rows = queryset.select_related(
        "office", "responsible_lawyer", "case_type", "legal_area", "outcome"
    ).prefetch_related("clients")
    return Export(CASE_COLUMNS, (case_row(c) for c in rows.iterator(chunk_size=2000)))


EXPORTERS = {"people": export_people, "consultations": export_consultations, "cases": export_cases}
