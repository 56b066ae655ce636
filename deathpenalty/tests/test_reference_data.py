"""The shipped reference data: computed figures equal the published ones."""

import datetime as dt

import pytest
from django.core.management import call_command

from audit.models import AuditEntry
from deathpenalty import actions
from deathpenalty.classification import status
from deathpenalty.figures import trend, world_figures, year_table
from deathpenalty.histories import load_histories
from deathpenalty.loading import Dataset
from deathpenalty.models import Category, Country, LegalEvent, PublishedCount

FIELDS = ("all_crimes", "ordinary_crimes", "in_practice", "abolitionist_total", "retentionist")


def figures_on(on: dt.date):  # type: ignore[no-untyped-def]
    return world_figures(list(load_histories().values()), on)


def test_computed_figures_equal_every_published_count(reference: Dataset) -> None:
    published = list(PublishedCount.objects.all())
    assert [p.year for p in published] == list(range(2007, 2022))
    for count in published:
        computed = figures_on(dt.date(count.year, 12, 31))
        for name in FIELDS:
            expected = getattr(count, name)
            if expected is None:
                continue
            if name in count.at_least:
                assert getattr(computed, name) >= expected, (count.year, name)
            else:
                assert getattr(computed, name) == expected, (count.year, name)


def test_the_figures_the_organisation_quotes_for_2021(reference: Dataset) -> None:
    figures = figures_on(dt.date(2021, 12, 31))
    assert figures.abolitionist_total == 144
    assert figures.retentionist == 55
    assert figures.all_crimes == 108
    assert figures.total == 199


def test_dates_after_the_last_list_are_computed_from_later_facts(reference: Dataset) -> None:
    # No list after 2020: 2022 follows from Kazakhstan's, Sierra Leone's, ... abolitions
    # and Myanmar's executions, and agrees with Amnesty's own end-2022 figures.
    figures = figures_on(dt.date(2022, 12, 31))
    assert (figures.all_crimes, figures.ordinary_crimes, figures.in_practice) == (112, 9, 23)
    assert (figures.abolitionist_total, figures.retentionist) == (144, 55)
    assert "KAZ" in figures.countries[Category.ALL_CRIMES]
    assert "MMR" in figures.countries[Category.RETENTIONIST]


def test_the_counted_countries_change_over_time(reference: Dataset) -> None:
    assert figures_on(dt.date(2010, 12, 31)).total == 197
    assert figures_on(dt.date(2011, 12, 31)).total == 198
    assert figures_on(dt.date(2019, 12, 31)).total == 198
    assert figures_on(dt.date(2020, 12, 31)).total == 199


def test_kazakhstan_story_from_the_facts(reference: Dataset) -> None:
    history = load_histories("KAZ")["KAZ"]
    before = status(history, dt.date(2006, 12, 31))
    assert before.category == Category.RETENTIONIST
    assert "moratorium" in before.explanation
    ordinary = status(history, dt.date(2021, 12, 31))
    assert ordinary.category == Category.ORDINARY_CRIMES
    assert "abolished for ordinary crimes in 2007-05" in ordinary.explanation
    assert "last execution on record: 2003-11" in ordinary.explanation
    assert "abolished for all crimes on 2021-12-29 (law signed), not yet in force" in ordinary.explanation
    abolished = status(history, dt.date(2022, 12, 31))
    assert abolished.category == Category.ALL_CRIMES
    assert "abolished for all crimes in 2022-01 (law in force)" in abolished.explanation
    in_force = LegalEvent.objects.get(country__iso3="KAZ", kind="treaty_in_force")
    assert in_force.partial_date.iso() == "2022-06-24"


def test_loading_twice_changes_nothing(reference: Dataset) -> None:
    entries = AuditEntry.objects.count()
    report = actions.load_reference_data(reference, actor=None)
    assert not report.changed
    assert AuditEntry.objects.count() == entries


def test_the_load_command_reports_and_is_idempotent(db: None, capsys: pytest.CaptureFixture[str]) -> None:
    call_command("deathpenalty", "load", "data/death_penalty")
    assert "countries: 199 created" in capsys.readouterr().out
    call_command("deathpenalty", "load", "data/death_penalty")
    assert "countries: 0 created, 0 updated, 199 unchanged" in capsys.readouterr().out
    assert Country.objects.count() == 199


def test_the_status_and_figures_commands(reference: Dataset, capsys: pytest.CaptureFixture[str]) -> None:
    call_command("deathpenalty", "status", "--on", "2021-12-31", "--format", "csv")
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "iso3,name,category,explanation"
    assert len(lines) == 200
    assert any(line.startswith("KAZ,Kazakhstan,ordinary_crimes,") for line in lines)
    call_command("deathpenalty", "status", "--on", "2021-12-31", "--format", "json")
    assert '"category": "retentionist"' in capsys.readouterr().out
    call_command("deathpenalty", "figures", "--on", "2021-12-31")
    out = capsys.readouterr().out
    assert " 144  abolitionist in law or practice" in out
    assert "  55  retentionist" in out


def test_yearly_table_totals_are_minimums(reference: Dataset) -> None:
    table = year_table(2016)
    assert table.executions.withheld == ("CHN",)
    assert not table.executions.exact
    kaz = next(row for row in table.rows if row.iso3 == "KAZ")
    assert kaz.death_sentences is not None
    assert kaz.death_sentences.text() == "1"
    # Recompute the rule by hand from the rows.
    by_hand = 0
    for row in table.rows:
        count = row.executions
        if count is None or count.kind == "thousands":
            continue
        by_hand += {"exact": count.number, "at_least": count.number, "more_than_one": 2}.get(count.kind, 0) or 0
    assert table.executions.minimum == by_hand


def test_the_whole_trend_covers_every_year_and_every_country(reference: Dataset) -> None:
    # Its speed (≤ 1 s) is measured by `make bench` (dp_status_199_countries_1990_2025), not timed here.
    histories = list(load_histories().values())
    years = trend(histories, 1990, 2025)
    assert [y.on.year for y in years] == list(range(1990, 2026))
    assert all(len(y.statuses) == len(world_figures(histories, y.on).statuses) > 190 for y in years[-5:])
