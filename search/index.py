"""Keeping the search index in step with the records, inside their transaction.

The index holds no readable words: each word of a record is stored as a
keyed hash (rightsdesk.crypto.blind_token), first the whole words in their
order (so phrases match), then the hashes of every prefix (so "Сейт" finds
"Сейткали"). A stolen database shows neither names nor their spellings.
"""

import re

from django.db import models

from rightsdesk.crypto import blind_tokens
from search.models import SearchDocument

_WORD = re.compile(r"\w+", re.UNICODE)


def kind_of(obj: models.Model) -> str:
    return obj._meta.model_name or ""


def words_of(text: str) -> list[str]:
    return _WORD.findall(text)


def searchable(text: str) -> str:
    words = words_of(text)
    whole = blind_tokens(words, with_prefixes=False)
    prefixes = [t for t in blind_tokens(words, with_prefixes=True) if t not in set(whole)]
    return " ".join(whole + prefixes)


def index_record(obj: models.Model, body: str) -> None:
    SearchDocument.objects.update_or_create(kind=kind_of(obj), object_id=obj.pk, defaults={"body": searchable(body)})


def unindex_record(obj: models.Model) -> None:
    SearchDocument.objects.filter(kind=kind_of(obj), object_id=obj.pk).delete()
