"""Helpers for data migrations that turn plaintext columns into encrypted ones.

Kept deliberately small and stable: migrations run against the schema of
their time, so they use raw column access, not the models.
"""

from collections.abc import Callable, Iterable
from typing import Any

from rightsdesk import crypto


def encrypt_columns(columns: Iterable[tuple[str, str, str]]) -> Callable[[Any, Any], None]:
    """Encrypt every plaintext value of (table, column, context); already encrypted values are left as they are."""

    def run(apps: Any, schema_editor: Any) -> None:
        connection = schema_editor.connection
        quote = connection.ops.quote_name
        with connection.cursor() as cursor:
            for table, column, context in columns:
                cursor.execute(
                    f"SELECT id, {quote(column)} FROM {quote(table)} "  # noqa: S608  # nosec B608 - names come from the migration, not users
                    f"WHERE {quote(column)} <> '' AND {quote(column)} NOT LIKE %s",
                    [crypto.PREFIX + ":%"],
                )
                for pk, value in cursor.fetchall():
                    with connection.cursor() as update:
                        update.execute(  # nosemgrep: no-sql-built-from-strings - names from the migration, quoted
                            f"UPDATE {quote(table)} SET {quote(column)} = %s WHERE id = %s",  # noqa: S608  # nosec B608
                            [crypto.encrypt_text(value, context), pk],
                        )

    return run


def decrypt_columns(columns: Iterable[tuple[str, str, str]]) -> Callable[[Any, Any], None]:
    def run(apps: Any, schema_editor: Any) -> None:
        connection = schema_editor.connection
        quote = connection.ops.quote_name
        with connection.cursor() as cursor:
            for table, column, context in columns:
                cursor.execute(  # nosemgrep: no-sql-built-from-strings - names from the migration, quoted
                    f"SELECT id, {quote(column)} FROM {quote(table)} WHERE {quote(column)} LIKE %s",  # noqa: S608  # nosec B608
                    [crypto.PREFIX + ":%"],
                )
                for pk, value in cursor.fetchall():
                    with connection.cursor() as update:
                        update.execute(  # nosemgrep: no-sql-built-from-strings - names from the migration, quoted
                            f"UPDATE {quote(table)} SET {quote(column)} = %s WHERE id = %s",  # noqa: S608  # nosec B608
                            [crypto.decrypt_text(value, context), pk],
                        )

    return run
