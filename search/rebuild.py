"""Rebuilding the whole search index from the records (after a key change)."""

from django.apps import apps
from django.conf import settings
from django.db import transaction

from search.index import index_record
from search.models import SearchDocument


@transaction.atomic
def rebuild_search_index() -> int:
    SearchDocument.objects.all().delete()
    count = 0
    for label in settings.RIGHTSDESK_SEARCH_INDEXED_MODELS:
        model = apps.get_model(label)
        for obj in model._default_manager.iterator(chunk_size=1000):
            index_record(obj, obj.search_text())
            if hasattr(obj, "name_key"):
                obj.save(update_fields=["name_key"])
            count += 1
    return count
