"""The searches this process recently found to match many records of a kind.

Deciding how to search (search.query.match_condition) reads up to 1,501
matches, and for common words that is the costly part: the database builds
the whole set of matches before handing over the first (national bench,
PostgreSQL: 8-12 ms for two common words or a phrase among a million
consultations, against 7-9 ms for the walk that follows). The same common
words are searched again and again (a surname, "passport", "citizenship"),
so the answer is kept for a while.

What is kept is a hint, never a result: with it the search walks the list
in display order and checks each record for a match, which finds exactly
what starting from the matches finds (search/tests/test_match_strategies.py).
A stale hint (after thousands of records were changed or withdrawn) costs
time, not correctness, and expires. Only "many" is kept: a query with few matches
needs its ids read anyway, and more records can only add matches.

The hint lives in this process's memory only. Its keys are the query's
keyed hashes (as sent to the database), and what people searched for is
not written anywhere.
"""

import threading
import time
from collections import OrderedDict
from collections.abc import Hashable

from django.conf import settings

# A few thousand distinct common queries: a few hundred kilobytes per worker.
KEEP_AT_MOST = 4096


class FrequentSearches:
    """Keys remembered for `seconds` each (None: settings.RIGHTSDESK_SEARCH_HINT_MINUTES), at most `size`."""

    def __init__(self, *, seconds: float | None = None, size: int = KEEP_AT_MOST) -> None:
        self._seconds = seconds
        self.size = size
        self._lock = threading.Lock()
        self._until: OrderedDict[Hashable, float] = OrderedDict()

    def known(self, key: Hashable) -> bool:
        with self._lock:
            until = self._until.get(key)
            if until is None:
                return False
            if until < time.monotonic():
                del self._until[key]
                return False
            self._until.move_to_end(key)
            return True

    @property
    def seconds(self) -> float:
        # Read when used, not at import: the setting is the deployment's (and a test's) to change.
        # The default, 15 minutes, is long enough for a working day's repeated searches to find a hint,
        # short enough that one made stale by mass deletion does not outlive an afternoon.
        if self._seconds is not None:
            return self._seconds
        return float(settings.RIGHTSDESK_SEARCH_HINT_MINUTES) * 60

    def remember(self, key: Hashable) -> None:
        seconds = self.seconds
        if seconds <= 0:
            return
        with self._lock:
            self._until[key] = time.monotonic() + seconds
            self._until.move_to_end(key)
            while len(self._until) > self.size:
                self._until.popitem(last=False)

    def forget(self) -> None:
        with self._lock:
            self._until.clear()


FREQUENT = FrequentSearches()
