"""Exports of filtered lists as CSV or XLSX, within the user's access."""

from collections.abc import Iterable
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


def _dataset(columns: list[str], rows: Iterable[dict[str, Any]]) -> tablib.Dataset:
    data = tablib.Dataset(headers=columns)
    for row in rows:
        data.append([neutralise(row[c]) for c in columns])
    return data


def export_people(queryset: Any) -> tablib.Dataset:
    people = queryset.select_related("office").prefetch_related("groups", "languages")
    return _dataset(PERSON_COLUMNS, (p.to_row() for p in people.iterator(chunk_size=2000)))


def export_consultations(queryset: Any) -> tablib.Dataset:
    rows = queryset.select_related("office", "lawyer", "channel", "legal_area", "outcome", "case").prefetch_related(
        "groups"
    )
    return _dataset(CONSULTATION_COLUMNS, (consultation_row(c) for c in rows.iterator(chunk_size=2000)))


def export_cases(queryset: Any) -> tablib.Dataset:
    rows = queryset.select_related(
        "office", "responsible_lawyer", "case_type", "legal_area", "outcome"
    ).prefetch_related("clients")
    return _dataset(CASE_COLUMNS, (case_row(c) for c in rows.iterator(chunk_size=2000)))


EXPORTERS = {"people": export_people, "consultations": export_consultations, "cases": export_cases}
