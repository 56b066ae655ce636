"""Writing audit entries: the one way any part of rightsdesk records an event.

Callers pass identifiers and codes only. `detail` values are restricted to
numbers, booleans, short codes and lists of those, so a victim's name cannot
slip into the log through a careless call.
"""

from typing import Any

from django.db import connection, models, transaction
from django.utils import timezone

from audit.anchor import advance_anchor
from audit.chain import GENESIS_HASH, entry_hash
from audit.models import AuditEntry

_MAX_CODE_LENGTH = 64
# Any constant shared by all writers; it names the lock that serialises the chain.
_CHAIN_LOCK_KEY = 7_242_001


class UnsafeAuditDetail(ValueError):
    pass


def _check_detail(detail: dict[str, Any]) -> None:
    for key, value in detail.items():
        values = value if isinstance(value, list | tuple) else [value]
        for item in values:
            if item is None or isinstance(item, bool | int | float):
                continue
            if isinstance(item, str) and len(item) <= _MAX_CODE_LENGTH and "\n" not in item:
                continue
            raise UnsafeAuditDetail(f"audit detail {key!r} must be an identifier or a code")


def _lock_chain() -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_CHAIN_LOCK_KEY])
    # SQLite runs every transaction IMMEDIATE (settings), which already
    # serialises writers.


def record(
    action: str,
    *,
    actor: Any,
    target: models.Model | None = None,
    object_type: str = "",
    object_id: object = "",
    **detail: Any,
) -> AuditEntry:
    """Append one entry to the chain, inside the caller's transaction."""
    _check_detail(detail)
    if target is not None:
        object_type = target._meta.label_lower
        object_id = target.pk
    actor_id = actor.pk if actor is not None and getattr(actor, "pk", None) else None
    with transaction.atomic():
        _lock_chain()
        last = AuditEntry.objects.order_by("-seq").only("seq", "hash").first()
        seq = last.seq + 1 if last else 1
        prev_hash = last.hash if last else GENESIS_HASH
        at = timezone.now()
        digest = entry_hash(
            seq=seq,
            at=at,
            actor_id=actor_id,
            action=action,
            object_type=object_type,
            object_id=str(object_id),
            detail=dict(detail),
            prev_hash=prev_hash,
        )
        # The anchor outside the database moves only once the entry is durable.
        transaction.on_commit(lambda: advance_anchor(seq, digest))
        return AuditEntry.objects.create(
            seq=seq,
            at=at,
            actor_id=actor_id,
            action=action,
            object_type=object_type,
            object_id=str(object_id),
            detail=dict(detail),
            prev_hash=prev_hash,
            hash=digest,
        )
