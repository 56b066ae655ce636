from django.db import models

# The kinds of record that are searched, and their codes in the SQLite full-text
# index's row ids (search/migrations/0004 holds the same table; a new kind needs
# a migration that adds it to the index's triggers).
SEARCH_KIND_CODES = {"case": 1, "consultation": 2, "person": 3, "event": 4, "publishedrecord": 5}
KIND_SPAN = 2**40


class SearchDocument(models.Model):
    """The searchable text of one record.

    The full-text index over `body` is the database's own: an FTS5 table on
    SQLite, a GIN index on PostgreSQL (see the migrations). Access is never
    decided here: search.query returns ids that callers pass through
    visible_to().
    """

    kind = models.CharField(max_length=20)
    object_id = models.BigIntegerField()
    body = models.TextField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="search_document_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.kind}:{self.object_id}"
