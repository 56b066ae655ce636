"""PostgreSQL: a document's vector is kept in its row, and its body out of it.

Searches read the vector and never the body: the vector decides whether a
record matches, the body only feeds the generated column. Yet a
consultation's row held its body (1.3 kB) and pointed to its vector (1.6 kB)
in the TOAST table, and a case's or an event's both (1.7 and 2.0 kB), so every
match a search checked was a second lookup. With the vector stored MAIN it
stays in the row (PostgreSQL moves a MAIN value out only past ~8 kB), and
the body, stored EXTERNAL, is the first to go out when a row passes the
target. The target is raised to 2,400 bytes so that a vector of up to about
2.3 kB (a case, an event) stays in the row without PostgreSQL first trying to
compress it: keyed hashes do not compress (0006).

National bench (PostgreSQL, one client, in process): the search page for
two common words 41-42 -> 32-41 ms and for a phrase 53-61 -> 36-43 ms, the
walk over cases for two common words 12.7 -> 5.7-6.8 ms. The table's rows
grow from 2.2 to 3.8 GB and its TOAST part shrinks by as much. The cost is
in imports, whose rows are a fifth larger: 100,000 consultations 13.2-13.5 ->
15.2-15.4 s on PostgreSQL (docs/scaling.md, seventh round).

The rows written before are rewritten once (VACUUM FULL, which takes the
table's lock and as much free disk as the table): 70 s for the national
bench's 1.8 million documents. VACUUM cannot run in a transaction, so this
migration is not atomic; its statements are each safe to run again.
"""

import importlib

from django.db import migrations

per_kind = importlib.import_module("search.migrations.0005_tsvector_index_per_kind")

FORWARD = [
    "ALTER TABLE search_searchdocument ALTER COLUMN body_tsv SET STORAGE MAIN",
    "ALTER TABLE search_searchdocument SET (toast_tuple_target = 2400)",
    "VACUUM FULL search_searchdocument",
]
BACKWARD = [
    "ALTER TABLE search_searchdocument ALTER COLUMN body_tsv SET STORAGE EXTERNAL",
    "ALTER TABLE search_searchdocument RESET (toast_tuple_target)",
    "VACUUM FULL search_searchdocument",
]


class Migration(migrations.Migration):
    atomic = False

    dependencies = [("search", "0006_prefixes_without_positions")]

    # 0005's runner: the statements on PostgreSQL, nothing on SQLite.
    operations = [migrations.RunPython(per_kind._run(FORWARD), per_kind._run(BACKWARD))]
