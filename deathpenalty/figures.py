"""World figures and yearly tables, computed from statuses and recorded figures."""

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from deathpenalty.classification import History, Status, statuses
from deathpenalty.counts import Count, Total, minimum_total
from deathpenalty.models import ABOLITIONIST, Category, Measure, Outcome, SentenceCase, YearlyFigure

FIRST_TREND_YEAR = 1990


@dataclass(frozen=True)
class WorldFigures:
    on: dt.date
    statuses: tuple[Status, ...]
    countries: dict[str, tuple[str, ...]] = field(default_factory=dict)  # category -> iso3s

    @classmethod
    def of(cls, found: list[Status], on: dt.date) -> "WorldFigures":
        by_category: dict[str, list[str]] = defaultdict(list)
        for item in found:
            by_category[item.category].append(item.iso3)
        return cls(on, tuple(found), {k: tuple(sorted(v)) for k, v in by_category.items()})

    def count(self, category: str) -> int:
        return len(self.countries.get(category, ()))

    @property
    def all_crimes(self) -> int:
        return self.count(Category.ALL_CRIMES)

    @property
    def ordinary_crimes(self) -> int:
        return self.count(Category.ORDINARY_CRIMES)

    @property
    def in_practice(self) -> int:
        return self.count(Category.IN_PRACTICE)

    @property
    def abolitionist_total(self) -> int:
        return sum(self.count(c) for c in ABOLITIONIST)

    @property
    def retentionist(self) -> int:
        return self.count(Category.RETENTIONIST)

    @property
    def total(self) -> int:
        return len(self.statuses)

    def as_dict(self) -> dict[str, object]:
        return {
            "on": self.on.isoformat(),
            "all_crimes": self.all_crimes,
            "ordinary_crimes": self.ordinary_crimes,
            "in_practice": self.in_practice,
            "abolitionist_total": self.abolitionist_total,
            "retentionist": self.retentionist,
            "countries_counted": self.total,
            "countries": {str(k): list(v) for k, v in sorted(self.countries.items())},
        }


def world_figures(histories: list[History], on: dt.date) -> WorldFigures:
    return WorldFigures.of(statuses(histories, on), on)


def trend(histories: list[History], first: int = FIRST_TREND_YEAR, last: int | None = None) -> list[WorldFigures]:
    """World figures as of 31 December of each year."""
    last = last or dt.date.today().year
    return [world_figures(histories, dt.date(year, 12, 31)) for year in range(first, last + 1)]


@dataclass(frozen=True)
class YearRow:
    iso3: str
    name: str
    executions: Count | None
    death_sentences: Count | None


@dataclass(frozen=True)
class YearTable:
    """Like an annex of an annual report: recorded executions and death sentences by country."""

    year: int
    rows: tuple[YearRow, ...]
    executions: Total
    death_sentences: Total
    executing_countries: int
    sentencing_countries: int


def _listed_cases(year: int) -> Counter[tuple[int, str]]:
    listed: Counter[tuple[int, str]] = Counter()
    for case in SentenceCase.objects.current():
        if case.sentenced_on.year == year:
            listed[(case.country_id, Measure.DEATH_SENTENCES)] += 1
        if case.outcome == Outcome.EXECUTED and case.outcome_on and case.outcome_on.year == year:
            listed[(case.country_id, Measure.EXECUTIONS)] += 1
    return listed


def year_table(year: int) -> YearTable:
    figures = (
        YearlyFigure.objects.for_year(year)
        .filter(measure__in=[Measure.EXECUTIONS, Measure.DEATH_SENTENCES])
        .select_related("country")
    )
    listed = _listed_cases(year)
    by_country: dict[int, dict[str, Count]] = defaultdict(dict)
    names: dict[int, tuple[str, str]] = {}
    for figure in figures:
        by_country[figure.country_id][figure.measure] = Count(figure.count_kind, figure.number)
        names[figure.country_id] = (figure.country.iso3, figure.country.name)
    rows = sorted(
        (
            YearRow(
                names[pk][0],
                names[pk][1],
                counts.get(Measure.EXECUTIONS),
                counts.get(Measure.DEATH_SENTENCES),
            )
            for pk, counts in by_country.items()
        ),
        key=lambda row: row.name,
    )
    totals = {}
    for measure in (Measure.EXECUTIONS, Measure.DEATH_SENTENCES):
        totals[measure] = minimum_total(
            [
                (names[pk][0], counts[measure], listed[(pk, measure)])
                for pk, counts in by_country.items()
                if measure in counts
            ]
        )
    return YearTable(
        year=year,
        rows=tuple(rows),
        executions=totals[Measure.EXECUTIONS],
        death_sentences=totals[Measure.DEATH_SENTENCES],
        executing_countries=sum(1 for r in rows if r.executions and r.executions.shows_any),
        sentencing_countries=sum(1 for r in rows if r.death_sentences and r.death_sentences.shows_any),
    )
