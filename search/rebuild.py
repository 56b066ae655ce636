"""Recomputing the body of every search document from its record.

After the index key is replaced (`rotate_keys --index`) or the form of a token changes (then
`migrate` does it: search.apps). The documents that exist are recomputed, and only they: a record without
one (a withdrawn publication) stays unfound. A document whose record is gone is removed. People's
name keys are blind tokens too, so they are recomputed with the index.
"""

from django.apps import apps
from django.conf import settings
from django.db import models, transaction

from people.models import Person, name_key
from rightsdesk.crypto import TOKEN_CHARS
from search.index import PREFIXES_FOLLOW, BulkBodies, kind_of
from search.models import SearchDocument

CHUNK = 1000


def index_in_older_form() -> bool:
    """Whether the index holds tokens of another length than today's (21 characters before 13)."""
    body = SearchDocument.objects.exclude(body="").order_by("pk").values_list("body", flat=True).first()
    tokens = [token for token in (body or "").split() if token != PREFIXES_FOLLOW.strip()]
    return bool(tokens) and len(tokens[0]) != 1 + TOKEN_CHARS


def rebuild_if_in_older_form() -> int:
    """After `migrate` (search.apps) or before a benchmark on a reused data set: the documents rebuilt, if any."""
    return rebuild_search_index() if index_in_older_form() else 0


def _models_by_kind() -> dict[str, type[models.Model]]:
    indexed = (apps.get_model(label) for label in settings.RIGHTSDESK_SEARCH_INDEXED_MODELS)
    return {kind_of(model): model for model in indexed}


@transaction.atomic
def rebuild_search_index() -> int:
    """Recompute every document and name key under the current key and token form; the documents kept."""
    by_kind = _models_by_kind()
    kinds = sorted(SearchDocument.objects.values_list("kind", flat=True).distinct())
    unknown = [kind for kind in kinds if kind not in by_kind]
    if unknown:
        raise LookupError(f"search documents of kinds no model is indexed as: {', '.join(unknown)}")
    bodies = BulkBodies()
    kept = 0
    for kind in kinds:
        model = by_kind[kind]
        last = 0
        while True:
            docs = list(SearchDocument.objects.filter(kind=kind, object_id__gt=last).order_by("object_id")[:CHUNK])
            if not docs:
                break
            last = docs[-1].object_id
            records = model._default_manager.in_bulk([doc.object_id for doc in docs])
            gone = [doc.pk for doc in docs if doc.object_id not in records]
            if gone:
                SearchDocument.objects.filter(pk__in=gone).delete()
            found = [doc for doc in docs if doc.object_id in records]
            for doc in found:
                doc.body = bodies.body(records[doc.object_id].search_text())  # type: ignore[attr-defined]
            SearchDocument.objects.bulk_update(found, ["body"])
            kept += len(found)
    _recompute_name_keys()
    return kept


def _recompute_name_keys() -> None:
    last = 0
    while True:
        people = list(Person.objects.filter(pk__gt=last).order_by("pk").only("pk", "full_name", "name_key")[:CHUNK])
        if not people:
            return
        last = people[-1].pk
        for person in people:
            person.name_key = name_key(person.full_name)
        Person.objects.bulk_update(people, ["name_key"])
