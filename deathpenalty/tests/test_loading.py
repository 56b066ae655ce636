"""Loading reference files: every bad row reported with file and line, nothing written."""

import shutil
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from deathpenalty.loading import InvalidDataset, read_folder
from deathpenalty.models import Country, LegalEvent, YearlyFigure

from .conftest import REFERENCE

LEGAL_HEADER = (
    "iso3,name,abolished_all_crimes_year,abolished_ordinary_crimes_year,last_execution_year,"
    "moratorium_since_year,notes,source,op2_iccpr_year\n"
)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "legal_facts.csv").write_text(
        LEGAL_HEADER
        + "KAZ,Kazakhstan,2022,2007,2003,2003,,AI-map; last:WIKI-KAZ,2022\n"
        + "RUS,Russian Federation,,,1996,1996,,AI-map,\n",
        encoding="utf-8",
    )
    (tmp_path / "recorded_executions_sentences.csv").write_text(
        "iso3,year,executions,death_sentences\nKAZ,2016,0,1\nRUS,2016,0,0\n", encoding="utf-8"
    )
    return tmp_path


def problems(folder: Path) -> list[str]:
    with pytest.raises(InvalidDataset) as caught:
        read_folder(folder)
    return [str(p) for p in caught.value.problems]


def append(path: Path, text: str) -> None:
    with path.open("a", encoding="utf-8") as handle:
        handle.write(text)


def test_a_clean_folder_reads(folder: Path) -> None:
    data = read_folder(folder)
    assert set(data.countries) == {"KAZ", "RUS"}
    assert data.countries["KAZ"]["name_ru"] == "Казахстан"
    assert data.countries["KAZ"]["name_kk"] == "Қазақстан"


def test_it_reports_an_unknown_code(folder: Path) -> None:
    append(folder / "recorded_executions_sentences.csv", "XYZ,2016,1,1\n")
    assert problems(folder) == ["recorded_executions_sentences.csv:4: unknown country code 'XYZ'"]


def test_it_reports_impossible_dates(folder: Path) -> None:
    (folder / "events.csv").write_text(
        "iso3,kind,stage,treaty,date,description,source\n"
        "KAZ,moratorium_declared,,,2003-02-30,,news\n"
        "KAZ,execution,,,2003-13,,news\n"
        "KAZ,execution,,,2999,,news\n",
        encoding="utf-8",
    )
    found = problems(folder)
    assert [p.split(":")[1] for p in found] == ["2", "3", "4"]
    assert all(p.startswith("events.csv:") for p in found)


def test_it_reports_duplicate_events(folder: Path) -> None:
    (folder / "events.csv").write_text(
        "iso3,kind,stage,treaty,date,description,source\n"
        "KAZ,treaty_in_force,,op2_iccpr,2022-06-24,,worldcoalition.org\n"
        "KAZ,treaty_in_force,,op2_iccpr,2022-06-24,,zakonpravo.kz\n"
        "KAZ,execution,,,2003,,duplicates legal_facts.csv\n",
        encoding="utf-8",
    )
    found = problems(folder)
    assert found == [
        "events.csv:3: duplicate event: already at events.csv:2",
        "events.csv:4: duplicate event: already at legal_facts.csv:2",
    ]


def test_it_reports_a_malformed_count(folder: Path) -> None:
    append(folder / "recorded_executions_sentences.csv", "RUS,2017,12++,0\n")
    [problem] = problems(folder)
    assert problem.startswith("recorded_executions_sentences.csv:4: executions: '12++' is not a count")


def test_it_reports_a_count_below_its_listed_cases(folder: Path) -> None:
    (folder / "cases.csv").write_text(
        "iso3,person,court,crime,sentenced,outcome,outcome_date,source\n"
        "KAZ,Person A,Almaty court,terrorism,2016-11-02,commuted,2022-01,news\n"
        "KAZ,Person B,Almaty court,terrorism,2016-12,pending,,news\n",
        encoding="utf-8",
    )
    [problem] = problems(folder)
    assert problem.startswith("recorded_executions_sentences.csv:2: death_sentences 2016 for KAZ is 1")
    assert "below the 2 case(s)" in problem


def test_it_reports_every_bad_row_at_once(folder: Path) -> None:
    append(folder / "recorded_executions_sentences.csv", "XYZ,2016,1,1\nRUS,1066,0,0\nRUS,2018,+,abc\n")
    assert len(problems(folder)) == 3


@pytest.mark.django_db
def test_the_command_writes_nothing_when_a_row_is_bad(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    append(folder / "recorded_executions_sentences.csv", "RUS,2017,12++,0\n")
    with pytest.raises(CommandError, match="1 bad row"):
        call_command("deathpenalty", "load", str(folder))
    assert "recorded_executions_sentences.csv:4" in capsys.readouterr().err
    assert not Country.objects.exists()
    assert not LegalEvent.objects.exists()
    assert not YearlyFigure.objects.exists()


@pytest.mark.django_db
def test_a_dry_run_writes_nothing(folder: Path) -> None:
    call_command("deathpenalty", "load", str(folder), "--dry-run")
    assert not Country.objects.exists()


def test_the_shipped_folder_is_valid(tmp_path: Path) -> None:
    copy = tmp_path / "copy"
    shutil.copytree(REFERENCE, copy)
    data = read_folder(copy)
    assert len(data.countries) == 199
