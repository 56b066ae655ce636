"""Keeping the search index in step with the records, inside their transaction."""

import re

from django.db import models

from search.models import SearchDocument

_WORD = re.compile(r"\w+", re.UNICODE)


def kind_of(obj: models.Model) -> str:
    return obj._meta.model_name or ""


def searchable(text: str) -> str:
    """Words only, separated by spaces.

    PostgreSQL's parser reads "ALM-2026-0001" as a word and two negative
    numbers; both engines must see the same words the query is built from.
    """
    return " ".join(_WORD.findall(text))


def index_record(obj: models.Model, body: str) -> None:
    SearchDocument.objects.update_or_create(kind=kind_of(obj), object_id=obj.pk, defaults={"body": searchable(body)})


def unindex_record(obj: models.Model) -> None:
    SearchDocument.objects.filter(kind=kind_of(obj), object_id=obj.pk).delete()
