"""One full-text search over both databases.

What people type is split into words; each word must match a whole word or
the start of a word of the record ("Сейт" finds "Сейткали"), and words in
double quotes must match as a phrase. Words are compared as keyed hashes
(see search.index), so the query sent to the database contains no name.
"""

import re
from dataclasses import dataclass

from django.db import connection
from django.db.models.expressions import RawSQL

from rightsdesk.crypto import blind_token
from search.models import SearchDocument

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
    return RawSQL(
        "SELECT d.object_id FROM search_searchdocument d "
        "JOIN search_fts ON search_fts.rowid = d.id "
        "WHERE d.kind = %s AND search_fts MATCH %s",
        [kind, _fts5_query(parsed)],
    )


def search_documents(text: str, kind: str) -> list[int]:
    subquery = matching_ids(text, kind)
    if subquery is None:
        return []
    return list(SearchDocument.objects.filter(kind=kind, object_id__in=subquery).values_list("object_id", flat=True))
