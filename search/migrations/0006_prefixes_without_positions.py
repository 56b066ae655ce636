"""PostgreSQL: a document's vector parses only its whole words; its prefixes are taken as they are.

A body lists the whole words of a record in order, then the prefixes of each word (search.index).
Only the whole words need positions (a phrase is whole words side by side), yet the generated
column made PostgreSQL's text parser read every token: about 87 tokens of a consultation's body,
160 µs a document, 16 s of a 100,000-row import at national scale. Bodies now put " - " between
the whole words and the prefixes; the words before it are parsed with positions and the prefixes
after it become lexemes without positions (array_to_tsvector), which a phrase never matches.
A body written before this has no separator and is parsed whole, giving the vector it had.

The column stops being generated (DROP EXPRESSION keeps every stored vector, nothing is
rewritten) and a trigger fills it on insert and whenever the body changes. Body and vector are
stored out of line without an attempt to compress them, which never succeeded. SQLite's FTS5
tokenizer reads the separator as punctuation and is not touched.
"""

import importlib

from django.db import migrations

VECTOR_FUNCTION = """
CREATE OR REPLACE FUNCTION search_document_vector(body text) RETURNS tsvector
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT to_tsvector('simple', split_part(body, ' - ', 1))
        || coalesce(array_to_tsvector(string_to_array(nullif(split_part(body, ' - ', 2), ''), ' ')), ''::tsvector)
$$
"""
TRIGGER_FUNCTION = """
CREATE OR REPLACE FUNCTION search_document_fill_vector() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    NEW.body_tsv := search_document_vector(NEW.body);
    RETURN NEW;
END
$$
"""
POSTGRES_FORWARD = [
    VECTOR_FUNCTION,
    TRIGGER_FUNCTION,
    "ALTER TABLE search_searchdocument ALTER COLUMN body_tsv DROP EXPRESSION",
    "CREATE TRIGGER search_document_vector BEFORE INSERT OR UPDATE OF body ON search_searchdocument "
    "FOR EACH ROW EXECUTE FUNCTION search_document_fill_vector()",
    # Keyed hashes do not compress: PostgreSQL tried on every body and vector over 2 kB and kept none
    # (stored size = length). Out-of-line storage without the attempt: 5 s of a 100,000-row import.
    "ALTER TABLE search_searchdocument ALTER COLUMN body SET STORAGE EXTERNAL",
    "ALTER TABLE search_searchdocument ALTER COLUMN body_tsv SET STORAGE EXTERNAL",
]


def _backward() -> list[str]:
    # A generated column cannot be made again in place: the column is added anew, and with it its indexes.
    per_kind = importlib.import_module("search.migrations.0005_tsvector_index_per_kind")
    return [
        "ALTER TABLE search_searchdocument ALTER COLUMN body SET STORAGE EXTENDED",
        "DROP TRIGGER IF EXISTS search_document_vector ON search_searchdocument",
        "DROP FUNCTION IF EXISTS search_document_fill_vector()",
        "ALTER TABLE search_searchdocument DROP COLUMN body_tsv",
        "ALTER TABLE search_searchdocument "
        "ADD COLUMN body_tsv tsvector GENERATED ALWAYS AS (to_tsvector('simple', body)) STORED",
        *per_kind.per_kind_indexes(),
        "DROP FUNCTION IF EXISTS search_document_vector(text)",
    ]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements() if callable(statements) else statements:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0005_tsvector_index_per_kind")]

    operations = [migrations.RunPython(_run(POSTGRES_FORWARD), _run(_backward))]
