"""PostgreSQL: the text-search vector of each document stored once, in a generated column.

Until now the GIN index was over the expression to_tsvector('simple', body), so a phrase
query ("a b") had to parse the body of every candidate again to check word positions.
A stored generated column keeps the vector (with positions) beside the body; the GIN index
is over that column and search.query matches against it. The expression index is dropped.
SQLite keeps its FTS5 table (0002) and is not touched.
"""

from django.db import migrations

POSTGRES_INDEX = "CREATE INDEX search_document_body_tsv ON search_searchdocument USING GIN (body_tsv)"
POSTGRES_FORWARD = [
    "ALTER TABLE search_searchdocument "
    "ADD COLUMN body_tsv tsvector GENERATED ALWAYS AS (to_tsvector('simple', body)) STORED",
    POSTGRES_INDEX,
    "DROP INDEX IF EXISTS search_document_body_fts",
]
POSTGRES_BACKWARD = [
    "CREATE INDEX IF NOT EXISTS search_document_body_fts ON search_searchdocument "
    "USING GIN (to_tsvector('simple', body))",
    "DROP INDEX IF EXISTS search_document_body_tsv",
    "ALTER TABLE search_searchdocument DROP COLUMN IF EXISTS body_tsv",
]


def _run(statements: list[str]):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0002_fulltext_index")]

    operations = [migrations.RunPython(_run(POSTGRES_FORWARD), _run(POSTGRES_BACKWARD))]
