"""A consultation keeps the indexes its pages read and no others (casework/migrations/0005)."""

import importlib

import pytest
from django.apps import apps
from django.db import connection

from casework.models import Consultation

drop_and_restore = importlib.import_module("casework.migrations.0005_consultation_indexes_pages_use")

UNREAD = {"office_id", "lawyer_id", "channel_id", "outcome_id", "created_by_id"}
READ = {("date",), ("person_id",), ("case_id",), ("legal_area_id",), ("office_id", "date"), ("lawyer_id", "date")}


def _indexed_columns() -> set[tuple[str, ...]]:
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, Consultation._meta.db_table)
    return {tuple(info["columns"]) for info in constraints.values() if info["index"] and not info["primary_key"]}


@pytest.mark.django_db
def test_only_the_indexes_pages_read_are_kept() -> None:
    indexed = _indexed_columns()
    assert indexed >= READ
    assert not {(column,) for column in UNREAD} & indexed


# Outside a transaction: SQLite's schema editor needs its foreign-key checks off, which it cannot do in one.
@pytest.mark.django_db(transaction=True)
def test_the_migration_backwards_gives_the_indexes_back_and_forwards_drops_them_again() -> None:
    with connection.schema_editor() as editor:
        drop_and_restore.restore(apps, editor)
    assert {(column,) for column in UNREAD} <= _indexed_columns()
    with connection.schema_editor() as editor:
        drop_and_restore.drop(apps, editor)
    assert not {(column,) for column in UNREAD} & _indexed_columns()
    assert _indexed_columns() >= READ
