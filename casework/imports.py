"""Importing people and consultations from CSV or XLSX.

Every row is validated and, if any row is bad, the user gets every problem
with its line number and the database is left exactly as it was.

The file is read row by row and never held as rows in memory. In one
transaction, each row is parsed and checked and, while no row has failed,
written a thousand at a time; the first bad row stops the writing, the rest
of the file is only checked, and the transaction is undone with every
problem reported. The memory an import needs is that of the uploaded bytes
and one batch, whatever the number of rows (the bench measures it: issue 6).
A consultation file is also read once before, for its person_id column
alone, so that the people it names are checked against the visibility rule
together.

On PostgreSQL an import that owns its transaction writes the records'
search documents on a second connection, committed just before the records
(`_SearchDocuments` says what happens when either fails).
"""

import csv
import hashlib
import io
import queue
import threading
import zipfile
from array import array
from collections.abc import Callable, Iterator, Sequence
from datetime import date
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connection, connections, models, transaction
from django.utils.translation import gettext as _

from accounts.models import Office, User
from audit.log import record
from casework import counts
from casework.models import Consultation
from people.models import Gender, Person, name_key
from rightsdesk.partial_dates import PartialDate, PartialDateError
from search.index import BulkBodies, kind_of
from search.models import SearchDocument
from vocabularies.models import Term

# Rows are written in batches of this many (bulk_create) and ids looked up in chunks of this many.
BATCH_SIZE = 1000


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


class Table:
    """A CSV or XLSX file's rows, read as they are needed and as many times as needed.

    Opening checks what can be checked at once (size, kind of file, header); a row that
    cannot be read raises ImportRejected when the reading reaches it.
    """

    def __init__(self, content: bytes) -> None:
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
        self.content = content
        self.is_xlsx = content.startswith(b"PK\x03\x04")
        # A NUL byte is never part of UTF-8 text: the file is binary (and XLSX was caught above).
        if not self.is_xlsx and b"\x00" in content:
            raise ImportRejected([(0, _("The file is not a CSV or XLSX table."))])
        self.columns = next(self._read())[1] if self.is_xlsx else self._csv_header()

    def rows(self) -> Iterator[tuple[int, dict[str, str]]]:
        """Rows as (line number, {column: text}), blank rows skipped."""
        lines = self._read()
        next(lines)  # the header
        names = self.columns
        for line, cells in lines:
            if not any(cells):
                continue
            if len(cells) > len(names):
                raise ImportRejected([(line, _("This line has more cells than the header."))])
            yield line, {n: (cells[i] if i < len(cells) else "") for i, n in enumerate(names)}

    def _csv_header(self) -> list[str]:
        try:
            return next(self._read())[1]
        except StopIteration:
            raise ImportRejected([(0, _("The file is empty."))]) from None

    def _read(self) -> Iterator[tuple[int, list[str]]]:
        """(line number, stripped cells) of every line, the header included; the header's cells lowercased."""
        if self.is_xlsx:
            yield from self._read_xlsx()
            return
        text = io.TextIOWrapper(io.BytesIO(self.content), encoding="utf-8-sig", newline="")
        reader = csv.reader(text)
        try:
            for number, row in enumerate(reader):
                cells = [cell.strip() for cell in row]
                yield reader.line_num, ([c.lower() for c in cells] if number == 0 else cells)
        except UnicodeDecodeError:
            raise ImportRejected(
                [(0, _("The file is not UTF-8 text. Save it as “CSV UTF-8” or as XLSX and try again."))]
            ) from None
        except csv.Error as exc:
            raise ImportRejected(
                [(reader.line_num, _("The file is not a valid CSV table: %(error)s") % {"error": exc})]
            ) from None

    def _read_xlsx(self) -> Iterator[tuple[int, list[str]]]:
        from openpyxl import load_workbook

        try:
            book = load_workbook(io.BytesIO(self.content), read_only=True, data_only=True)
        except (zipfile.BadZipFile, KeyError, ValueError, OSError):
            raise ImportRejected([(0, _("The file is not a readable XLSX workbook."))]) from None
        try:
            rows = book.worksheets[0].iter_rows(values_only=True)
            header = next(rows, None)
            if header is None:
                raise ImportRejected([(0, _("The file is empty."))])
            yield 1, [str(h or "").strip().lower() for h in header]
            for number, row in enumerate(rows, start=2):
                yield (
                    number,
                    ["" if v is None else (v.isoformat()[:10] if isinstance(v, date) else str(v)).strip() for v in row],
                )
        finally:
            book.close()


def read_table(content: bytes) -> Iterator[tuple[int, dict[str, str]]]:
    """Rows as (line number, {column: text}); raises ImportRejected on an unreadable file."""
    yield from Table(content).rows()


def open_table(content: bytes, required: list[str], known: list[str]) -> Table:
    """The file, once its header has the required columns and no unknown ones."""
    table = Table(content)
    present = set(table.columns)
    missing = [c for c in required if c not in present]
    unknown = sorted(present - set(known) - {""})
    errors = []
    if missing:
        errors.append((1, _("Missing column(s): %(columns)s") % {"columns": ", ".join(missing)}))
    if unknown:
        errors.append((1, _("Unknown column(s): %(columns)s") % {"columns": ", ".join(unknown)}))
    if errors:
        raise ImportRejected(errors)
    return table


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


Parse = Callable[[dict[str, str], list[str]], dict[str, Any]]


def _field_problems(model: type[models.Model], values: dict[str, Any], checked: Sequence[str]) -> list[str]:
    """What the model's own field rules (lengths, e-mail, choices) say of a row's values, as full_clean would.

    Foreign keys are not checked here: they were resolved from the vocabulary and the user's office while
    parsing, and checking them again would cost a query per row.
    """
    problems = []
    for name in checked:
        field = model._meta.get_field(name)
        value = values[name]
        if field.blank and value in field.empty_values:  # type: ignore[union-attr]
            continue
        try:
            field.clean(value, None)  # type: ignore[union-attr]
        except ValidationError as exc:
            problems += [f"{name}: {message}" for message in exc.messages]
    return problems


def _check_and_write(
    table: Table,
    parse: Parse,
    fields_of: Callable[[dict[str, Any]], dict[str, Any]],
    model: type[models.Model],
    checked: Sequence[str],
    write_batch: Callable[[list[dict[str, Any]]], None],
) -> None:
    """Every row parsed and checked, and handed on a batch at a time while no row has failed.

    Called inside the caller's transaction: if any row fails, ImportRejected (with every problem
    of the file) undoes what was written. One reading of the file instead of a checking pass and
    a writing pass, which parsed every row twice (1.5 s of a 100,000-row import at national scale).
    """
    errors: list[tuple[int, str]] = []
    # Duplicates are found by a 16-byte digest of each row, not the row itself.
    seen: dict[bytes, int] = {}
    batch: list[dict[str, Any]] = []
    count = 0
    try:
        for line, row in table.rows():
            count += 1
            problems: list[str] = []
            digest = hashlib.blake2b(repr(tuple(row.values())).encode(), digest_size=16).digest()
            first = seen.setdefault(digest, line)
            if first != line:
                problems.append(_("duplicate of line %(line)d") % {"line": first})
            parsed_problems: list[str] = []
            values = parse(row, parsed_problems)
            if not parsed_problems:
                problems += _field_problems(model, fields_of(values), checked)
            errors.extend((line, message) for message in problems + parsed_problems)
            if errors:
                batch = []  # nothing more is written; the rest of the file is only checked
                continue
            batch.append(values)
            if len(batch) == BATCH_SIZE:
                write_batch(batch)
                batch = []
    except ImportRejected as unreadable:
        raise ImportRejected(errors + unreadable.errors) from None
    if errors:
        raise ImportRejected(errors)
    if not count:
        raise ImportRejected([(0, _("The file has a header but no rows."))])
    if batch:
        write_batch(batch)


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


def _insert_rows(
    cursor: Any, model: type[models.Model], columns: list[str], rows: list[tuple[Any, ...]], *, returning: bool = False
) -> list[Any]:
    """Insert rows of database-ready values, a thousand to a statement; the new ids if `returning`.

    bulk_create spends several times longer in Python per row than the database spends writing it;
    at 100,000 rows that is most of an import. The values are prepared by the fields themselves
    (`NewRows`), so encryption and dates are exactly as bulk_create would write them.
    """
    if connection.vendor == "postgresql":
        return _copy_rows(cursor, model, columns, rows, returning=returning)
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
    for start in range(0, len(rows), BATCH_SIZE):
        batch = rows[start : start + BATCH_SIZE]
        cursor.execute(head + ", ".join([one] * len(batch)) + tail, [value for row in batch for value in row])
        if returning:
            ids += [row[0] for row in cursor.fetchall()]
    return ids


def _copy_rows(
    cursor: Any, model: type[models.Model], columns: list[str], rows: list[tuple[Any, ...]], *, returning: bool
) -> list[Any]:
    """PostgreSQL: the rows written by COPY; their new ids drawn from the table's sequence first if `returning`.

    A thousand-row INSERT is a statement of thousands of parameters that PostgreSQL parses and plans
    each time; COPY streams the rows (national bench: the consultations of a 100,000-row import).
    """
    quote = connection.ops.quote_name
    concrete = {f.name: str(f.column) for f in model._meta.concrete_fields}
    names = [concrete[c] for c in columns]
    table = quote(model._meta.db_table)
    ids: list[Any] = []
    if returning and rows:
        pk_column = str(model._meta.pk.column)  # type: ignore[union-attr]
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [model._meta.db_table, pk_column, len(rows)],
        )
        ids = [row[0] for row in cursor.fetchall()]
        names = [pk_column, *names]
        rows = [(pk, *row) for pk, row in zip(ids, rows, strict=True)]
    statement = "COPY {} ({}) FROM STDIN".format(table, ", ".join(quote(n) for n in names))
    with cursor.copy(statement) as copy:
        for row in rows:
            copy.write_row(row)
    return ids


class _Writer:
    """Runs each batch's writes: at once on SQLite; on PostgreSQL in a thread of its own.

    On PostgreSQL the thread writes on the same connection, inside the import's transaction, so
    that PostgreSQL stores one batch while Python parses, encrypts and hashes the next (national
    bench: about 11 s of Python against 30 s of PostgreSQL in a 100,000-row import). psycopg holds
    the connection's lock for a whole statement or COPY, so a query from the import itself (a
    vocabulary read on first use) waits its turn. At most one batch waits for the thread. A
    failed write stops the writing; leaving the `with` block waits for the thread and raises the
    failure, and the caller's transaction undoes everything.
    """

    def __init__(self, raw: Any = None) -> None:
        # `raw`: another PostgreSQL connection to write on (_SearchDocuments); the import's own by default.
        self.threaded = connection.vendor == "postgresql"
        self._failure: BaseException | None = None
        if self.threaded:
            if raw is None:
                connection.ensure_connection()
                raw = connection.connection
            self._raw = raw
            self._jobs: queue.Queue[Callable[[Any], None] | None] = queue.Queue(maxsize=1)
            self._thread = threading.Thread(target=self._run, name="import-writer", daemon=True)

    def __enter__(self) -> "_Writer":
        if self.threaded:
            self._thread.start()
        return self

    def submit(self, job: Callable[[Any], None]) -> None:
        if not self.threaded:
            with connection.cursor() as cursor:
                job(cursor)
            return
        self._raise_failure()
        self._jobs.put(job)

    def _run(self) -> None:
        while (job := self._jobs.get()) is not None:
            if self._failure is not None:
                continue  # drained, not written: the import is failing
            try:
                with self._raw.cursor() as cursor:
                    job(cursor)
            except BaseException as failure:  # handed to the importing thread, which raises it
                self._failure = failure

    def _raise_failure(self) -> None:
        if self._failure is not None:
            raise self._failure

    def __exit__(self, kind: type[BaseException] | None, *rest: object) -> None:
        if self.threaded:
            self._jobs.put(None)
            self._thread.join()
        if kind is None:
            self._raise_failure()


class _SearchDocuments:
    """Where an import's search documents are written: with its records, or beside them on PostgreSQL.

    With the records (SQLite, or an import inside a caller's transaction): by the records' writer,
    in their transaction. On PostgreSQL, when the import owns its transaction, on a second
    connection by a thread of its own, so that a second backend stores the documents on the
    machine's other core while the first stores the records (national bench: 100,000
    consultations, the documents ~40% of PostgreSQL's work, one core busy of two). The
    documents' transaction is committed last thing before the records' (`commit`), so:
    - a bad row, a failed write or any error before it rolls both back;
    - if the records' commit then fails, the documents are deleted again (`__exit__`);
    - if the machine stops between the two commits, documents are left for ids that no record
      will ever have (a sequence never hands out an id twice): a search finds nothing through
      them, since every search goes through the records' visibility rule, and
      `search.rebuild` removes them.
    The records' foreign keys are then checked as each row is written (SET CONSTRAINTS ALL
    IMMEDIATE) rather than at commit, so that those checks run while the documents are written.
    """

    def __init__(self, model: type[models.Model]) -> None:
        self.model = model
        self.written = 0
        self.beside = connection.vendor == "postgresql" and not connection.in_atomic_block
        self._committed = False
        self._ids = array("q")  # the records indexed beside, to delete their documents if need be
        if self.beside:
            try:
                self._raw = connection.get_new_connection(connection.get_connection_params())
            except DatabaseError:
                # No second connection to be had (the server's limit, say): write them with the records.
                self.beside = False
                return
            self._writer = _Writer(self._raw)

    def __enter__(self) -> "_SearchDocuments":
        if self.beside:
            self._writer.__enter__()
        return self

    def records_begin(self) -> None:
        """Called first in the records' transaction."""
        if self.beside:
            with connection.cursor() as cursor:
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")

    def add(self, cursor: Any, ids: list[int], bodies: list[str]) -> None:
        """The documents of new records: `cursor` is the records' writer's (used when written with them)."""
        if not self.beside:
            self.written += _index_new(cursor, self.model, ids, bodies)
            return
        self._ids.extend(ids)

        def store(side: Any) -> None:
            self.written += _index_new(side, self.model, ids, bodies)

        self._writer.submit(store)

    def wait(self) -> None:
        """Every document written (or the failure raised); called once the records are written."""
        if self.beside:
            self._writer.__exit__(None, None, None)

    def commit(self) -> None:
        """The documents' transaction committed: the last step before the records' commit."""
        if self.beside:
            self._raw.commit()
            self._committed = True

    def __exit__(self, kind: type[BaseException] | None, *rest: object) -> None:
        if not self.beside:
            return
        try:
            if kind is not None and not self._committed:
                self._writer.__exit__(kind, *rest)  # let the thread end; its failure is not the one to raise
                self._raw.rollback()
            elif kind is not None:
                self._raw.rollback()
                kind_name = kind_of(self.model)
                with self._raw.cursor() as cursor:
                    for start in range(0, len(self._ids), 10 * BATCH_SIZE):
                        cursor.execute(
                            "DELETE FROM search_searchdocument WHERE kind = %s AND object_id = ANY(%s)",
                            [kind_name, list(self._ids[start : start + 10 * BATCH_SIZE])],
                        )
                self._raw.commit()
        finally:
            self._raw.close()


class NewRows:
    """Database-ready rows for new records of one model, as bulk_create would write them.

    Each row's own values are given by attribute name (`person_id`, `summary`) and prepared by their
    fields (so encryption and dates are exactly as bulk_create writes them). Every other column takes
    the value of one template instance, prepared once: the office and author, auto_now_add
    timestamps (one moment for the whole import), defaults.
    """

    def __init__(self, model: type[models.Model], per_row: Sequence[str], **constant: Any) -> None:
        self.model = model
        # The connection itself, not django.db.connection: the proxy's lookup per value adds up.
        self.connection = connections[DEFAULT_DB_ALIAS]
        template = model(**constant)
        fields = [f for f in model._meta.concrete_fields if not f.primary_key]
        unknown = set(per_row) - {f.attname for f in fields}
        if unknown:
            raise ValueError(f"{model.__name__} has no columns {sorted(unknown)}")
        self.columns = [f.name for f in fields]
        self._fixed: list[Any] = []
        self._per_row: list[tuple[int, str, Any]] = []
        for index, model_field in enumerate(fields):
            if model_field.attname in per_row:
                self._per_row.append((index, model_field.attname, model_field))
                self._fixed.append(None)
                continue
            if (
                model_field.has_default()
                and callable(model_field.default)
                and not {model_field.name, model_field.attname} & set(constant)
            ):
                # A callable default (a UUID, say) must be drawn per row, not once for all.
                raise ValueError(f"{model.__name__}.{model_field.name} needs a value per row")
            self._fixed.append(model_field.get_db_prep_save(model_field.pre_save(template, True), self.connection))

    def prepare(self, rows: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
        """The rows as the database takes them (encrypted, dates as text...), in order."""
        prepared = []
        for values in rows:
            row = list(self._fixed)
            for index, attname, column in self._per_row:
                row[index] = column.get_db_prep_save(values[attname], self.connection)
            prepared.append(tuple(row))
        return prepared

    def insert(self, cursor: Any, prepared: list[tuple[Any, ...]]) -> list[int]:
        """Insert prepared rows; their new ids, in order."""
        ids = _insert_rows(cursor, self.model, self.columns, prepared, returning=True)
        if len(ids) != len(prepared):
            raise RuntimeError("the database returned fewer ids than rows inserted")
        return ids


def _index_new(cursor: Any, model: type[models.Model], ids: list[int], bodies: list[str]) -> int:
    """Search documents for freshly created records (none can exist yet); bodies from `BulkBodies`."""
    kind = kind_of(model)
    rows = [(kind, pk, body) for pk, body in zip(ids, bodies, strict=True)]
    _insert_rows(cursor, SearchDocument, ["kind", "object_id", "body"], rows)
    return len(ids)


def _link_terms(cursor: Any, through: Any, owner_field: str, links: list[tuple[int, int]]) -> int:
    _insert_rows(cursor, through, [owner_field, "term"], links)
    return len(links)


# The model fields each imported row gives a value of (the rest are the import's: office, author, time).
PERSON_ROW_FIELDS = [
    "full_name",
    "name_key",
    "other_names",
    "gender",
    "birth_date",
    "birth_date_precision",
    "citizenship",
    "is_stateless",
    "phone",
    "email",
    "address",
    "consent_to_processing",
    "consent_date",
]


def _person_fields(values: dict[str, Any]) -> dict[str, Any]:
    birth: PartialDate | None = values["birth"]
    return {
        "full_name": values["full_name"],
        "name_key": name_key(values["full_name"]),
        "other_names": values["other_names"],
        "gender": values["gender"],
        "birth_date": birth.value if birth else None,
        "birth_date_precision": birth.precision if birth else "",
        "citizenship": values["citizenship"],
        "is_stateless": values["is_stateless"],
        "phone": values["phone"],
        "email": values["email"],
        "address": values["address"],
        "consent_to_processing": values["consent_to_processing"],
        "consent_date": values["consent_date"],
    }


def import_people(content: bytes, *, office: Office, actor: User) -> int:
    table = open_table(content, PEOPLE_REQUIRED, PEOPLE_COLUMNS)
    parse = _parse_person(_Terms())
    new_people = NewRows(Person, PERSON_ROW_FIELDS, office=office, created_by=actor)
    bodies = BulkBodies()
    written = {"rows": 0, "groups": 0, "languages": 0}
    ids: list[int] = []

    def write(batch: list[dict[str, Any]]) -> None:
        # Prepared here; stored by the writer (on PostgreSQL while the next batch is prepared).
        rows = new_people.prepare([_person_fields(values) for values in batch])
        groups = [list(dict.fromkeys(g.pk for g in v["groups"])) for v in batch]
        languages = [list(dict.fromkeys(g.pk for g in v["languages"])) for v in batch]
        # New people have no merged records whose names they would also be found by.
        texts = [Person.search_text_of(v["full_name"], v["other_names"]) for v in batch]
        documents = [bodies.body(text) for text in texts]

        def store(cursor: Any) -> None:
            new_ids = new_people.insert(cursor, rows)
            group_links = [(pk, t) for pk, terms in zip(new_ids, groups, strict=True) for t in terms]
            language_links = [(pk, t) for pk, terms in zip(new_ids, languages, strict=True) for t in terms]
            written["groups"] += _link_terms(cursor, Person.groups.through, "person", group_links)
            written["languages"] += _link_terms(cursor, Person.languages.through, "person", language_links)
            index.add(cursor, new_ids, documents)
            written["rows"] += len(new_ids)
            ids[:] = [ids[0] if ids else new_ids[0], new_ids[-1]]

        writer.submit(store)

    with _SearchDocuments(Person) as index, transaction.atomic():
        index.records_begin()
        with _Writer() as writer:
            _check_and_write(table, parse, _person_fields, Person, PERSON_ROW_FIELDS, write)
        index.wait()
        # One entry for the whole import (docs/conventions.md): counts and the range of new ids.
        record(
            "import.people",
            actor=actor,
            office=office.pk,
            rows=written["rows"],
            first_id=ids[0],
            last_id=ids[-1],
            group_links=written["groups"],
            language_links=written["languages"],
            search_documents=index.written,
        )
        index.commit()
    return written["rows"]


def _record_id(text: str) -> int | None:
    """The id written in a cell, if it is one a database could hold (ASCII digits, at most 18 of them)."""
    return int(text) if text.isascii() and text.isdigit() and len(text) <= 18 else None


def _people_named_in(table: Table) -> set[int]:
    """The person ids the file mentions (a quick read of one column; what cannot be read is left to validation)."""
    found: set[int] = set()
    try:
        for _line, row in table.rows():
            person_id = _record_id(row.get("person_id", ""))
            if person_id is not None:
                found.add(person_id)
    except ImportRejected:
        pass
    return found


def _visible_among(actor: User, person_ids: set[int]) -> set[int]:
    """Which of these people the user may see, a thousand at a time.

    Not every person the user may see: at national scale that is a scan of all people
    (3.4 s), where the ids a file names are checked in a fraction of it.
    """
    ordered = sorted(person_ids)
    visible: set[int] = set()
    for start in range(0, len(ordered), BATCH_SIZE):
        chunk = ordered[start : start + BATCH_SIZE]
        visible.update(Person.objects.visible_to(actor).filter(pk__in=chunk).order_by().values_list("pk", flat=True))
    return visible


def _parse_consultation(
    terms: _Terms, actor: User, visible_people: set[int]
) -> Callable[[dict[str, str], list[str]], dict[str, Any]]:
    """`visible_people`: the people the user may see, of those the file names (checked per row against it)."""
    lawyers = {u.username: u for u in User.objects.filter(is_active=True, office=actor.office)}

    def parse(row: dict[str, str], errors: list[str]) -> dict[str, Any]:
        when = _date(row.get("date", ""), "date", errors)
        if not row.get("date"):
            errors.append(_("date is required"))
        elif when is not None and when > date.today():
            errors.append(_("date is in the future"))
        person_id: int | None = None
        if row.get("person_id"):
            text = row["person_id"]
            if not (text.isascii() and text.isdigit()):
                errors.append(_("person_id must be a number"))
            else:
                person_id = _record_id(text)
                if person_id is None or person_id not in visible_people:
                    errors.append(_("person_id %(id)s is not a person you can see") % {"id": text[:20]})
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


# The model fields each imported row gives a value of (the rest are the import's: office, author, time).
CONSULTATION_ROW_FIELDS = [
    "date",
    "lawyer_id",
    "person_id",
    "channel_id",
    "legal_area_id",
    "summary",
    "outcome_id",
    "follow_up_on",
    "follow_up",
]


def _consultation_fields(values: dict[str, Any]) -> dict[str, Any]:
    return {
        "date": values["date"],
        "lawyer_id": values["lawyer"].pk,
        "person_id": values["person_id"],
        "channel_id": values["channel"].pk,
        "legal_area_id": values["legal_area"].pk,
        "summary": values["summary"],
        "outcome_id": values["outcome"].pk if values["outcome"] else None,
        "follow_up_on": values["follow_up_on"],
        "follow_up": values["follow_up"],
    }


def import_consultations(content: bytes, *, office: Office, actor: User) -> int:
    table = open_table(content, CONSULTATION_REQUIRED, CONSULTATION_COLUMNS)
    visible_people = _visible_among(actor, _people_named_in(table))
    parse = _parse_consultation(_Terms(), actor, visible_people)
    new_consultations = NewRows(Consultation, CONSULTATION_ROW_FIELDS, office=office, created_by=actor)
    bodies = BulkBodies()
    written = {"rows": 0, "groups": 0}
    ids: list[int] = []

    # The groups a consultation without groups of its own takes over from its person, read before
    # the writing starts (a query of the importer's own would wait for the writer's turn).
    inherited = _groups_of_people(visible_people)

    def write(batch: list[dict[str, Any]]) -> None:
        # Prepared here; stored by the writer (on PostgreSQL while the next batch is prepared).
        rows = new_consultations.prepare([_consultation_fields(values) for values in batch])
        groups = []
        for values in batch:
            chosen = [t.pk for t in values["groups"]]
            if not chosen and values["person_id"] is not None:
                chosen = inherited.get(values["person_id"], [])
            groups.append(list(dict.fromkeys(chosen)))
        texts = [Consultation.search_text_of(v["summary"], v["follow_up"]) for v in batch]
        documents = [bodies.body(text) for text in texts]

        def store(cursor: Any) -> None:
            new_ids = new_consultations.insert(cursor, rows)
            links = [(pk, term) for pk, terms in zip(new_ids, groups, strict=True) for term in terms]
            written["groups"] += _link_terms(cursor, Consultation.groups.through, "consultation", links)
            index.add(cursor, new_ids, documents)
            written["rows"] += len(new_ids)
            ids[:] = [ids[0] if ids else new_ids[0], new_ids[-1]]

        writer.submit(store)

    with _SearchDocuments(Consultation) as index, transaction.atomic():
        index.records_begin()
        with _Writer() as writer:
            # Only the free-text fields are checked by the model: every other value was parsed and checked by `parse`.
            _check_and_write(table, parse, _consultation_fields, Consultation, ["summary", "follow_up"], write)
        index.wait()
        # One entry for the whole import (docs/conventions.md): counts and the range of new ids.
        record(
            "import.consultations",
            actor=actor,
            office=office.pk,
            rows=written["rows"],
            first_id=ids[0],
            last_id=ids[-1],
            group_links=written["groups"],
            search_documents=index.written,
        )
        counts.records_changed()
        index.commit()
    return written["rows"]


IMPORTERS = {"people": import_people, "consultations": import_consultations}
