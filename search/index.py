"""Keeping the search index in step with the records, inside their transaction."""

from django.db import models

from search.models import SearchDocument


def kind_of(obj: models.Model) -> str:
    return obj._meta.model_name or ""


def index_record(obj: models.Model, body: str) -> None:
    SearchDocument.objects.update_or_create(
        kind=kind_of(obj), object_id=obj.pk, defaults={"body": body}
    )


def unindex_record(obj: models.Model) -> None:
    SearchDocument.objects.filter(kind=kind_of(obj), object_id=obj.pk).delete()
