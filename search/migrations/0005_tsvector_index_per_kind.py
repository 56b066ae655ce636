"""PostgreSQL: one text-search index per kind of record instead of one over all documents.

Every search asks for one kind. With one index over all documents, a word common among people
(a surname) made a search of consultations fetch every matching person's document only to drop it
on its kind: 150 ms to find no consultation at national scale. A partial GIN index per kind holds
only that kind's documents. SQLite's index is keyed by kind already (0004) and is not touched.
"""

from django.db import migrations

KINDS = ("case", "consultation", "person", "event", "publishedrecord")
GLOBAL_INDEX = "CREATE INDEX search_document_body_tsv ON search_searchdocument USING GIN (body_tsv)"


def per_kind_indexes() -> list[str]:
    return [
        f"CREATE INDEX search_document_tsv_{kind} ON search_searchdocument USING GIN (body_tsv) WHERE kind = '{kind}'"
        for kind in KINDS
    ]


POSTGRES_FORWARD = [*per_kind_indexes(), "DROP INDEX IF EXISTS search_document_body_tsv"]
POSTGRES_BACKWARD = [GLOBAL_INDEX, *(f"DROP INDEX IF EXISTS search_document_tsv_{kind}" for kind in KINDS)]


def _run(statements: list[str]):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0004_fts_rowid_by_kind")]

    operations = [migrations.RunPython(_run(POSTGRES_FORWARD), _run(POSTGRES_BACKWARD))]
