"""PostgreSQL: a document's vector parses only its whole words; its prefixes are taken as they are.

A body lists the whole words of a record in order, then the prefixes of each word (search.index).
Only the whole words need positions (a phrase is whole words side by side), yet the generated
column made PostgreSQL's text parser read every token: about 87 tokens of a consultation's body,
160 µs a document, 16 s of a 100,000-row import at national scale. Bodies now put " - " between
the whole words and the prefixes; the words before it are parsed with positions and the prefixes
after it become lexemes without positions (array_to_tsvector), which a phrase never matches.
A body written before this has no separator and is parsed whole, giving the vector it had.

The generated column is made again over search_document_vector(body), which computes every
stored vector once more (at national scale, two million documents: minutes; an office's
installation: seconds), and with it the per-kind indexes (0005). Body and vector are stored out
of line without an attempt to compress them: keyed hashes never compressed (stored size was
their length), and the attempt cost 5 s of the import. SQLite's FTS5 tokenizer reads the
separator as punctuation and is not touched.
"""

import importlib

from django.db import migrations

per_kind = importlib.import_module("search.migrations.0005_tsvector_index_per_kind")

VECTOR_FUNCTION = """
CREATE OR REPLACE FUNCTION search_document_vector(body text) RETURNS tsvector
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT to_tsvector('simple', split_part(body, ' - ', 1))
        || coalesce(array_to_tsvector(string_to_array(nullif(split_part(body, ' - ', 2), ''), ' ')), ''::tsvector)
$$
"""


def _vector_column(expression: str) -> list[str]:
    return [
        "ALTER TABLE search_searchdocument DROP COLUMN body_tsv",
        f"ALTER TABLE search_searchdocument ADD COLUMN body_tsv tsvector GENERATED ALWAYS AS ({expression}) STORED",
        *per_kind.per_kind_indexes(),
    ]


POSTGRES_FORWARD = [
    VECTOR_FUNCTION,
    *_vector_column("search_document_vector(body)"),
    "ALTER TABLE search_searchdocument ALTER COLUMN body SET STORAGE EXTERNAL",
    "ALTER TABLE search_searchdocument ALTER COLUMN body_tsv SET STORAGE EXTERNAL",
]
POSTGRES_BACKWARD = [
    "ALTER TABLE search_searchdocument ALTER COLUMN body SET STORAGE EXTENDED",
    *_vector_column("to_tsvector('simple', body)"),
    "DROP FUNCTION IF EXISTS search_document_vector(text)",
]


class Migration(migrations.Migration):
    dependencies = [("search", "0005_tsvector_index_per_kind")]

    # 0005's runner: the statements on PostgreSQL, nothing on SQLite.
    operations = [migrations.RunPython(per_kind._run(POSTGRES_FORWARD), per_kind._run(POSTGRES_BACKWARD))]
