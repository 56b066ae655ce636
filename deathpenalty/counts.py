"""Monitors' counts and the rule that turns them into minimum totals.

A recorded figure is one of: an exact number (`12`), at least N (`12+`),
more than one with the figure unknown (`+`), thousands withheld as a state
secret (`1000s`), or unknown (`unknown`, printed `-` in annual reports).

The minimum rule, used for every total (the same as Amnesty International's
annual report):

- `12` and `12+` count as 12;
- `+` counts as 2, the least number that is "more than one";
- `unknown` counts as 0;
- `1000s` is left out of the number and reported beside it ("plus thousands
  in China"), because no lower figure has been published;
- for a country and year with individual cases on file, the minimum is never
  below the number of those cases.

Totals are therefore minimums: "at least 883" is printed as `883+` whenever a
single country's figure is not exact.
"""

import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

from deathpenalty.models import CountKind

MORE_THAN_ONE_MINIMUM = 2

_NUMBER = re.compile(r"^(\d{1,7})(\+?)$")


class CountError(ValueError):
    pass


@dataclass(frozen=True)
class Count:
    kind: str
    number: int | None = None

    @classmethod
    def parse(cls, text: str) -> "Count":
        cleaned = text.strip()
        if cleaned == "+":
            return cls(CountKind.MORE_THAN_ONE)
        if cleaned.lower() == "1000s":
            return cls(CountKind.THOUSANDS)
        if cleaned.lower() in {"unknown", "-"}:
            return cls(CountKind.UNKNOWN)
        match = _NUMBER.match(cleaned)
        if not match:
            raise CountError(_("%(text)r is not a count: write 12, 12+, +, 1000s or unknown.") % {"text": text})
        number = int(match.group(1))
        return cls(CountKind.AT_LEAST if match.group(2) else CountKind.EXACT, number)

    def text(self) -> str:
        if self.kind == CountKind.EXACT:
            return str(self.number)
        if self.kind == CountKind.AT_LEAST:
            return f"{self.number}+"
        if self.kind == CountKind.MORE_THAN_ONE:
            return "+"
        if self.kind == CountKind.THOUSANDS:
            return "1000s"
        return "unknown"

    @property
    def minimum(self) -> int:
        if self.kind in (CountKind.EXACT, CountKind.AT_LEAST):
            return self.number or 0
        if self.kind == CountKind.MORE_THAN_ONE:
            return MORE_THAN_ONE_MINIMUM
        return 0

    @property
    def is_exact(self) -> bool:
        return self.kind == CountKind.EXACT

    @property
    def shows_any(self) -> bool:
        """True when the figure says at least one happened."""
        return self.kind in (CountKind.MORE_THAN_ONE, CountKind.THOUSANDS) or bool(
            self.kind in (CountKind.EXACT, CountKind.AT_LEAST) and self.number
        )


@dataclass(frozen=True)
class Total:
    """A world or regional minimum total."""

    minimum: int
    exact: bool
    withheld: tuple[str, ...] = ()  # iso3 of countries whose figure is "1000s"

    def text(self) -> str:
        return str(self.minimum) if self.exact else f"{self.minimum}+"


def minimum_total(counts: list[tuple[str, Count, int]]) -> Total:
    """Sum (iso3, figure, listed cases) by the minimum rule of this module."""
    minimum = 0
    exact = True
    withheld: list[str] = []
    for iso3, count, cases in counts:
        if count.kind == CountKind.THOUSANDS:
            withheld.append(iso3)
            exact = False
            continue
        minimum += max(count.minimum, cases)
        if not count.is_exact:
            exact = False
    return Total(minimum, exact, tuple(withheld))
