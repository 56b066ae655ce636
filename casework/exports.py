"""Exports of filtered lists as CSV or XLSX, within the user's access."""

import csv
import io
from collections.abc import Iterator
from typing import Any

import tablib

from casework.models import Case, Consultation

_FORMULA_START = frozenset("=+-@\t\r")


def neutralise(value: Any) -> Any:
    """A spreadsheet must not run a cell someone typed as a formula."""
    if isinstance(value, str) and value and value[0] in _FORMULA_START:
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


# The columns of a consultation row, read as plain values: building six related model
# instances per row was most of an export's time (20,000 rows took 17 s).
_CONSULTATION_VALUES = (
    "pk",
    "date",
    "office__code",
    "lawyer__username",
    "person_id",
    "channel__code",
    "legal_area__code",
    "summary",
    "outcome__code",
    "follow_up_on",
    "follow_up",
    "case__reference",
)


def _in_chunks(rows: Iterator[Any], size: int) -> Iterator[list[Any]]:
    chunk: list[Any] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _consultation_rows(queryset: Any) -> Iterator[dict[str, Any]]:
    through = Consultation.groups.through
    values = queryset.values_list(*_CONSULTATION_VALUES).iterator(chunk_size=2000)
    for chunk in _in_chunks(values, 2000):
        groups: dict[int, list[str]] = {}
        links = through.objects.filter(consultation_id__in=[row[0] for row in chunk])
        links = links.order_by("term__sort_order", "term__code")
        for consultation_id, code in links.values_list("consultation_id", "term__code"):
            groups.setdefault(consultation_id, []).append(code)
        for pk, on, office, lawyer, person, channel, area, summary, outcome, follow_on, follow, case in chunk:
            yield {
                "id": pk,
                "date": on.isoformat(),
                "office": office,
                "lawyer": lawyer,
                "person_id": person or "",
                "channel": channel,
                "legal_area": area,
                "groups": ";".join(groups.get(pk, [])),
                "summary": summary,
                "outcome": outcome or "",
                "follow_up_on": follow_on.isoformat() if follow_on else "",
                "follow_up": follow,
                "case": case or "",
            }


def export_consultations(queryset: Any) -> Export:
    return Export(CONSULTATION_COLUMNS, _consultation_rows(queryset))


def export_cases(queryset: Any) -> Export:
    rows = queryset.select_related(
        "office", "responsible_lawyer", "case_type", "legal_area", "outcome"
    ).prefetch_related("clients")
    return Export(CASE_COLUMNS, (case_row(c) for c in rows.iterator(chunk_size=2000)))


EXPORTERS = {"people": export_people, "consultations": export_consultations, "cases": export_cases}
