"""The hash chain over audit entries and its verification."""

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

GENESIS_HASH = "0" * 64


def entry_hash(
    *,
    seq: int,
    at: datetime,
    actor_id: int | None,
    action: str,
    object_type: str,
    object_id: str,
    detail: dict[str, Any],
    prev_hash: str,
) -> str:
    canonical = json.dumps(
        [seq, at.isoformat(), actor_id, action, object_type, object_id, detail, prev_hash],
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=True,
    )
    return hashlib.sha256(canonical.encode()).hexdigest()


@dataclass(frozen=True)
class ChainProblem:
    seq: int
    problem: str


def verify_chain(entries: Any) -> tuple[int, list[ChainProblem]]:
    """Walk entries in sequence order; return how many were read and what is wrong."""
    problems: list[ChainProblem] = []
    expected_prev = GENESIS_HASH
    expected_seq = 1
    count = 0
    for entry in entries:
        count += 1
        if entry.seq != expected_seq:
            problems.append(ChainProblem(entry.seq, f"entries {expected_seq}..{entry.seq - 1} are missing"))
        if entry.prev_hash != expected_prev:
            problems.append(ChainProblem(entry.seq, "does not follow the entry before it"))
        recomputed = entry_hash(
            seq=entry.seq,
            at=entry.at,
            actor_id=entry.actor_id,
            action=entry.action,
            object_type=entry.object_type,
            object_id=entry.object_id,
            detail=entry.detail,
            prev_hash=entry.prev_hash,
        )
        if recomputed != entry.hash:
            problems.append(ChainProblem(entry.seq, "was changed after it was written"))
        expected_prev = entry.hash
        expected_seq = entry.seq + 1
    return count, problems
