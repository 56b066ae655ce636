"""Dates known to a year, a month or a day.

Human rights records are often dated "in 2003" or "March 2016". Such a date
is stored as its first day plus its precision and shown only as precisely as
it is known; no day is ever invented for display or export.
"""

import datetime as dt
import re
from dataclasses import dataclass

from django.db import models
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _


class Precision(models.TextChoices):
    YEAR = "year", _("year")
    MONTH = "month", _("month")
    DAY = "day", _("day")


_PATTERNS = [
    (re.compile(r"^(\d{4})$"), Precision.YEAR),
    (re.compile(r"^(\d{4})-(\d{1,2})$"), Precision.MONTH),
    (re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$"), Precision.DAY),
    (re.compile(r"^(\d{1,2})\.(\d{4})$"), Precision.MONTH),
    (re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$"), Precision.DAY),
]


class PartialDateError(ValueError):
    pass


@dataclass(frozen=True, order=True)
class PartialDate:
    value: dt.date
    precision: str = Precision.DAY

    @classmethod
    def parse(cls, text: str) -> "PartialDate":
        """Read 2003, 2016-03, 2016-03-05, 03.2016 or 05.03.2016."""
        cleaned = text.strip()
        for pattern, precision in _PATTERNS:
            match = pattern.match(cleaned)
            if not match:
                continue
            parts = [int(p) for p in match.groups()]
            if "." in cleaned:
                parts.reverse()  # dd.mm.yyyy → yyyy, mm, dd
            year, month, day = ([*parts, 1, 1])[:3]
            try:
                return cls(dt.date(year, month, day), precision)
            except ValueError as exc:
                raise PartialDateError(_("%(text)s is not a real date.") % {"text": text}) from exc
        raise PartialDateError(
            _("Write the date as YYYY, YYYY-MM or YYYY-MM-DD (or DD.MM.YYYY), not %(text)s.") % {"text": text}
        )

    @classmethod
    def from_fields(cls, value: dt.date | None, precision: str) -> "PartialDate | None":
        if value is None:
            return None
        return cls(value, precision or Precision.DAY)

    def iso(self) -> str:
        """The date as precisely as it is known, in ISO 8601: 2003, 2016-03, 2016-03-05."""
        if self.precision == Precision.YEAR:
            return f"{self.value.year:04d}"
        if self.precision == Precision.MONTH:
            return f"{self.value.year:04d}-{self.value.month:02d}"
        return self.value.isoformat()

    def display(self) -> str:
        if self.precision == Precision.YEAR:
            return str(self.value.year)
        if self.precision == Precision.MONTH:
            return date_format(self.value, "YEAR_MONTH_FORMAT")
        return date_format(self.value, "DATE_FORMAT")

    def __str__(self) -> str:
        return self.iso()
