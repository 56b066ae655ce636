"""The head of the audit chain, kept outside the database.

The hash chain shows an entry edited or removed from the middle, but someone
who can write to the database could delete the newest entries, or rewrite
the chain from some entry on with fresh hashes, and the chain would still
look whole. So after every committed entry, its sequence number and hash are
written to a small file beside the database (`AUDIT_ANCHOR_FILE`), signed
with the installation's secret key, which is not in the database. `audit
verify` then checks that the chain still reaches the anchored entry with the
anchored hash.

The file is written after the database commit, so after a crash it can lag
behind the chain (harmless) but never run ahead of it.
"""

import fcntl
import json
import logging
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.utils.crypto import constant_time_compare, salted_hmac

from audit.chain import ChainProblem

logger = logging.getLogger(__name__)

_SALT = "rightsdesk.audit.anchor"


@dataclass(frozen=True)
class Anchor:
    seq: int
    hash: str


def anchor_path() -> Path | None:
    configured = getattr(settings, "AUDIT_ANCHOR_FILE", None)
    return Path(configured) if configured else None


def _signature(seq: int, digest: str, secret: str | bytes | None = None) -> str:
    return salted_hmac(_SALT, f"{seq}:{digest}", secret=secret, algorithm="sha256").hexdigest()


def _signed_by_us(seq: int, digest: str, signature: str) -> bool:
    secrets = [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]
    return any(constant_time_compare(_signature(seq, digest, secret), signature) for secret in secrets)


class AnchorTampered(ValueError):
    pass


def read_anchor(path: Path) -> Anchor | None:
    """The anchored head, None if there is none yet; AnchorTampered if the file is not ours."""
    try:
        raw = json.loads(path.read_text())
        anchor = Anchor(int(raw["seq"]), str(raw["hash"]))
        signature = str(raw["signature"])
    except FileNotFoundError:
        return None
    except (ValueError, KeyError, TypeError) as exc:
        raise AnchorTampered(f"the anchor file {path} cannot be read") from exc
    if not _signed_by_us(anchor.seq, anchor.hash, signature):
        raise AnchorTampered(f"the anchor file {path} was not written by this installation")
    return anchor


def _write(path: Path, anchor: Anchor) -> None:
    body = json.dumps({"seq": anchor.seq, "hash": anchor.hash, "signature": _signature(anchor.seq, anchor.hash)})
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=".audit-anchor-")
    with os.fdopen(fd, "w") as handle:
        handle.write(body)
    os.replace(temporary, path)


def advance_anchor(seq: int, digest: str) -> None:
    """Move the anchor to entry `seq` unless a later entry is already anchored.

    Commits of concurrent writers can reach here out of order; the lock and
    the comparison keep the newest. A failure is logged, never raised: the
    entry itself is already safely committed.
    """
    path = anchor_path()
    if path is None:
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path.with_name(path.name + ".lock"), "a") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                current = read_anchor(path)
            except AnchorTampered:
                current = None  # verify reports it; a tampered file must not stop the anchor moving on
            if current is None or current.seq < seq:
                _write(path, Anchor(seq, digest))
    except OSError:
        logger.exception("could not write the audit anchor")


def reset_anchor(anchor: Anchor | None) -> None:
    """Set the anchor to this head (after a restore: the restored chain is the one to trust now)."""
    path = anchor_path()
    if path is None:
        return
    if anchor is None:
        path.unlink(missing_ok=True)
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    _write(path, anchor)


def check_against_anchor(last: Anchor | None, anchored_entry_hash: str | None) -> list[ChainProblem]:
    """Compare the chain's newest entry and its entry at the anchored position with the anchor.

    `anchored_entry_hash` is the hash the chain holds today at the anchored
    sequence number (None if that entry is gone).
    """
    path = anchor_path()
    if path is None:
        return []
    try:
        anchor = read_anchor(path)
    except AnchorTampered as exc:
        return [ChainProblem(0, str(exc))]
    if anchor is None:
        return []
    last_seq = last.seq if last else 0
    if last_seq < anchor.seq:
        return [
            ChainProblem(
                anchor.seq,
                f"entries {last_seq + 1}..{anchor.seq} were removed from the end of the chain "
                f"(the anchor outside the database records entry {anchor.seq})",
            )
        ]
    if anchored_entry_hash != anchor.hash:
        return [ChainProblem(anchor.seq, "differs from the anchored entry: the chain was rewritten up to here")]
    return []
