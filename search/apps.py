from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _rebuild_an_index_of_older_tokens(sender: AppConfig, **kwargs: Any) -> None:
    """After `migrate`, an index written with an older form of token is rebuilt (search.rebuild).

    Here rather than in a migration: the bodies are made by today's code from today's models, which
    only the fully migrated schema has.
    """
    from django.db import connection

    from search.models import SearchDocument
    from search.rebuild import rebuild_if_in_older_form

    # Not after `migrate search zero`, which leaves no index to look at.
    if SearchDocument._meta.db_table in connection.introspection.table_names():
        rebuild_if_in_older_form()


class SearchConfig(AppConfig):
    name = "search"

    def ready(self) -> None:
        post_migrate.connect(_rebuild_an_index_of_older_tokens, sender=self)
