"""Counts shared by everyone in an office, kept between requests until the records change.

The "counts" cache lives in files under var/, so every worker process sees
the same entries. Every key includes a version number that the casework
actions raise, once their transaction has committed, whenever a consultation
or a case changes; a raised version makes every earlier entry unreachable.
Entries also expire after ten minutes, as a safety net for a change made
outside those actions (for example directly in the database).
"""

from collections.abc import Callable

from django.core.cache import caches
from django.db import transaction

_VERSION_KEY = "casework-counts-version"
TIMEOUT_SECONDS = 600


def _version() -> int:
    cache = caches["counts"]
    version = cache.get(_VERSION_KEY)
    if version is None:
        cache.add(_VERSION_KEY, 1, timeout=None)
        version = cache.get(_VERSION_KEY, 1)
    return int(version)


def cached[T](key: tuple[object, ...], compute: Callable[[], T]) -> T:
    full_key = ":".join(str(part) for part in (_version(), *key))
    found = caches["counts"].get_or_set(full_key, compute, timeout=TIMEOUT_SECONDS)
    return compute() if found is None else found  # type: ignore[no-any-return]


def _raise_version() -> None:
    cache = caches["counts"]
    try:
        cache.incr(_VERSION_KEY)
    except ValueError:  # not set yet, or evicted: any new value differs from what entries were made under
        cache.set(_VERSION_KEY, _version() + 1, timeout=None)


def records_changed() -> None:
    """Call inside the transaction that changes consultations or cases; takes effect when it commits."""
    transaction.on_commit(_raise_version)
