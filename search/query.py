"""One full-text search over both databases.

What people type is split into words; each word must match a whole word or
the start of a word of the record ("Сейт" finds "Сейткали"), and words in
double quotes must match as a phrase. Words are compared as keyed hashes
(see search.index), so the query sent to the database contains no name.
"""

import re
from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.db.models import BooleanField, F, Func, Q, QuerySet
from django.db.models.expressions import RawSQL
from django.db.models.sql.datastructures import BaseTable

from rightsdesk.crypto import blind_token
from search.frequent import FREQUENT
from search.models import KIND_SPAN, SEARCH_KIND_CODES, SearchDocument

_WORD = re.compile(r"\w+", re.UNICODE)
_PHRASE = re.compile(r'"([^"]+)"')


@dataclass(frozen=True)
class ParsedQuery:
    words: tuple[str, ...]
    phrases: tuple[tuple[str, ...], ...]

    @property
    def empty(self) -> bool:
        return not self.words and not self.phrases


def parse(text: str) -> ParsedQuery:
    phrases = tuple(tuple(_WORD.findall(match.lower())) for match in _PHRASE.findall(text))
    rest = _PHRASE.sub(" ", text)
    words = tuple(_WORD.findall(rest.lower()))
    return ParsedQuery(words, tuple(p for p in phrases if p))


def _fts5_query(parsed: ParsedQuery) -> str:
    parts = [f'"{blind_token(w)}"' for w in parsed.words]
    parts += ['"' + " ".join(blind_token(w) for w in p) + '"' for p in parsed.phrases]
    return " AND ".join(parts)


def _tsquery(parsed: ParsedQuery) -> str:
    parts = [blind_token(w) for w in parsed.words]
    parts += ["(" + " <-> ".join(blind_token(w) for w in p) + ")" for p in parsed.phrases]
    return " & ".join(parts)


def matching_ids(text: str, kind: str) -> RawSQL | None:
    """A subquery of the ids of records of `kind` matching `text`, or None if nothing to search."""
    parsed = parse(text)
    if parsed.empty:
        return None
    if connection.vendor == "postgresql":
        return RawSQL(
            # body_tsv: the stored vector of the body (search/migrations/0003), with word positions,
            # so neither words nor phrases make PostgreSQL parse a body again.
            "SELECT object_id FROM search_searchdocument WHERE kind = %s AND body_tsv @@ to_tsquery('simple', %s)",
            [kind, _tsquery(parsed)],
        )
    # The FTS5 row id is the kind's code × 2^40 + the record's id (search/migrations/0004),
    # so one kind's matches are one range of row ids, read without touching the documents.
    low = SEARCH_KIND_CODES[kind] * KIND_SPAN
    return RawSQL(
        "SELECT rowid - %s FROM search_fts WHERE search_fts MATCH %s AND rowid BETWEEN %s AND %s",
        [low, _fts5_query(parsed), low, low + KIND_SPAN - 1],
    )


def search_documents(text: str, kind: str) -> list[int]:
    subquery = matching_ids(text, kind)
    if subquery is None:
        return []
    return list(SearchDocument.objects.filter(kind=kind, object_id__in=subquery).values_list("object_id", flat=True))


# How a search meets the visibility rule. With few matches, their ids go into
# the query and the database checks each against the rule. With many (a common
# surname, two common words), that would check thousands of rows to show 25;
# instead it walks the records in the order the page shows them and checks
# each one for a match, stopping when the page is full. Matches are only read
# up to this limit, so telling the two apart stays cheap however common the words;
# and a query found to have many is remembered for a while (search.frequent).
DRIVE_FROM_MATCHES_UP_TO = 1500
# A case's visibility is a test of its own columns (office, confidentiality, the user's team list),
# so checking every match stays cheaper than walking for far longer than for people and
# consultations, whose rules look at linked rows (national bench: 6,700 matching cases 31 ms from
# the matches, 73 ms walking; 33,000 matching consultations 173 ms from the matches, 30 ms walking).
_DRIVE_FACTOR = {"case": 40}
# SQLite: the index a walk reads when the search is the only thing narrowing the list. Seeing that
# every alternative of the case visibility rule (lawyer, team, office) has an index, its planner reads
# all their rows and sorts them instead of walking the display order and stopping at the page's end
# (national bench, two common words: 80 ms; through this index 4.6 ms; from the matches' ids 20 ms).
# With other filters (office, status) it finds the better index itself.
_WALK_INDEX = {"case": "case_opened"}


class _AmongMatches(Func):
    """SQLite: the record's id is among the matches, without letting SQLite start from the matches.

    The matches are read once into a temporary index; the unary plus keeps the
    planner from using them to drive the query, so it walks the display-order
    index and stops at the end of the page.
    """

    output_field = BooleanField()

    def __init__(self, record_id: Any, matches: RawSQL) -> None:
        self.matches = matches
        super().__init__(record_id)

    def as_sql(self, compiler: Any, connection: Any, **extra: Any) -> tuple[str, list[Any]]:  # type: ignore[override]
        column, params = compiler.compile(self.source_expressions[0])
        return f"+{column} IN ({self.matches.sql})", [*params, *self.matches.params]


class _RowMatches(Func):
    """PostgreSQL: this record's search document matches the query, checked for the one row.

    A scalar subquery rather than EXISTS, so that PostgreSQL cannot turn it into a join over every
    match: with many matches the point is to walk the list in display order and stop at the page's end.
    """

    output_field = BooleanField()

    def __init__(self, record_id: Any, kind: str, parsed: ParsedQuery) -> None:
        self.kind = kind
        self.parsed = parsed
        super().__init__(record_id)

    def as_sql(self, compiler: Any, connection: Any, **extra: Any) -> tuple[str, list[Any]]:  # type: ignore[override]
        column, params = compiler.compile(self.source_expressions[0])
        # `column` is the compiled reference to the record's id, never user input; kind and query are parameters.
        sql = (
            "COALESCE((SELECT true FROM search_searchdocument m WHERE m.kind = %s "  # noqa: S608  # nosec B608
            f"AND m.object_id = {column} AND m.body_tsv @@ to_tsquery('simple', %s) LIMIT 1), false)"
        )
        return sql, [self.kind, *params, _tsquery(self.parsed)]


def _up_to(subquery: RawSQL, select: str, limit: int) -> list[tuple[Any, ...]]:
    """`select` ("count(*)" or "*") over at most `limit` rows of the matches."""
    with connection.cursor() as cursor:
        # `select` is one of our two constants and the inner SQL is matching_ids' own constant
        # text; every value in it is a parameter.
        # nosemgrep: no-sql-built-from-strings
        cursor.execute(
            f"SELECT {select} FROM ({subquery.sql} LIMIT %s) AS found",  # noqa: S608 - our own SQL  # nosec B608
            [*subquery.params, limit],
        )
        return list(cursor.fetchall())


def count_matches_up_to(text: str, kind: str, limit: int) -> int:
    subquery = matching_ids(text, kind)
    return 0 if subquery is None else int(_up_to(subquery, "count(*)", limit)[0][0])


def match_condition(text: str, kind: str, *, walk_indexed: bool = False) -> Q | _AmongMatches | _RowMatches | None:
    """A filter keeping the records of `kind` (by their pk) that match `text`; None if nothing to search.

    `walk_indexed`: a walk will read the kind's display-order index (filter_matching), so it is
    as cheap as for any other kind and is chosen as soon as there are many matches.
    """
    subquery = matching_ids(text, kind)
    if subquery is None:
        return None
    # (PostgreSQL walks cases too: its per-kind index answers the walk's row checks quickly, while
    # counting tens of thousands of phrase matches re-reads each one's vector: 485 ms -> 53 ms.)
    factor = _DRIVE_FACTOR.get(kind, 1) if connection.vendor == "sqlite" and not walk_indexed else 1
    limit = DRIVE_FROM_MATCHES_UP_TO * factor
    # The limits are part of the key: a hint is only good for the decision it was made for.
    frequent = (kind, DRIVE_FROM_MATCHES_UP_TO, limit, *subquery.params)
    if not FREQUENT.known(frequent):
        # Few matches: their ids, written into the query, so that neither database can misjudge how
        # many there are (PostgreSQL guessed thousands for a word with none, and walked a million rows).
        first = [int(row[0]) for row in _up_to(subquery, "*", DRIVE_FROM_MATCHES_UP_TO + 1)]
        if len(first) <= DRIVE_FROM_MATCHES_UP_TO:
            return Q(pk__in=first)
        if factor > 1 and int(_up_to(subquery, "count(*)", limit + 1)[0][0]) <= limit:
            return Q(pk__in=subquery)
        FREQUENT.remember(frequent)
    if connection.vendor == "postgresql":
        return _RowMatches(F("pk"), kind, parse(text))
    return _AmongMatches(F("pk"), subquery)


class _ThroughIndex(BaseTable):
    """SQLite: the query's own table read through one named index, when a slice of it is read in order.

    Only a slice: counting the rows (a list's pager) has no order to follow, and is left to the planner.
    """

    def __init__(self, table_name: str, alias: str | None, index: str) -> None:
        super().__init__(table_name, alias)
        self.index = index

    def as_sql(self, compiler: Any, connection: Any) -> tuple[str, tuple[str | int, ...]]:
        sql, params = super().as_sql(compiler, connection)
        if compiler.query.is_sliced:
            sql = f"{sql} INDEXED BY {compiler.quote_name(self.index)}"
        return sql, params

    def relabeled_clone(self, change_map: dict[str | None, str]) -> "_ThroughIndex":
        return self.__class__(self.table_name, change_map.get(self.table_alias, self.table_alias), self.index)

    @property
    def identity(self) -> tuple[Any, ...]:
        return (*super().identity, self.index)


def filter_matching(queryset: QuerySet[Any], text: str, kind: str, *, alone: bool = False) -> QuerySet[Any]:
    """`queryset` narrowed to the records of `kind` matching `text` (unchanged if there is nothing to search).

    `alone`: nothing else narrows the list (dates aside), so a walk in display order may be read
    through the kind's display-order index (_WALK_INDEX).
    """
    index = _WALK_INDEX.get(kind) if alone and connection.vendor == "sqlite" else None
    condition = match_condition(text, kind, walk_indexed=index is not None)
    if condition is None:
        return queryset
    queryset = queryset.filter(condition)
    if index is not None and isinstance(condition, _AmongMatches):
        query = queryset.query
        alias = query.base_table  # the model's own table, the first in FROM
        query.alias_map[alias] = _ThroughIndex(query.alias_map[alias].table_name, alias, index)
    return queryset
