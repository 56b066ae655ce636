from django.db import models


class AuditEntryQuerySet(models.QuerySet["AuditEntry"]):
    def in_chain_order(self) -> "AuditEntryQuerySet":
        return self.order_by("seq")

    def about(self, object_type: str, object_id: object) -> "AuditEntryQuerySet":
        return self.filter(object_type=object_type, object_id=str(object_id))


class AuditEntry(models.Model):
    """One thing someone did or saw, holding identifiers only.

    Entries are hash-chained (see audit.chain): each one's hash covers its own
    fields and the previous entry's hash, so editing or removing an entry
    breaks every hash after it.
    """

    seq = models.PositiveBigIntegerField(unique=True)
    at = models.DateTimeField(db_index=True)
    actor_id = models.BigIntegerField(null=True, db_index=True)
    action = models.CharField(max_length=64, db_index=True)
    object_type = models.CharField(max_length=64, blank=True)
    object_id = models.CharField(max_length=64, blank=True)
    detail = models.JSONField(default=dict)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        indexes = [models.Index(fields=["object_type", "object_id"], name="audit_object_idx")]
        verbose_name_plural = "audit entries"

    def __str__(self) -> str:
        return f"#{self.seq} {self.action} {self.object_type}:{self.object_id}"
