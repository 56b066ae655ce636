"""A country's category on a date, computed from its facts, with the reasons.

Pure functions over `History` values (built from the database by
`deathpenalty.histories`); nothing here touches the database.

The rules, in the order they are tried:

1. A trusted body's published list is the record on its date. After the
   latest list on or before the date, the listed category carries forward
   and changes only through later facts: an abolition or reinstatement in
   force, an execution (ends abolition in practice), or a new assessment. When
   the ten-year rule is met after the list, the explanation says so, but the
   category stays as listed until an assessment records the practice.
2. Before the first list, the first list's category is carried back unless a
   fact between the date and the list changes it: a law change or assessment
   dated in between, an execution in between, or — for a country listed as
   abolitionist in practice — an execution within ten years before the date.
3. Otherwise the category follows from the facts alone: the law in force
   (abolition for all crimes, for ordinary crimes, reinstatement), then the
   latest assessment if it is newer than the last execution, then the
   ten-year rule.

Dates: a fact known only to a month or a year takes effect on the last day of
that period, the first day on which it is certainly true; nothing is ever
placed on an invented day in what is shown. The ten-year rule is met on the
tenth anniversary of the later of the last execution and the last
reinstatement (an execution in "2003" meets it on 31 December 2013).
"""

import bisect
import calendar
import datetime as dt
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from deathpenalty.models import Category
from rightsdesk.partial_dates import PartialDate, Precision

TEN_YEARS = 10

# Kinds of Happening.
ABOLITION_ALL = "abolition_all"
ABOLITION_ORDINARY = "abolition_ordinary"
REINSTATEMENT = "reinstatement"
EXECUTION = "execution"
PRACTICE_ESTABLISHED = "practice_established"
PRACTICE_ENDED = "practice_ended"
MORATORIUM_DECLARED = "moratorium_declared"
MORATORIUM_LIFTED = "moratorium_lifted"
LAW_SIGNED = "law_signed"

LAW_CHANGES = frozenset({ABOLITION_ALL, ABOLITION_ORDINARY, REINSTATEMENT})
ASSESSMENTS = frozenset({PRACTICE_ESTABLISHED, PRACTICE_ENDED})
DECIDING = LAW_CHANGES | ASSESSMENTS | {EXECUTION}


def effective_day(date: PartialDate) -> dt.date:
    """The last day of a partial date's period: when the fact is certainly true."""
    value = date.value
    if date.precision == Precision.YEAR:
        return dt.date(value.year, 12, 31)
    if date.precision == Precision.MONTH:
        return dt.date(value.year, value.month, calendar.monthrange(value.year, value.month)[1])
    return value


def add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


@dataclass(frozen=True)
class Happening:
    """A dated fact the rules read."""

    kind: str
    date: PartialDate
    label: str
    source: str = ""

    @property
    def on(self) -> dt.date:
        return effective_day(self.date)


@dataclass(frozen=True)
class Listing:
    """A country's category in a published list as of a date."""

    category: str
    date: PartialDate
    body: str
    source: str = ""

    @property
    def on(self) -> dt.date:
        return effective_day(self.date)


@dataclass(frozen=True)
class History:
    iso3: str
    name: str
    happenings: tuple[Happening, ...] = ()
    listings: tuple[Listing, ...] = ()
    counted_from: dt.date | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "happenings", tuple(sorted(self.happenings, key=_happening_key)))
        object.__setattr__(self, "listings", tuple(sorted(self.listings, key=lambda x: x.on)))
        object.__setattr__(self, "_listing_days", [x.on for x in self.listings])
        object.__setattr__(self, "_days", [h.on for h in self.happenings])

    def counted_on(self, on: dt.date) -> bool:
        return self.counted_from is None or self.counted_from <= on

    def up_to(self, on: dt.date) -> tuple[Happening, ...]:
        return self.happenings[: bisect.bisect_right(self._days, on)]  # type: ignore[attr-defined]

    def between(self, after: dt.date, until: dt.date) -> tuple[Happening, ...]:
        """Happenings with after < on <= until."""
        lo = bisect.bisect_right(self._days, after)  # type: ignore[attr-defined]
        hi = bisect.bisect_right(self._days, until)  # type: ignore[attr-defined]
        return self.happenings[lo:hi]

    def listing_before(self, on: dt.date) -> Listing | None:
        index = bisect.bisect_right(self._listing_days, on)  # type: ignore[attr-defined]
        return self.listings[index - 1] if index else None

    def listing_after(self, on: dt.date) -> Listing | None:
        index = bisect.bisect_right(self._listing_days, on)  # type: ignore[attr-defined]
        return self.listings[index] if index < len(self.listings) else None


def _happening_key(happening: Happening) -> tuple[dt.date, int]:
    # On the same day a law change is read before an execution or assessment.
    order = 0 if happening.kind in LAW_CHANGES else 1
    return (happening.on, order)


@dataclass(frozen=True)
class Reason:
    text: str
    source: str = ""


@dataclass(frozen=True)
class Status:
    iso3: str
    on: dt.date
    category: str
    reasons: tuple[Reason, ...] = field(default_factory=tuple)

    @property
    def explanation(self) -> str:
        return "; ".join(reason.text for reason in self.reasons)

    @property
    def label(self) -> str:
        return str(Category(self.category).label)


def status(history: History, on: dt.date) -> Status:
    """The category of one country on one date, and why."""
    reasons: list[Reason] = []
    listing = history.listing_before(on)
    if listing is not None:
        reasons.append(_listed(listing))
        category = _carry_forward(history, listing.category, listing.on, on, reasons)
    else:
        following = history.listing_after(on)
        undone = _why_not_carried_back(history, following, on) if following else None
        if following is not None and undone is None:
            reasons.append(
                Reason(
                    _("%(body)s listed it as “%(category)s” as of %(date)s; no fact before then changes it")
                    % {
                        "body": following.body,
                        "category": Category(following.category).label,
                        "date": following.date.iso(),
                    },
                    following.source,
                )
            )
            category = following.category
        else:
            if undone is not None:
                reasons.append(undone)
            category = _by_rules(history, on, reasons)
    _add_context(history, on, category, reasons)
    unique = tuple(dict.fromkeys(reasons))
    return Status(history.iso3, on, category, unique)


def _listed(listing: Listing) -> Reason:
    return Reason(
        _("%(body)s list as of %(date)s: “%(category)s”")
        % {
            "body": listing.body,
            "date": listing.date.iso(),
            "category": Category(listing.category).label,
        },
        listing.source,
    )


def _carry_forward(history: History, category: str, since: dt.date, on: dt.date, reasons: list[Reason]) -> str:
    changed = False
    for happening in history.between(since, on):
        new = _apply(category, happening)
        if new != category:
            changed = True
            reasons.append(
                Reason(
                    _("then %(fact)s: now “%(category)s”") % {"fact": happening.label, "category": Category(new).label},
                    happening.source,
                )
            )
            category = new
    if not changed and on > since:
        reasons.append(Reason(_("no later fact changes it")))
    if category == Category.RETENTIONIST:
        met = _ten_year_rule_met_on(history, on)
        if met is not None and since < met <= on:
            reasons.append(
                Reason(
                    _(
                        "ten-year rule met on %(date)s, but no assessment records a practice "
                        "of not executing: it stays as listed"
                    )
                    % {"date": met.isoformat()}
                )
            )
    return category


def _apply(category: str, happening: Happening) -> str:
    kind = happening.kind
    if kind == ABOLITION_ALL:
        return Category.ALL_CRIMES
    if kind == ABOLITION_ORDINARY and category != Category.ALL_CRIMES:
        return Category.ORDINARY_CRIMES
    if kind == REINSTATEMENT:
        return Category.RETENTIONIST
    if kind in (EXECUTION, PRACTICE_ENDED) and category == Category.IN_PRACTICE:
        return Category.RETENTIONIST
    if kind == PRACTICE_ESTABLISHED and category == Category.RETENTIONIST:
        return Category.IN_PRACTICE
    return category


def _why_not_carried_back(history: History, following: Listing, on: dt.date) -> Reason | None:
    for happening in history.between(on, following.on):
        if happening.kind in LAW_CHANGES | ASSESSMENTS or (
            happening.kind == EXECUTION and following.category == Category.IN_PRACTICE
        ):
            return Reason(
                _("the %(date)s list cannot be read back past %(fact)s")
                % {"date": following.date.iso(), "fact": happening.label},
                happening.source,
            )
    if following.category == Category.IN_PRACTICE:
        met = _ten_year_rule_met_on(history, on)
        last = _last(history, on, {EXECUTION, REINSTATEMENT})
        if last is not None and (met is None or met > on):
            return Reason(
                _("the %(date)s list cannot be read back past %(fact)s: ten years had not passed")
                % {"date": following.date.iso(), "fact": last.label},
                last.source,
            )
    return None


def _by_rules(history: History, on: dt.date, reasons: list[Reason]) -> str:
    law: str | None = None
    for happening in history.up_to(on):
        if happening.kind == ABOLITION_ALL:
            law = Category.ALL_CRIMES
            reasons.append(Reason(happening.label, happening.source))
        elif happening.kind == ABOLITION_ORDINARY and law != Category.ALL_CRIMES:
            law = Category.ORDINARY_CRIMES
            reasons.append(Reason(happening.label, happening.source))
        elif happening.kind == REINSTATEMENT:
            law = None
            reasons.append(Reason(happening.label, happening.source))
    if law is not None:
        return law
    last = _last(history, on, {EXECUTION, REINSTATEMENT})
    assessment = _last(history, on, ASSESSMENTS)
    if assessment is not None and (last is None or assessment.on >= last.on):
        reasons.append(Reason(assessment.label, assessment.source))
        if assessment.kind == PRACTICE_ESTABLISHED:
            return Category.IN_PRACTICE
        return Category.RETENTIONIST
    if last is None:
        later = [h for h in history.happenings if h.kind == EXECUTION and h.on > on]
        if later:
            reasons.append(
                Reason(
                    _("executions are on record only after this date (%(date)s): the ten-year rule cannot be shown")
                    % {"date": later[0].date.iso()}
                )
            )
            return Category.RETENTIONIST
        reasons.append(Reason(_("no execution on record and no assessment to the contrary")))
        return Category.IN_PRACTICE
    met = add_years(last.on, TEN_YEARS)
    if met <= on:
        reasons.append(
            Reason(
                _("%(fact)s; ten-year rule met on %(date)s") % {"fact": last.label, "date": met.isoformat()},
                last.source,
            )
        )
        return Category.IN_PRACTICE
    reasons.append(
        Reason(
            _("%(fact)s; ten-year rule not met before %(date)s") % {"fact": last.label, "date": met.isoformat()},
            last.source,
        )
    )
    return Category.RETENTIONIST


def _last(history: History, on: dt.date, kinds: set[str] | frozenset[str]) -> Happening | None:
    """The latest happening of these kinds; of two records of it ("2003" and
    "2003-11"), the more precise one."""
    found: Happening | None = None
    for happening in reversed(history.up_to(on)):
        if happening.kind not in kinds:
            continue
        if found is None or (
            happening.kind == found.kind
            and found.date.value <= happening.date.value
            and _RANK[happening.date.precision] > _RANK[found.date.precision]
        ):
            found = happening
        elif happening.on < found.date.value:
            break
    return found


# Keyed by str: precisions are read back from the database as plain strings.
_RANK: dict[str, int] = {Precision.YEAR: 0, Precision.MONTH: 1, Precision.DAY: 2}


def _law_in_force(history: History, on: dt.date) -> Happening | None:
    """The earliest fact of the latest run of same-kind law changes: 'since when'."""
    current: Happening | None = None
    for happening in history.up_to(on):
        if happening.kind in LAW_CHANGES and (current is None or current.kind != happening.kind):
            current = happening
    return current


def _ten_year_rule_met_on(history: History, on: dt.date) -> dt.date | None:
    last = _last(history, on, {EXECUTION, REINSTATEMENT})
    return add_years(last.on, TEN_YEARS) if last is not None else None


def _add_context(history: History, on: dt.date, category: str, reasons: list[Reason]) -> None:
    """Facts that do not decide the category but explain it."""
    mentioned = " ".join(reason.text for reason in reasons)
    law = _law_in_force(history, on)
    if law is not None and law.label not in mentioned:
        reasons.append(Reason(_("law: %(fact)s") % {"fact": law.label}, law.source))
    last_execution = _last(history, on, {EXECUTION})
    if last_execution is not None and last_execution.label not in mentioned:
        reasons.append(
            Reason(
                _("last execution on record: %(date)s") % {"date": last_execution.date.iso()},
                last_execution.source,
            )
        )
    moratorium = _last(history, on, {MORATORIUM_DECLARED, MORATORIUM_LIFTED})
    if moratorium is not None and moratorium.kind == MORATORIUM_DECLARED and category != Category.ALL_CRIMES:
        after = [h for h in history.between(moratorium.on, on) if h.kind == EXECUTION]
        reasons.append(Reason(moratorium.label, moratorium.source))
        if after:
            reasons.append(
                Reason(
                    _("executions despite the moratorium: %(date)s") % {"date": after[-1].date.iso()},
                    after[-1].source,
                )
            )
    signed = _last(history, on, {LAW_SIGNED})
    if signed is not None:
        in_force_after = [h for h in history.up_to(on) if h.kind in LAW_CHANGES and h.on >= signed.on]
        if not in_force_after:
            reasons.append(
                Reason(
                    _("%(fact)s, not yet in force on this date") % {"fact": signed.label},
                    signed.source,
                )
            )


def statuses(histories: list[History], on: dt.date) -> list[Status]:
    """Statuses of the countries counted on a date."""
    return [status(history, on) for history in histories if history.counted_on(on)]
