"""Reading a folder of reference files (like data/death_penalty/) into facts.

`read_folder` validates every row of every file and returns either a
`Dataset` or the full list of problems, each with its file and line. Writing
(`deathpenalty.actions.load_reference_data`) happens only for a clean
dataset, in one transaction, and is idempotent: rows are matched on their
natural keys and only differences are written.

Files (see data/death_penalty/SOURCES.md):
  legal_facts.csv                     required; defines the set of countries
  countries.csv                       codes outside ISO 3166, names, counted_from
  events.csv                          dated legal events with day/month precision
  assessments.csv                     dated judgements with sources
  cases.csv                           individual death sentences
  published_status.csv                a trusted body's category per country and year
  published_counts.csv                its world counts per year
  published_count_bounds.csv          which published counts are lower bounds
  recorded_executions_sentences.csv   yearly figures: 12, 12+, +, 1000s, unknown
  <country>_timeline.csv              a country's milestones, in words
"""

import csv
import datetime as dt
import gettext
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pycountry
from django.utils.translation import gettext as _

from deathpenalty.counts import Count, CountError
from deathpenalty.models import (
    AssessmentKind,
    Category,
    EventKind,
    Measure,
    Outcome,
    Stage,
    Treaty,
)
from rightsdesk.partial_dates import PartialDate, PartialDateError, Precision

EARLIEST_YEAR = 1500
MAX_SOURCE_LENGTH = 500


@dataclass(frozen=True)
class Problem:
    file: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}"


class InvalidDataset(Exception):
    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"{len(problems)} problem(s)")
        self.problems = problems


@dataclass
class Dataset:
    countries: dict[str, dict[str, Any]] = field(default_factory=dict)
    events: dict[tuple[Any, ...], dict[str, Any]] = field(default_factory=dict)
    figures: dict[tuple[Any, ...], dict[str, Any]] = field(default_factory=dict)
    assessments: dict[tuple[Any, ...], dict[str, Any]] = field(default_factory=dict)
    cases: dict[tuple[Any, ...], dict[str, Any]] = field(default_factory=dict)
    published_counts: dict[int, dict[str, Any]] = field(default_factory=dict)
    timeline: dict[tuple[Any, ...], dict[str, Any]] = field(default_factory=dict)


class _Reader:
    """Collects problems while reading; every row is checked, none is skipped silently."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.problems: list[Problem] = []
        self.today = dt.date.today()
        self.data = Dataset()
        self._seen: dict[tuple[Any, ...], tuple[str, int]] = {}

    def problem(self, file: str, line: int, message: str) -> None:
        self.problems.append(Problem(file, line, message))

    def rows(self, name: str, required: set[str], *, optional: bool = True):  # type: ignore[no-untyped-def]
        path = self.folder / name
        if not path.exists():
            if not optional:
                self.problem(name, 0, _("file is missing"))
            return
        with path.open(newline="", encoding="utf-8") as handle:
            reader = csv.DictReader(handle)
            missing = required - set(reader.fieldnames or [])
            if missing:
                self.problem(name, 1, _("missing columns: %(c)s") % {"c": ", ".join(sorted(missing))})
                return
            for row in reader:
                cleaned = {k: (v or "").strip() for k, v in row.items() if k}
                if len(cleaned.get("source", "")) > MAX_SOURCE_LENGTH:
                    self.problem(name, reader.line_num, _("the source is longer than 500 characters"))
                    continue
                yield reader.line_num, cleaned

    def once(self, key: tuple[Any, ...], file: str, line: int, what: str) -> bool:
        """False (and a problem) when the same fact was already read."""
        if key in self._seen:
            first_file, first_line = self._seen[key]
            self.problem(
                file,
                line,
                _("duplicate %(what)s: already at %(file)s:%(line)s")
                % {"what": what, "file": first_file, "line": first_line},
            )
            return False
        self._seen[key] = (file, line)
        return True

    def country(self, code: str, file: str, line: int) -> str | None:
        if code not in self.data.countries:
            self.problem(file, line, _("unknown country code %(code)r") % {"code": code})
            return None
        return code

    def year(self, text: str, file: str, line: int) -> int | None:
        if not text.isdigit() or not EARLIEST_YEAR <= int(text) <= self.today.year:
            self.problem(file, line, _("%(text)r is not a possible year") % {"text": text})
            return None
        return int(text)

    def date(self, text: str, file: str, line: int) -> PartialDate | None:
        try:
            date = PartialDate.parse(text)
        except PartialDateError as exc:
            self.problem(file, line, str(exc))
            return None
        if date.value.year < EARLIEST_YEAR or date.value > self.today:
            self.problem(file, line, _("%(text)s is not a possible date") % {"text": text})
            return None
        return date

    def choice(self, text: str, choices: Any, file: str, line: int, what: str) -> str | None:
        if text not in choices.values:
            self.problem(
                file,
                line,
                _("%(text)r is not a %(what)s (one of: %(choices)s)")
                % {"text": text, "what": what, "choices": ", ".join(choices.values)},
            )
            return None
        return text


def _names(iso3: str) -> tuple[str, str, str, str]:
    """(iso2, numeric, Russian name, Kazakh name) from pycountry; Kazakh falls back to Russian."""
    record = pycountry.countries.get(alpha_3=iso3)
    if record is None:
        return "", "", "", ""
    names = {}
    for language in ("ru", "kk"):
        try:
            translation = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[language])
            names[language] = translation.gettext(record.name)
        except OSError:
            names[language] = record.name
    ru = names["ru"]
    kk = names["kk"] if names["kk"] != record.name else ru
    return record.alpha_2, record.numeric, ru, kk


def _sources(text: str) -> dict[str, str]:
    """legal_facts.csv sources: 'AI-map; BLOG2013; last:WIKI; op2:WPDL2022' by fact."""
    plain: list[str] = []
    prefixed: dict[str, list[str]] = defaultdict(list)
    for part in (p.strip() for p in text.split(";")):
        if not part:
            continue
        prefix, sep, rest = part.partition(":")
        if sep and prefix in {"last", "op2", "moratorium"}:
            prefixed[prefix].append(rest.strip())
        else:
            plain.append(part)
    base = "; ".join(plain)
    return {
        "abolition": base,
        **{key: "; ".join(values) for key, values in prefixed.items()},
    } | {key: base for key in ("last", "op2", "moratorium") if key not in prefixed}


def _year_date(year: int) -> PartialDate:
    return PartialDate(dt.date(year, 1, 1), Precision.YEAR)


def _event(reader: _Reader, file: str, line: int, **values: Any) -> None:
    date: PartialDate = values.pop("date")
    key = (
        values["iso3"],
        values["kind"],
        values.get("stage", ""),
        values.get("treaty", ""),
        date.value,
        date.precision,
    )
    if reader.once(("event", *key), file, line, _("event")):
        reader.data.events[key] = {
            "stage": "",
            "treaty": "",
            "description": "",
            "note": "",
            **values,
            "date": date.value,
            "date_precision": date.precision,
        }


def _read_countries(reader: _Reader) -> None:
    extra: dict[str, dict[str, str]] = {}
    extra_lines: dict[str, int] = {}
    name = "countries.csv"
    for line, row in reader.rows(name, {"iso3", "name_en", "name_ru", "name_kk", "counted_from", "source"}):
        if len(row["iso3"]) != 3 or not row["iso3"].isalpha() or not row["iso3"].isupper():
            reader.problem(name, line, _("%(code)r is not a three-letter code") % {"code": row["iso3"]})
            continue
        if reader.once(("country-extra", row["iso3"]), name, line, _("country")):
            extra[row["iso3"]] = row
            extra_lines[row["iso3"]] = line
    name = "legal_facts.csv"
    columns = {
        "iso3",
        "name",
        "abolished_all_crimes_year",
        "abolished_ordinary_crimes_year",
        "last_execution_year",
        "moratorium_since_year",
        "notes",
        "source",
        "op2_iccpr_year",
    }
    facts: list[tuple[int, dict[str, str]]] = []
    for line, row in reader.rows(name, columns, optional=False):
        code = row["iso3"]
        row_extra = extra.get(code, {})
        if pycountry.countries.get(alpha_3=code) is None and not row_extra:
            reader.problem(name, line, _("unknown country code %(code)r") % {"code": code})
            continue
        if not row["name"]:
            reader.problem(name, line, _("the name is empty"))
            continue
        if not reader.once(("country", code), name, line, _("country")):
            continue
        iso2, numeric, ru, kk = _names(code)
        counted_from = None
        if row_extra.get("counted_from"):
            parsed = reader.date(row_extra["counted_from"], "countries.csv", extra_lines[code])
            counted_from = parsed.value if parsed else None
        reader.data.countries[code] = {
            "iso2": iso2,
            "numeric": numeric,
            "name_en": row_extra.get("name_en") or row["name"],
            "name_ru": row_extra.get("name_ru") or ru or row["name"],
            "name_kk": row_extra.get("name_kk") or kk or ru or row["name"],
            "counted_from": counted_from,
            "counted_from_source": row_extra.get("source", "") if counted_from else "",
            "notes": row["notes"],
        }
        facts.append((line, row))
    for code, line in extra_lines.items():
        if code not in reader.data.countries:
            reader.problem("countries.csv", line, _("%(code)s is not in legal_facts.csv") % {"code": code})
    for line, row in facts:
        _read_legal_facts_row(reader, name, line, row)


def _read_legal_facts_row(reader: _Reader, name: str, line: int, row: dict[str, str]) -> None:
    code = row["iso3"]
    sources = _sources(row["source"])
    plan = [
        ("abolished_all_crimes_year", EventKind.ABOLITION_ALL, "", "abolition", ""),
        ("abolished_ordinary_crimes_year", EventKind.ABOLITION_ORDINARY, "", "abolition", ""),
        ("last_execution_year", EventKind.EXECUTION, "", "last", "last known execution"),
        ("moratorium_since_year", EventKind.MORATORIUM_DECLARED, "", "moratorium", ""),
        ("op2_iccpr_year", EventKind.TREATY_RATIFICATION, Treaty.OP2_ICCPR, "op2", ""),
    ]
    for column, kind, treaty, source_key, description in plan:
        if not row[column]:
            continue
        year = reader.year(row[column], name, line)
        if year is None:
            continue
        source = sources[source_key]
        if not source:
            reader.problem(name, line, _("%(column)s has no source") % {"column": column})
            continue
        _event(
            reader,
            name,
            line,
            iso3=code,
            kind=kind,
            treaty=treaty,
            date=_year_date(year),
            description=description,
            source=f"{name}: {source}",
        )


def _read_events(reader: _Reader) -> None:
    name = "events.csv"
    for line, row in reader.rows(name, {"iso3", "kind", "stage", "treaty", "date", "description", "source"}):
        code = reader.country(row["iso3"], name, line)
        kind = reader.choice(row["kind"], EventKind, name, line, _("kind of event"))
        stage = row["stage"] and reader.choice(row["stage"], Stage, name, line, _("stage"))
        treaty = row["treaty"] and reader.choice(row["treaty"], Treaty, name, line, _("treaty"))
        date = reader.date(row["date"], name, line)
        if not row["source"]:
            reader.problem(name, line, _("the source is empty"))
            continue
        if None in (code, kind, stage, treaty, date):
            continue
        _event(
            reader,
            name,
            line,
            iso3=code,
            kind=kind,
            stage=stage,
            treaty=treaty,
            date=date,
            description=row["description"],
            source=row["source"],
        )


def _assessment(reader: _Reader, file: str, line: int, **values: Any) -> None:
    date: PartialDate = values.pop("date")
    key = (values["iso3"], values["kind"], date.value, values["body"])
    if reader.once(("assessment", *key), file, line, _("assessment")):
        reader.data.assessments[key] = {
            "note": "",
            **values,
            "date": date.value,
            "date_precision": date.precision,
        }


def _read_assessments(reader: _Reader) -> None:
    name = "assessments.csv"
    for line, row in reader.rows(name, {"iso3", "kind", "category", "date", "body", "source", "note"}):
        code = reader.country(row["iso3"], name, line)
        kind = reader.choice(row["kind"], AssessmentKind, name, line, _("kind of assessment"))
        category = row["category"] and reader.choice(row["category"], Category, name, line, _("category"))
        date = reader.date(row["date"], name, line)
        if kind == AssessmentKind.PUBLISHED_CATEGORY and not row["category"]:
            reader.problem(name, line, _("a published category needs a category"))
            continue
        if not row["source"] or not row["body"]:
            reader.problem(name, line, _("the source and the body are required"))
            continue
        if None in (code, kind, category, date):
            continue
        _assessment(
            reader,
            name,
            line,
            iso3=code,
            kind=kind,
            category=category,
            date=date,
            body=row["body"],
            source=row["source"],
            note=row["note"],
        )
    name = "published_status.csv"
    for line, row in reader.rows(name, {"iso3", "year", "category", "source"}):
        code = reader.country(row["iso3"], name, line)
        year = reader.year(row["year"], name, line)
        category = reader.choice(row["category"], Category, name, line, _("category"))
        if not row["source"]:
            reader.problem(name, line, _("the source is empty"))
            continue
        if None in (code, year, category):
            continue
        assert year is not None
        _assessment(
            reader,
            name,
            line,
            iso3=code,
            kind=AssessmentKind.PUBLISHED_CATEGORY,
            category=category,
            date=PartialDate(dt.date(year, 12, 31), Precision.DAY),
            body=row["source"].split(",")[0].strip(),
            source=f"{name}: {row['source']}",
        )


_COUNT_FIELDS = ("all_crimes", "ordinary_crimes", "in_practice", "abolitionist_total", "retentionist")


def _read_published_counts(reader: _Reader) -> None:
    name = "published_counts.csv"
    for line, row in reader.rows(name, {"year", "source", *_COUNT_FIELDS}):
        year = reader.year(row["year"], name, line)
        values: dict[str, Any] = {"source": row["source"], "at_least": []}
        bad = False
        for column in _COUNT_FIELDS:
            if row[column] and not row[column].isdigit():
                reader.problem(name, line, _("%(column)s is not a number") % {"column": column})
                bad = True
            values[column] = int(row[column]) if row[column].isdigit() else None
        if year is None or bad or not reader.once(("count", year), name, line, _("year")):
            continue
        reader.data.published_counts[year] = values
    name = "published_count_bounds.csv"
    for line, row in reader.rows(name, {"year", "field", "source"}):
        year = reader.year(row["year"], name, line)
        if row["field"] not in _COUNT_FIELDS:
            reader.problem(name, line, _("%(field)r is not a count") % {"field": row["field"]})
            continue
        if year is None:
            continue
        if year not in reader.data.published_counts:
            reader.problem(name, line, _("no published counts for %(year)s") % {"year": year})
            continue
        reader.data.published_counts[year]["at_least"].append(row["field"])


def _read_figures(reader: _Reader) -> dict[tuple[Any, ...], int]:
    name = "recorded_executions_sentences.csv"
    lines: dict[tuple[Any, ...], int] = {}
    for line, row in reader.rows(name, {"iso3", "year", "executions", "death_sentences"}):
        code = reader.country(row["iso3"], name, line)
        year = reader.year(row["year"], name, line)
        counts = {}
        bad = False
        for measure in (Measure.EXECUTIONS, Measure.DEATH_SENTENCES):
            if not row[measure.value]:
                continue  # an empty cell, like a missing row, means nothing was recorded
            try:
                counts[measure] = Count.parse(row[measure.value])
            except CountError as exc:
                reader.problem(name, line, f"{measure.value}: {exc}")
                bad = True
        if code is None or year is None or bad:
            continue
        if not reader.once(("figures", code, year), name, line, _("country and year")):
            continue
        for measure, count in counts.items():
            key = (code, year, measure.value)
            lines[key] = line
            reader.data.figures[key] = {
                "count_kind": count.kind,
                "number": count.number,
                "source": "AI-map (Amnesty International, recorded executions and death sentences)",
            }
    return lines


def _read_cases(reader: _Reader, figure_lines: dict[tuple[Any, ...], int]) -> None:
    name = "cases.csv"
    listed: Counter[tuple[Any, ...]] = Counter()
    columns = {"iso3", "person", "court", "crime", "sentenced", "outcome", "outcome_date", "source"}
    for line, row in reader.rows(name, columns):
        code = reader.country(row["iso3"], name, line)
        sentenced = reader.date(row["sentenced"], name, line)
        outcome = reader.choice(row["outcome"], Outcome, name, line, _("outcome"))
        outcome_date = reader.date(row["outcome_date"], name, line) if row["outcome_date"] else None
        if not row["person"] or not row["source"]:
            reader.problem(name, line, _("the person and the source are required"))
            continue
        if None in (code, sentenced, outcome) or (row["outcome_date"] and outcome_date is None):
            continue
        assert sentenced is not None
        key = (code, row["person"], sentenced.value)
        if not reader.once(("case", *key), name, line, _("case")):
            continue
        reader.data.cases[key] = {
            "court": row["court"],
            "crime": row["crime"],
            "sentenced_precision": sentenced.precision,
            "outcome": outcome,
            "outcome_on": outcome_date.value if outcome_date else None,
            "outcome_precision": outcome_date.precision if outcome_date else "",
            "source": row["source"],
        }
        listed[(code, sentenced.value.year, Measure.DEATH_SENTENCES.value)] += 1
        measure = {
            Outcome.EXECUTED: Measure.EXECUTIONS,
            Outcome.COMMUTED: Measure.COMMUTATIONS,
            Outcome.PARDONED: Measure.PARDONS,
            Outcome.EXONERATED: Measure.EXONERATIONS,
        }.get(outcome)  # type: ignore[call-overload]
        if measure and outcome_date:
            listed[(code, outcome_date.value.year, measure.value)] += 1
    for key, cases in listed.items():
        figure = reader.data.figures.get(key)
        if figure and figure["count_kind"] == "exact" and figure["number"] < cases:
            reader.problem(
                "recorded_executions_sentences.csv",
                figure_lines[key],
                _("%(measure)s %(year)s for %(code)s is %(n)s, below the %(cases)s case(s) listed in cases.csv")
                % {"measure": key[2], "year": key[1], "code": key[0], "n": figure["number"], "cases": cases},
            )


def _read_timelines(reader: _Reader) -> None:
    by_name = {values["name_en"].lower(): code for code, values in reader.data.countries.items()}
    for path in sorted(reader.folder.glob("*_timeline.csv")):
        name = path.name
        stem = path.stem.removesuffix("_timeline").replace("_", " ").lower()
        code = by_name.get(stem) or (stem.upper() if stem.upper() in reader.data.countries else None)
        if code is None:
            reader.problem(name, 0, _("no country named %(name)r") % {"name": stem})
            continue
        for line, row in reader.rows(name, {"date", "event", "detail", "source"}):
            start_text, _sep, end_text = row["date"].partition("/")
            start = reader.date(start_text, name, line)
            end = reader.date(end_text, name, line) if end_text else None
            if not row["event"] or not row["source"]:
                reader.problem(name, line, _("the event and the source are required"))
                continue
            if start is None or (end_text and end is None):
                continue
            key = (code, start.value, start.precision, row["event"])
            if reader.once(("timeline", *key), name, line, _("timeline entry")):
                reader.data.timeline[key] = {
                    "date_end": end.value if end else None,
                    "date_end_precision": end.precision if end else "",
                    "detail": row["detail"],
                    "source": row["source"],
                }


def read_folder(folder: Path | str) -> Dataset:
    """Validate every file; raise InvalidDataset listing every bad row."""
    reader = _Reader(Path(folder))
    if not reader.folder.is_dir():
        raise InvalidDataset([Problem(str(folder), 0, _("not a folder"))])
    _read_countries(reader)
    _read_events(reader)
    _read_assessments(reader)
    _read_published_counts(reader)
    figure_lines = _read_figures(reader)
    _read_cases(reader, figure_lines)
    _read_timelines(reader)
    if reader.problems:
        raise InvalidDataset(reader.problems)
    return reader.data
