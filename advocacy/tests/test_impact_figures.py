"""Every figure of the impact report on a constructed year (see conftest.world) whose answers are known."""

import datetime as dt
from typing import Any

import pytest

from accounts.testing import as_user
from advocacy import impact
from advocacy.tests.conftest import YEAR_2025

pytestmark = pytest.mark.django_db


def report(reader: Any, office: Any = None, period: tuple[dt.date, dt.date] = YEAR_2025) -> impact.ImpactReport:
    return impact.build(impact.Scope(reader, period[0], period[1], office))


def values(built: impact.ImpactReport) -> dict[str, int | None]:
    return {figure.key: figure.value for _section, _row, figure in built.figures()}


def test_it_counts_people_helped_and_consultations_within_the_readers_access(world: Any, alice: Any) -> None:
    got = values(report(alice))
    assert got["consultations"] == 4  # Almaty's four of 2025; not 2024's, not Karaganda's
    assert got["persons"] == 2  # one person came twice, one consultation was anonymous
    assert got["consultations/group/stateless"] == 2
    assert got["persons/group/stateless"] == 1
    assert got["consultations/group/journalist"] == 1
    assert got["persons/group/journalist"] == 1
    assert got["consultations/group/asylum-seeker"] == 1
    assert got["persons/group/asylum-seeker"] == 0
    assert got["consultations/legal_area/citizenship"] == 3
    assert got["consultations/legal_area/expression"] == 1
    assert got["consultations/region/almaty-city"] == 4
    assert got["persons/region/almaty-city"] == 2
    assert "consultations/region/karaganda" not in got  # rows with nothing are left out


def test_the_command_line_counts_the_whole_organisation(world: Any) -> None:
    got = values(report(None))
    assert got["consultations"] == 5
    assert got["persons"] == 3
    assert got["consultations/region/karaganda"] == 1
    assert got["cases.opened"] == 5
    assert got["cases.pending"] == 3


def test_it_counts_cases_opened_won_lost_and_pending(world: Any, alice: Any) -> None:
    got = values(report(alice))
    assert got["cases.opened"] == 4  # c1, c3, c5, c6
    assert got["cases.won"] == 2  # c1 won, c6 views adopted by a UN body
    assert got["cases.partly_won"] == 0  # c5 is closed only in 2026
    assert got["cases.lost"] == 1  # c2, opened in 2024
    assert got["cases.closed_other"] == 0
    assert got["cases.pending"] == 2  # c3 open, c5 still open on 31 December


def test_it_counts_strategic_cases_and_their_outcomes(world: Any, alice: Any, charlie: Any) -> None:
    got = values(report(alice))
    assert got["strategic"] == 2  # c1 and c3; c4 closed in 2024
    assert got["strategic/outcome/won"] == 1
    assert values(report(charlie))["strategic"] == 0


def test_it_counts_violations_documented_and_published_and_missions(world: Any, mona: Any, alice: Any) -> None:
    got = values(report(mona))
    assert got["events"] == 2
    assert got["acts"] == 3
    assert got["published"] == 2  # published in 2025, one about a 2024 event
    assert got["missions"] == 1
    assert got["observations"] == 2
    seen_by_a_lawyer = values(report(alice))
    assert seen_by_a_lawyer["events"] == 0
    assert seen_by_a_lawyer["published"] == 0


def test_it_counts_trainings_and_participants_by_group(world: Any, alice: Any, charlie: Any) -> None:
    got = values(report(alice))  # the head office sees every office's trainings
    assert got["trainings"] == 3
    assert got["participants"] == 43
    assert got["participants/group/lawyers"] == 10
    assert got["participants/group/journalists"] == 5
    assert got["participants/group/students"] == 20
    assert got["participants/group/officials"] == 8
    in_karaganda = values(report(charlie))
    assert in_karaganda["trainings"] == 1
    assert in_karaganda["participants"] == 8


def test_it_counts_advocacy_actions_and_recommendations_moved(world: Any, alice: Any, charlie: Any) -> None:
    got = values(report(alice))
    assert got["campaigns"] == 2
    assert got["actions"] == 3  # two of the abolition campaign in 2025, one of Karaganda's
    assert got["actions/kind/working-group"] == 1
    assert got["actions/kind/note-to-official"] == 1  # the 2019 note is outside the year
    assert got["actions/kind/public-statement"] == 1
    assert got["recommendations"] == 3  # r2 was only made in 2025, it did not move
    assert got["recommendations/status/implemented"] == 2
    assert got["recommendations/status/partially"] == 1
    assert got["recommendations/status/not_implemented"] == 0
    assert values(report(charlie))["actions"] == 1


def test_it_counts_regions_present(world: Any, alice: Any, charlie: Any, make: Any) -> None:
    built = report(alice)
    assert (built.regions_present, built.regions_total) == (2, 20)  # Almaty and Karaganda (a training, an action)
    assert values(built)["regions"] == 2
    almaty_only = report(alice, office=make.almaty)
    assert almaty_only.regions_present == 1
    assert values(almaty_only)["consultations"] == 4
    assert values(almaty_only)["trainings"] == 2
    assert values(almaty_only)["recommendations"] == 3


def test_a_period_with_nothing_counts_zero(world: Any, alice: Any) -> None:
    got = values(report(alice, period=(dt.date(2030, 1, 1), dt.date(2030, 12, 31))))
    assert got["consultations"] == 0
    assert got["actions"] == 0
    assert got["regions"] == 0


def _count_on_page(response: Any) -> int:
    if "value" in response.context:
        return int(response.context["value"])
    return int(response.context["page"].paginator.count)


def test_every_figure_links_to_a_list_that_counts_the_same(world: Any, alice: Any, mona: Any) -> None:
    for reader in (alice, mona):
        client = as_user(reader)
        built = report(reader)
        checked = 0
        for _section, _row, figure in built.figures():
            assert figure.href, figure.key
            response = client.get(figure.href)
            assert response.status_code == 200, figure.href
            assert _count_on_page(response) == figure.value, (figure.key, figure.href)
            checked += 1
        assert checked >= 25


def test_figures_link_to_the_casework_lists_where_those_count_the_same_rows(world: Any, alice: Any) -> None:
    built = report(alice)
    assert built.figure("consultations").href.startswith("/casework/consultations/?")
    assert "group=" in built.figure("consultations/group/stateless").href
    assert built.figure("cases.opened").href.startswith("/casework/cases/?")
    assert built.figure("cases.won").href.startswith("/advocacy/impact/rows/?")


def test_the_csv_has_every_figure_with_its_link(world: Any, alice: Any) -> None:
    import csv
    import io

    built = report(alice)
    rows = list(csv.DictReader(io.StringIO(impact.to_csv(built, base_url="https://rd.example"))))
    assert len(rows) == len(list(built.figures()))
    by_key = {row["key"]: row for row in rows}
    assert by_key["consultations"]["value"] == "4"
    assert by_key["consultations"]["link"].startswith("https://rd.example/casework/consultations/?")
    assert by_key["regions"]["value"] == "2"
