"""The rules on constructed histories: no database."""

import datetime as dt

from deathpenalty import classification as c
from deathpenalty.models import Category
from rightsdesk.partial_dates import PartialDate

D = dt.date


def fact(kind: str, when: str, label: str = "") -> c.Happening:
    return c.Happening(kind, PartialDate.parse(when), label or f"{kind} {when}", "test source")


def listed(category: str, year: int) -> c.Listing:
    return c.Listing(category, PartialDate.parse(f"{year}-12-31"), "Amnesty International", "list")


def history(*happenings: c.Happening, listings: tuple[c.Listing, ...] = ()) -> c.History:
    return c.History("XXX", "Testland", happenings=happenings, listings=listings)


def category(h: c.History, on: dt.date) -> str:
    return c.status(h, on).category


def test_it_keeps_a_country_that_executes_retentionist() -> None:
    h = history(fact(c.EXECUTION, "2019"))
    assert category(h, D(2021, 6, 1)) == Category.RETENTIONIST


def test_ten_year_boundary_on_both_sides() -> None:
    h = history(fact(c.EXECUTION, "2003-05-10"))
    assert category(h, D(2013, 5, 9)) == Category.RETENTIONIST
    assert category(h, D(2013, 5, 10)) == Category.IN_PRACTICE
    explanation = c.status(h, D(2013, 5, 10)).explanation
    assert "ten-year rule met on 2013-05-10" in explanation


def test_a_year_precision_execution_counts_from_the_end_of_its_year() -> None:
    h = history(fact(c.EXECUTION, "2003"))
    assert category(h, D(2013, 12, 30)) == Category.RETENTIONIST
    assert category(h, D(2013, 12, 31)) == Category.IN_PRACTICE


def test_a_month_precision_abolition_takes_effect_at_the_end_of_its_month() -> None:
    h = history(fact(c.EXECUTION, "1990"), fact(c.ABOLITION_ORDINARY, "2007-05"))
    assert category(h, D(2007, 5, 30)) == Category.IN_PRACTICE
    assert category(h, D(2007, 5, 31)) == Category.ORDINARY_CRIMES
    explanation = c.status(h, D(2008, 1, 1)).explanation
    assert "2007-05" in explanation
    assert "2007-05-01" not in explanation  # no invented day


def test_reinstatement_makes_a_country_retentionist_for_ten_years() -> None:
    h = history(fact(c.EXECUTION, "1980"), fact(c.REINSTATEMENT, "2005-03-01"))
    assert category(h, D(2004, 1, 1)) == Category.IN_PRACTICE
    assert category(h, D(2006, 1, 1)) == Category.RETENTIONIST
    assert category(h, D(2015, 3, 1)) == Category.IN_PRACTICE


def test_abolition_then_reinstatement() -> None:
    h = history(
        fact(c.EXECUTION, "1970"),
        fact(c.ABOLITION_ALL, "1995-06-01"),
        fact(c.REINSTATEMENT, "2010-02-01"),
    )
    assert category(h, D(2000, 1, 1)) == Category.ALL_CRIMES
    s = c.status(h, D(2011, 1, 1))
    assert s.category == Category.RETENTIONIST
    assert "reinstatement" in s.explanation


def test_a_moratorium_with_executions_after_it_is_not_abolition_in_practice() -> None:
    h = history(
        fact(c.EXECUTION, "1995"),
        fact(c.MORATORIUM_DECLARED, "2000-01-01", "moratorium declared on 2000-01-01"),
        fact(c.EXECUTION, "2004"),
    )
    s = c.status(h, D(2010, 12, 31))
    assert s.category == Category.RETENTIONIST
    assert "moratorium declared on 2000-01-01" in s.explanation
    assert "executions despite the moratorium: 2004" in s.explanation
    assert category(h, D(2014, 12, 31)) == Category.IN_PRACTICE


def test_an_assessment_overrides_the_ten_year_rule() -> None:
    h = history(fact(c.EXECUTION, "1991"), fact(c.PRACTICE_ENDED, "2005-01-01", "still executes"))
    s = c.status(h, D(2006, 1, 1))
    assert s.category == Category.RETENTIONIST
    assert "still executes" in s.explanation


def test_a_published_list_is_the_record_on_its_date() -> None:
    # Listed retentionist although the ten-year rule would say otherwise.
    h = history(fact(c.EXECUTION, "1991"), listings=(listed(Category.RETENTIONIST, 2009),))
    assert category(h, D(2009, 12, 31)) == Category.RETENTIONIST


def test_a_published_list_carries_forward_across_an_abolition() -> None:
    h = history(
        fact(c.EXECUTION, "2003"),
        fact(c.ABOLITION_ALL, "2021-12-29", "law signed"),  # in force counts, see next fact
        listings=(listed(Category.ORDINARY_CRIMES, 2020),),
    )
    s = c.status(h, D(2021, 6, 30))
    assert s.category == Category.ORDINARY_CRIMES
    assert "no later fact changes it" in s.explanation
    s = c.status(h, D(2021, 12, 31))
    assert s.category == Category.ALL_CRIMES
    assert "then law signed" in s.explanation


def test_a_published_list_carries_forward_across_an_execution() -> None:
    h = history(
        fact(c.EXECUTION, "1988"),
        fact(c.EXECUTION, "2022-07-25", "execution on 2022-07-25"),
        listings=(listed(Category.IN_PRACTICE, 2020),),
    )
    assert category(h, D(2022, 7, 24)) == Category.IN_PRACTICE
    s = c.status(h, D(2022, 12, 31))
    assert s.category == Category.RETENTIONIST
    assert "then execution on 2022-07-25" in s.explanation


def test_the_ten_year_rule_after_the_last_list_is_explained_but_needs_an_assessment() -> None:
    h = history(fact(c.EXECUTION, "2012"), listings=(listed(Category.RETENTIONIST, 2020),))
    s = c.status(h, D(2023, 6, 1))
    assert s.category == Category.RETENTIONIST
    assert "ten-year rule met on 2022-12-31" in s.explanation
    h = history(
        fact(c.EXECUTION, "2012"),
        fact(c.PRACTICE_ESTABLISHED, "2023-03-01"),
        listings=(listed(Category.RETENTIONIST, 2020),),
    )
    assert category(h, D(2023, 6, 1)) == Category.IN_PRACTICE


def test_the_first_list_is_read_back_unless_a_fact_in_between_contradicts_it() -> None:
    h = history(fact(c.EXECUTION, "1985"), listings=(listed(Category.IN_PRACTICE, 2009),))
    assert category(h, D(2005, 12, 31)) == Category.IN_PRACTICE
    h = history(
        fact(c.EXECUTION, "1985"),
        fact(c.ABOLITION_ALL, "2008"),
        listings=(listed(Category.ALL_CRIMES, 2009),),
    )
    assert category(h, D(2007, 12, 31)) == Category.IN_PRACTICE
    # Listed in practice, but it executed within ten years before the date.
    h = history(fact(c.EXECUTION, "2004"), listings=(listed(Category.IN_PRACTICE, 2009),))
    assert category(h, D(2007, 12, 31)) == Category.RETENTIONIST


def test_a_country_is_not_counted_before_it_is_counted() -> None:
    h = c.History("SSD", "South Sudan", counted_from=D(2011, 7, 9))
    assert c.statuses([h], D(2010, 12, 31)) == []
    assert len(c.statuses([h], D(2011, 12, 31))) == 1


def test_statuses_of_199_countries_for_36_years_are_complete_and_follow_each_history() -> None:
    # The speed of this (≤ 1 s) is measured by `make bench` (dp_status_199_countries_1990_2025),
    # not here: a timed test fails on a busy machine for reasons that are not the code's.
    histories = [
        history(
            fact(c.EXECUTION, str(1980 + i % 40)),
            fact(c.ABOLITION_ORDINARY, str(1990 + i % 30)),
            fact(c.MORATORIUM_DECLARED, "2000"),
            listings=tuple(listed(Category.RETENTIONIST, y) for y in range(2009, 2021)),
        )
        for i in range(199)
    ]
    by_year = {year: c.statuses(histories, D(year, 12, 31)) for year in range(1990, 2026)}
    assert all(len(found) == 199 for found in by_year.values())
    # The whole-world computation answers, for each country, what the rule says of that country alone.
    for year in (1990, 2005, 2015, 2025):
        assert [s.category for s in by_year[year]] == [category(h, D(year, 12, 31)) for h in histories]
