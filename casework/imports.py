"""Importing people and consultations from CSV or XLSX.

The whole file is read and every row validated before anything is written;
if any row is bad, the user gets every problem with its line number and the
database is left exactly as it was.
"""

import csv
import io
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection, models, transaction
from django.utils.translation import gettext as _

from accounts.models import Office, User
from audit.log import record
from casework import counts
from casework.models import Consultation
from people.models import Gender, Person, name_key
from rightsdesk.partial_dates import PartialDate, PartialDateError
from search.index import kind_of, searchable_many
from search.models import SearchDocument
from vocabularies.models import Term

# Rows are written in batches of this many (bulk_create) and ids looked up in chunks of this many.
BATCH_SIZE = 1000


@dataclass
class ImportReport:
    rows: int = 0
    errors: list[tuple[int, str]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


class ImportRejected(ValueError):
    def __init__(self, errors: list[tuple[int, str]]) -> None:
        super().__init__(f"{len(errors)} problem(s)")
        self.errors = errors


PEOPLE_REQUIRED = ["full_name"]
PEOPLE_COLUMNS = [
    "full_name",
    "other_names",
    "gender",
    "birth_date",
    "citizenship",
    "groups",
    "languages",
    "phone",
    "email",
    "address",
    "consent_to_processing",
    "consent_date",
]
CONSULTATION_REQUIRED = ["date", "channel", "legal_area", "summary"]
CONSULTATION_COLUMNS = [
    "date",
    "person_id",
    "channel",
    "legal_area",
    "groups",
    "summary",
    "outcome",
    "follow_up_on",
    "follow_up",
    "lawyer",
]


def read_table(content: bytes) -> Iterator[tuple[int, dict[str, str]]]:
    """Rows as (line number, {column: text}); raises ImportRejected on an unreadable file."""
    if len(content) > settings.RIGHTSDESK_IMPORT_MAX_BYTES:
        raise ImportRejected(
            [
                (
                    0,
                    _("The file is larger than %(mb)d MB; split it into smaller files.")
                    % {"mb": settings.RIGHTSDESK_IMPORT_MAX_BYTES // (1024 * 1024)},
                )
            ]
        )
    if content.startswith(b"PK\x03\x04"):
        yield from _read_xlsx(content)
        return
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportRejected(
            [(0, _("The file is not UTF-8 text. Save it as “CSV UTF-8” or as XLSX and try again."))]
        ) from None
    if "\x00" in text:
        raise ImportRejected([(0, _("The file is not a CSV or XLSX table."))])
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except (StopIteration, csv.Error):
        raise ImportRejected([(0, _("The file is empty."))]) from None
    names = [h.strip().lower() for h in header]
    try:
        for row in reader:
            if not any(cell.strip() for cell in row):
                continue
            if len(row) > len(names):
                raise ImportRejected([(reader.line_num, _("This line has more cells than the header."))])
            yield reader.line_num, {n: (row[i].strip() if i < len(row) else "") for i, n in enumerate(names)}
    except csv.Error as exc:
        raise ImportRejected(
            [(reader.line_num, _("The file is not a valid CSV table: %(error)s") % {"error": exc})]
        ) from None


def _read_xlsx(content: bytes) -> Iterator[tuple[int, dict[str, str]]]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError):
        raise ImportRejected([(0, _("The file is not a readable XLSX workbook."))]) from None
    sheet = book.worksheets[0]
    rows = sheet.iter_rows(values_only=True)
    header = next(rows, None)
    if header is None:
        raise ImportRejected([(0, _("The file is empty."))])
    names = [str(h or "").strip().lower() for h in header]
    for number, row in enumerate(rows, start=2):
        cells = ["" if v is None else (v.isoformat()[:10] if isinstance(v, date) else str(v)).strip() for v in row]
        if not any(cells):
            continue
        yield number, {n: (cells[i] if i < len(cells) else "") for i, n in enumerate(names)}
    book.close()


def _check_columns(
    rows: Iterator[tuple[int, dict[str, str]]], required: list[str], known: list[str]
) -> list[tuple[int, dict[str, str]]]:
    materialised = list(rows)
    if not materialised:
        raise ImportRejected([(0, _("The file has a header but no rows."))])
    present = set(materialised[0][1])
    missing = [c for c in required if c not in present]
    unknown = sorted(present - set(known) - {""})
    errors = []
    if missing:
        errors.append((1, _("Missing column(s): %(columns)s") % {"columns": ", ".join(missing)}))
    if unknown:
        errors.append((1, _("Unknown column(s): %(columns)s") % {"columns": ", ".join(unknown)}))
    if errors:
        raise ImportRejected(errors)
    return materialised


class _Terms:
    def __init__(self) -> None:
        self._by_vocab: dict[str, dict[str, Term]] = {}

    def get(self, vocabulary: str, code: str) -> Term | None:
        if vocabulary not in self._by_vocab:
            self._by_vocab[vocabulary] = {t.code: t for t in Term.objects.of(vocabulary)}
        return self._by_vocab[vocabulary].get(code.strip().lower())

    def many(self, vocabulary: str, text: str, errors: list[str], column: str) -> list[Term]:
        found = []
        for code in filter(None, (c.strip() for c in text.split(";"))):
            term = self.get(vocabulary, code)
            if term is None:
                errors.append(_("%(column)s: unknown code “%(code)s”") % {"column": column, "code": code})
            else:
                found.append(term)
        return found


def _date(text: str, column: str, errors: list[str]) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        errors.append(_("%(column)s: “%(value)s” is not a date (YYYY-MM-DD)") % {"column": column, "value": text[:40]})
        return None


_TRUE = {"yes", "true", "1", "да", "иә"}
_FALSE = {"", "no", "false", "0", "нет", "жоқ"}


def _bool(text: str, column: str, errors: list[str]) -> bool:
    value = text.strip().lower()
    if value in _TRUE:
        return True
    if value not in _FALSE:
        errors.append(_("%(column)s: write yes or no, not “%(value)s”") % {"column": column, "value": text[:40]})
    return False


def _validate_all(
    rows: list[tuple[int, dict[str, str]]], parse_row: Callable[[dict[str, str], list[str]], dict[str, Any]]
) -> list[tuple[int, dict[str, Any]]]:
    errors: list[tuple[int, str]] = []
    parsed: list[tuple[int, dict[str, Any]]] = []
    seen: dict[tuple[tuple[str, str], ...], int] = {}
    for line, row in rows:
        row_errors: list[str] = []
        key = tuple(sorted(row.items()))
        if key in seen:
            row_errors.append(_("duplicate of line %(line)d") % {"line": seen[key]})
        else:
            seen[key] = line
        values = parse_row(row, row_errors)
        errors.extend((line, message) for message in row_errors)
        parsed.append((line, values))
    if errors:
        raise ImportRejected(errors)
    return parsed


def _parse_person(terms: _Terms) -> Callable[[dict[str, str], list[str]], dict[str, Any]]:
    def parse(row: dict[str, str], errors: list[str]) -> dict[str, Any]:
        name = row.get("full_name", "")
        if not name:
            errors.append(_("full_name is required"))
        elif len(name) > 200:
            errors.append(_("full_name is longer than 200 characters"))
        gender = (row.get("gender") or Gender.UNKNOWN).lower()
        if gender not in Gender.values:
            errors.append(_("gender must be one of %(values)s") % {"values": ", ".join(Gender.values)})
        birth = None
        if row.get("birth_date"):
            try:
                birth = PartialDate.parse(row["birth_date"])
            except PartialDateError as exc:
                errors.append(f"birth_date: {exc}")
        citizenship = (row.get("citizenship") or "").strip().upper()
        stateless = citizenship == "STATELESS"
        if citizenship and not stateless:
            import pycountry

            if pycountry.countries.get(alpha_3=citizenship) is None:
                errors.append(
                    _("citizenship: “%(value)s” is not an ISO 3166 alpha-3 code") % {"value": citizenship[:10]}
                )
        consent = _bool(row.get("consent_to_processing", ""), "consent_to_processing", errors)
        consent_date = _date(row.get("consent_date", ""), "consent_date", errors)
        if consent and consent_date is None:
            errors.append(_("consent_date is required when consent_to_processing is yes"))
        return {
            "full_name": name,
            "other_names": row.get("other_names", ""),
            "gender": gender,
            "birth": birth,
            "citizenship": "" if stateless else citizenship,
            "is_stateless": stateless,
            "groups": terms.many("vulnerable_group", row.get("groups", ""), errors, "groups"),
            "languages": terms.many("language", row.get("languages", ""), errors, "languages"),
            "phone": row.get("phone", "")[:60],
            "email": row.get("email", ""),
            "address": row.get("address", "")[:300],
            "consent_to_processing": consent,
            "consent_date": consent_date,
        }

    return parse


def _clean_all(
    parsed: list[tuple[int, dict[str, Any]]],
    build: Callable[[dict[str, Any]], models.Model],
    exclude: list[str],
) -> list[models.Model]:
    """The model instances for every row, checked by their fields' own validators (lengths, e-mail, choices).

    Foreign keys are left out of the check: they were resolved from the vocabulary and the user's office
    while parsing, and checking them again would cost a query per row.
    """
    errors: list[tuple[int, str]] = []
    built: list[models.Model] = []
    for line, values in parsed:
        obj = build(values)
        try:
            obj.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)
        except ValidationError as exc:
            errors.extend(
                (line, f"{name}: {message}") for name, messages in exc.message_dict.items() for message in messages
            )
        built.append(obj)
    if errors:
        raise ImportRejected(errors)
    return built


def _insert_rows(
    model: type[models.Model], columns: list[str], rows: list[tuple[Any, ...]], *, returning: bool = False
) -> list[Any]:
    """Insert rows of database-ready values, a thousand to a statement; the new ids if `returning`.

    bulk_create spends several times longer in Python per row than the database spends writing it;
    at 100,000 rows that is most of an import. The values are prepared by the fields themselves
    (`_insert_models`), so encryption and dates are exactly as bulk_create would write them.
    """
    quote = connection.ops.quote_name
    concrete = {f.name: str(f.column) for f in model._meta.concrete_fields}
    # Table and column names come from the models; values go as parameters.
    head = "INSERT INTO {} ({}) VALUES ".format(  # noqa: S608  # nosec B608
        quote(model._meta.db_table), ", ".join(quote(concrete[c]) for c in columns)
    )
    pk = model._meta.pk
    tail = f" RETURNING {quote(str(pk.column))}" if returning and pk is not None else ""
    one = "(" + ", ".join(["%s"] * len(columns)) + ")"
    ids: list[Any] = []
    with connection.cursor() as cursor:
        for start in range(0, len(rows), BATCH_SIZE):
            batch = rows[start : start + BATCH_SIZE]
            cursor.execute(head + ", ".join([one] * len(batch)) + tail, [value for row in batch for value in row])
            if returning:
                ids += [row[0] for row in cursor.fetchall()]
    return ids


def _insert_models(objects: list[Any]) -> None:
    """Save new model instances in bulk, as bulk_create does (field preparation, auto_now_add), and set their ids."""
    model = type(objects[0])
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    rows = [tuple(f.get_db_prep_save(f.pre_save(obj, True), connection) for f in fields) for obj in objects]
    ids = _insert_rows(model, [f.name for f in fields], rows, returning=True)
    if len(ids) != len(objects):
        raise RuntimeError("the database returned fewer ids than rows inserted")
    for obj, pk in zip(objects, ids, strict=True):
        obj.pk = pk
        obj._state.adding = False
        obj._state.db = connection.alias


def _index_new(objects: list[Any], bodies: list[str]) -> int:
    """Search documents for freshly created records (none can exist yet); bodies from `searchable_many`."""
    kind = kind_of(objects[0])
    _insert_rows(
        SearchDocument,
        ["kind", "object_id", "body"],
        [(kind, obj.pk, body) for obj, body in zip(objects, bodies, strict=True)],
    )
    return len(objects)


def _link_terms(through: Any, owner_field: str, links: list[tuple[int, int]]) -> int:
    _insert_rows(through, [owner_field, "term"], links)
    return len(links)


def import_people(content: bytes, *, office: Office, actor: User) -> int:
    rows = _check_columns(read_table(content), PEOPLE_REQUIRED, PEOPLE_COLUMNS)
    parsed = _validate_all(rows, _parse_person(_Terms()))

    def build(values: dict[str, Any]) -> Person:
        birth: PartialDate | None = values["birth"]
        return Person(
            office=office,
            created_by=actor,
            full_name=values["full_name"],
            name_key=name_key(values["full_name"]),
            other_names=values["other_names"],
            gender=values["gender"],
            birth_date=birth.value if birth else None,
            birth_date_precision=birth.precision if birth else "",
            citizenship=values["citizenship"],
            is_stateless=values["is_stateless"],
            phone=values["phone"],
            email=values["email"],
            address=values["address"],
            consent_to_processing=values["consent_to_processing"],
            consent_date=values["consent_date"],
        )

    people: list[Person] = _clean_all(  # type: ignore[assignment]
        parsed, build, exclude=["office", "created_by", "merged_into", "groups", "languages"]
    )
    # Hashed before the transaction, so the write lock is held only for the inserts.
    bodies = searchable_many(person.search_text() for person in people)  # no pk yet: no merged records to look up
    with transaction.atomic():
        _insert_models(people)
        groups = [
            (p.pk, t)
            for p, (_line, v) in zip(people, parsed, strict=True)
            for t in dict.fromkeys(g.pk for g in v["groups"])
        ]
        languages = [
            (p.pk, t)
            for p, (_line, v) in zip(people, parsed, strict=True)
            for t in dict.fromkeys(g.pk for g in v["languages"])
        ]
        _link_terms(Person.groups.through, "person", groups)
        _link_terms(Person.languages.through, "person", languages)
        documents = _index_new(people, bodies)
        # One entry for the whole import (docs/conventions.md): counts and the range of new ids.
        record(
            "import.people",
            actor=actor,
            office=office.pk,
            rows=len(people),
            first_id=people[0].pk,
            last_id=people[-1].pk,
            group_links=len(groups),
            language_links=len(languages),
            search_documents=documents,
        )
    return len(people)


def _parse_consultation(terms: _Terms, actor: User) -> Callable[[dict[str, str], list[str]], dict[str, Any]]:
    # Fetched once: the ids of every person the user may see (checked per row against this set).
    visible_people = set(Person.objects.visible_to(actor).values_list("pk", flat=True))
    lawyers = {u.username: u for u in User.objects.filter(is_active=True, office=actor.office)}

    def parse(row: dict[str, str], errors: list[str]) -> dict[str, Any]:
        when = _date(row.get("date", ""), "date", errors)
        if not row.get("date"):
            errors.append(_("date is required"))
        elif when is not None and when > date.today():
            errors.append(_("date is in the future"))
        person_id: int | None = None
        if row.get("person_id"):
            if not row["person_id"].isdigit():
                errors.append(_("person_id must be a number"))
            else:
                person_id = int(row["person_id"])
                if person_id not in visible_people:
                    errors.append(_("person_id %(id)s is not a person you can see") % {"id": row["person_id"]})
        channel = terms.get("consultation_channel", row.get("channel", ""))
        if channel is None:
            errors.append(_("channel: unknown code “%(code)s”") % {"code": row.get("channel", "")[:40]})
        area = terms.get("legal_area", row.get("legal_area", ""))
        if area is None:
            errors.append(_("legal_area: unknown code “%(code)s”") % {"code": row.get("legal_area", "")[:40]})
        outcome = None
        if row.get("outcome"):
            outcome = terms.get("consultation_outcome", row["outcome"])
            if outcome is None:
                errors.append(_("outcome: unknown code “%(code)s”") % {"code": row["outcome"][:40]})
        if not row.get("summary"):
            errors.append(_("summary is required"))
        lawyer = actor
        if row.get("lawyer"):
            lawyer = lawyers.get(row["lawyer"])  # type: ignore[assignment]
            if lawyer is None:
                errors.append(_("lawyer: no active user “%(name)s” in your office") % {"name": row["lawyer"][:40]})
        return {
            "date": when,
            "person_id": person_id,
            "channel": channel,
            "legal_area": area,
            "groups": terms.many("vulnerable_group", row.get("groups", ""), errors, "groups"),
            "summary": row.get("summary", ""),
            "outcome": outcome,
            "follow_up_on": _date(row.get("follow_up_on", ""), "follow_up_on", errors),
            "follow_up": row.get("follow_up", "")[:300],
            "lawyer": lawyer,
        }

    return parse


def _groups_of_people(person_ids: set[int]) -> dict[int, list[int]]:
    """The group ids of each person, which a consultation without groups of its own takes over."""
    through = Person.groups.through
    found: dict[int, list[int]] = {}
    ordered = sorted(person_ids)
    for start in range(0, len(ordered), BATCH_SIZE):
        chunk = ordered[start : start + BATCH_SIZE]
        for person_id, term_id in through.objects.filter(person_id__in=chunk).values_list("person_id", "term_id"):
            found.setdefault(person_id, []).append(term_id)
    return found


def import_consultations(content: bytes, *, office: Office, actor: User) -> int:
    rows = _check_columns(read_table(content), CONSULTATION_REQUIRED, CONSULTATION_COLUMNS)
    parsed = _validate_all(rows, _parse_consultation(_Terms(), actor))

    def build(values: dict[str, Any]) -> Consultation:
        return Consultation(
            office=office,
            lawyer=values["lawyer"],
            created_by=actor,
            date=values["date"],
            person_id=values["person_id"],
            channel=values["channel"],
            legal_area=values["legal_area"],
            summary=values["summary"],
            outcome=values["outcome"],
            follow_up_on=values["follow_up_on"],
            follow_up=values["follow_up"],
        )

    consultations: list[Consultation] = _clean_all(  # type: ignore[assignment]
        parsed,
        build,
        # Only the free-text fields: every other value was parsed and checked above.
        exclude=[f.name for f in Consultation._meta.get_fields() if f.name not in {"summary", "follow_up"}],
    )
    # Hashed before the transaction, so the write lock is held only for the inserts.
    bodies = searchable_many(consultation.search_text() for consultation in consultations)
    with transaction.atomic():
        inherited = _groups_of_people({c.person_id for c in consultations if c.person_id is not None})
        _insert_models(consultations)
        links = []
        for consultation, (_line, values) in zip(consultations, parsed, strict=True):
            chosen = [t.pk for t in values["groups"]]
            if not chosen and consultation.person_id is not None:
                chosen = inherited.get(consultation.person_id, [])
            links += [(consultation.pk, term) for term in dict.fromkeys(chosen)]
        group_links = _link_terms(Consultation.groups.through, "consultation", links)
        documents = _index_new(consultations, bodies)
        # One entry for the whole import (docs/conventions.md): counts and the range of new ids.
        record(
            "import.consultations",
            actor=actor,
            office=office.pk,
            rows=len(consultations),
            first_id=consultations[0].pk,
            last_id=consultations[-1].pk,
            group_links=group_links,
            search_documents=documents,
        )
        counts.records_changed()
    return len(consultations)


IMPORTERS = {"people": import_people, "consultations": import_consultations}
