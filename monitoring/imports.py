"""Importing events from CSV or XLSX, with the whole-file validation of casework imports.

Every row is checked before anything is written; if any row is bad, every
problem is reported with its line number and nothing is imported. Each row
becomes a draft event, with one act when a violation is given.
"""

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import Office, User
from audit.log import record
from casework.imports import ImportRejected, read_table
from monitoring import actions
from rightsdesk.partial_dates import PartialDate, PartialDateError
from vocabularies.models import Term

REQUIRED = ["title", "date"]
COLUMNS = [
    "title",
    "date",
    "until",
    "region",
    "city",
    "description",
    "tags",
    "violation",
    "perpetrator_kind",
    "perpetrator_body",
    "consequences",
]


def _terms(vocabulary: str) -> dict[str, Term]:
    return {t.code: t for t in Term.objects.of(vocabulary)}


def _date(row: dict[str, str], column: str, errors: list[str]) -> PartialDate | None:
    text = row.get(column, "")
    if not text:
        return None
    try:
        return PartialDate.parse(text)
    except PartialDateError as exc:
        errors.append(f"{column}: {exc}")
        return None


def _code(terms: dict[str, Term], row: dict[str, str], column: str, errors: list[str]) -> Term | None:
    code = row.get(column, "").strip().lower()
    if not code:
        return None
    term = terms.get(code)
    if term is None:
        errors.append(_("%(column)s: unknown code “%(code)s”") % {"column": column, "code": code[:40]})
    return term


def _codes(terms: dict[str, Term], row: dict[str, str], column: str, errors: list[str]) -> list[Term]:
    found = []
    for code in filter(None, (c.strip().lower() for c in row.get(column, "").split(";"))):
        term = terms.get(code)
        if term is None:
            errors.append(_("%(column)s: unknown code “%(code)s”") % {"column": column, "code": code[:40]})
        else:
            found.append(term)
    return found


def validate(content: bytes) -> list[tuple[int, dict[str, Any]]]:
    """Every row parsed, or ImportRejected with every problem of the file."""
    rows = list(read_table(content))
    if not rows:
        raise ImportRejected([(0, _("The file has a header but no rows."))])
    present = set(rows[0][1])
    header_errors = []
    missing = [c for c in REQUIRED if c not in present]
    unknown = sorted(present - set(COLUMNS) - {""})
    if missing:
        header_errors.append((1, _("Missing column(s): %(columns)s") % {"columns": ", ".join(missing)}))
    if unknown:
        header_errors.append((1, _("Unknown column(s): %(columns)s") % {"columns": ", ".join(unknown)}))
    if header_errors:
        raise ImportRejected(header_errors)
    vocab = {v: _terms(v) for v in ("region", "event_tag", "violation_type", "perpetrator_kind", "consequence")}
    errors: list[tuple[int, str]] = []
    parsed: list[tuple[int, dict[str, Any]]] = []
    seen: dict[tuple[tuple[str, str], ...], int] = {}
    for line, row in rows:
        problems: list[str] = []
        key = tuple(sorted(row.items()))
        if key in seen:
            problems.append(_("duplicate of line %(line)d") % {"line": seen[key]})
        seen.setdefault(key, line)
        title = row.get("title", "")
        if not title:
            problems.append(_("title is required"))
        elif len(title) > 200:
            problems.append(_("title is longer than 200 characters"))
        started = _date(row, "date", problems)
        if not row.get("date"):
            problems.append(_("date is required"))
        ended = _date(row, "until", problems)
        if started and ended and ended.value < started.value:
            problems.append(_("until is before date"))
        violation = _code(vocab["violation_type"], row, "violation", problems)
        act_columns = ("perpetrator_kind", "perpetrator_body", "consequences")
        if violation is None and any(row.get(c) for c in act_columns) and not row.get("violation"):
            problems.append(_("violation is required when perpetrator or consequences are given"))
        values = {
            "title": title,
            "started": started,
            "ended": ended,
            "region": _code(vocab["region"], row, "region", problems),
            "city": row.get("city", "")[:120],
            "description": row.get("description", ""),
            "tags": _codes(vocab["event_tag"], row, "tags", problems),
            "violation": violation,
            "perpetrator_kind": _code(vocab["perpetrator_kind"], row, "perpetrator_kind", problems),
            "perpetrator_body": row.get("perpetrator_body", "")[:200],
            "consequences": _codes(vocab["consequence"], row, "consequences", problems),
        }
        errors.extend((line, message) for message in problems)
        parsed.append((line, values))
    if errors:
        raise ImportRejected(errors)
    return parsed


def import_events(content: bytes, *, office: Office, actor: User) -> int:
    parsed = validate(content)
    with transaction.atomic():
        for _line, values in parsed:
            violation = values.pop("violation")
            act = {k: values.pop(k) for k in ("perpetrator_kind", "perpetrator_body", "consequences")}
            event = actions.record_event(office=office, actor=actor, **values)
            if violation is not None:
                actions.add_act(event, violation_type=violation, actor=actor, **act)
        record("import.events", actor=actor, office=office.pk, rows=len(parsed))
    return len(parsed)
