"""Keeping the search index in step with the records, inside their transaction.

(One exception: an import on PostgreSQL writes its documents on a second connection and
commits them just before the records, casework.imports._SearchDocuments.)

The index holds no readable words: each word of a record is stored as a
keyed hash (rightsdesk.crypto.blind_token), first the whole words in their
order (so phrases match), then, after PREFIXES_FOLLOW, the hashes of every
prefix (so "Сейт" finds "Сейткали"). A stolen database shows neither names
nor their spellings.
"""

import hashlib
import hmac
import re

from django.db import models

from rightsdesk.crypto import MIN_PREFIX, blind_tokens, keyring, normalise, token_of
from search.models import SearchDocument

_WORD = re.compile(r"\w+", re.UNICODE)


def kind_of(obj: models.Model | type[models.Model]) -> str:
    return obj._meta.model_name or ""


def words_of(text: str) -> list[str]:
    return _WORD.findall(text)


# Between a body's whole words and the prefixes of its words. PostgreSQL gives word positions only to
# what comes before it, so that it parses a fifth of the tokens (search/migrations/0006); SQLite's
# tokenizer reads it as punctuation.
PREFIXES_FOLLOW = " - "


def join_body(whole: list[str], prefixes: list[str]) -> str:
    return " ".join(whole) + PREFIXES_FOLLOW + " ".join(prefixes) if prefixes else " ".join(whole)


def searchable(text: str) -> str:
    words = words_of(text)
    whole = blind_tokens(words, with_prefixes=False)
    seen = set(whole)
    prefixes = [t for t in blind_tokens(words, with_prefixes=True) if t not in seen]
    return join_body(whole, prefixes)


class BulkBodies:
    """The body of each text, exactly as `searchable` gives it, for bulk imports.

    The keyring is read once and each distinct word or prefix hashed once per instance, instead of
    once per occurrence: an import of 100,000 rows repeats the same words and prefixes. One instance
    serves a whole import, chunk after chunk. (casework/tests/test_bulk_import.py checks the bodies
    are identical to `searchable`'s.)
    """

    def __init__(self) -> None:
        self._key = hmac.new(keyring().index_key, digestmod=hashlib.sha256)
        self._hashed: dict[str, str] = {}
        self._words: dict[str, tuple[str, list[str]]] = {}

    def _token(self, folded: str) -> str:
        found = self._hashed.get(folded)
        if found is None:
            mac = self._key.copy()
            mac.update(normalise(folded).encode())
            found = self._hashed[folded] = token_of(mac.digest())
        return found

    def body(self, text: str) -> str:
        per_word = []
        for word in words_of(text):
            tokens = self._words.get(word)
            if tokens is None:
                folded = normalise(word)
                whole_token = self._token(folded)
                prefixes = [self._token(folded[:n]) for n in range(MIN_PREFIX, len(folded))]
                tokens = self._words[word] = (whole_token, [*prefixes, whole_token])
            per_word.append(tokens)
        whole = [w for w, _ in per_word]
        seen = set(whole)
        rest = [t for _, with_prefixes in per_word for t in with_prefixes if t not in seen]
        return join_body(whole, rest)


def index_record(obj: models.Model, body: str) -> None:
    SearchDocument.objects.update_or_create(kind=kind_of(obj), object_id=obj.pk, defaults={"body": searchable(body)})


def unindex_record(obj: models.Model) -> None:
    SearchDocument.objects.filter(kind=kind_of(obj), object_id=obj.pk).delete()
