"""Finding and re-encrypting everything stored under the keyring."""

from collections.abc import Iterator
from typing import Any

from django.apps import apps
from django.db import connection, models, transaction

from rightsdesk import crypto
from rightsdesk.fields import EncryptedTextField


def encrypted_fields() -> Iterator[tuple[type[models.Model], list[str]]]:
    for model in apps.get_models():
        names = [f.name for f in model._meta.get_fields() if isinstance(f, EncryptedTextField)]
        if names:
            yield model, names


def key_ids_in_use() -> dict[str, int]:
    """How many stored values each encryption key protects, read from the raw columns."""
    counts: dict[str, int] = {}
    for model, names in encrypted_fields():
        table = connection.ops.quote_name(model._meta.db_table)
        for name in names:
            field = model._meta.get_field(name)
            assert isinstance(field, EncryptedTextField)
            column = connection.ops.quote_name(str(field.column))
            with connection.cursor() as cursor:
                cursor.execute(f"SELECT {column} FROM {table} WHERE {column} <> ''")  # noqa: S608  # nosec B608 - names from models  # nosemgrep: no-sql-built-from-strings - names from the models, quoted
                for (raw,) in cursor.fetchall():
                    key_id = (
                        crypto.key_id_of(crypto._unb64(raw[len(crypto.PREFIX) + 1 :]))
                        if crypto.is_encrypted(raw)
                        else "plaintext"
                    )
                    counts[key_id] = counts.get(key_id, 0) + 1
    return counts


def _raw_values(model: type[models.Model], names: list[str]) -> Any:
    # values_list goes through from_db_value, so these are plain texts.
    return model._default_manager.values_list("pk", *names).iterator(chunk_size=1000)


def reencrypt_database(batch: int = 500) -> int:
    """Write every encrypted value again, which encrypts it under the primary key."""
    written = 0
    for model, names in encrypted_fields():
        pending: list[tuple[Any, ...]] = []
        for row in _raw_values(model, names):
            pending.append(row)
            if len(pending) >= batch:
                written += _write_back(model, names, pending)
                pending = []
        written += _write_back(model, names, pending)
    return written


@transaction.atomic
def _write_back(model: type[models.Model], names: list[str], rows: list[tuple[Any, ...]]) -> int:
    for pk, *values in rows:
        model._default_manager.filter(pk=pk).update(**dict(zip(names, values, strict=True)))
    return len(rows)
