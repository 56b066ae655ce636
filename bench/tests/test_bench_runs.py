"""The benchmark runs end to end at small scale and writes the report issue 6 asks for.

This checks the shape of the report and that every scenario measured
something, never speed: speed depends on the machine and what else runs on it.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bench.generate import searchable
from bench.runner import BASE_DIR

KEYS = {"name", "p50_ms", "p95_ms", "p99_ms", "rps", "floor_p95_ms", "peak_rss_mb"}


@pytest.mark.django_db
def test_the_generator_indexes_words_exactly_as_the_search_index_does() -> None:
    from search.index import searchable as product_searchable

    for text in ["Ахметов Нурлан Akhmetov Nurlan", "ALM-2019-0042 Признание лицом без гражданства", "Ёлка ёж", ""]:
        assert searchable(text) == product_searchable(text)


def test_small_benchmark_on_sqlite_measures_every_scenario(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "RIGHTSDESK_KEYS_FILE", "RIGHTSDESK_VAR"}}
    env["DJANGO_SETTINGS_MODULE"] = "rightsdesk.settings"
    completed = subprocess.run(  # noqa: S603 - our own command
        [
            sys.executable,
            str(BASE_DIR / "manage.py"),
            "bench",
            "--scale",
            "small",
            "--db",
            "sqlite",
            "--var-dir",
            str(tmp_path / "var"),
            "--output-dir",
            str(tmp_path / "out"),
            "--seconds",
            "0.7",
        ],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert completed.returncode == 0, completed.stdout[-3000:] + completed.stderr[-3000:]
    report = json.loads((tmp_path / "out" / "latest.json").read_text())
    assert {"machine", "database", "scale", "commit", "scenarios"} <= set(report)
    assert report["database"] == "sqlite"
    assert report["scale"] == "small"
    assert len(list((tmp_path / "out").glob("*-sqlite-small.json"))) == 1
    names = {s["name"] for s in report["scenarios"]}
    assert {
        "search_rare_case_number",
        "search_common_surname_cyrillic",
        "search_common_surname_latin",
        "search_two_words_cyrillic",
        "search_two_words_latin",
        "search_phrase_cyrillic",
        "search_phrase_latin",
        "search_prefix_cyrillic",
        "search_prefix_latin",
        "case_list_filtered",
        "dashboard",
        "person_page",
        "world_map_year",
        "dp_status_199_countries_1990_2025",
    } <= names
    assert any(n.startswith("export_") for n in names)
    assert any(n.startswith("import_") for n in names)
    # What the import scenario added is taken out again: a reused data set keeps its generated size.
    import sqlite3
    from contextlib import closing

    assert report["imported_rows_removed"] > 0
    with closing(sqlite3.connect(tmp_path / "var" / "rightsdesk.sqlite3")) as db:
        (consultations,) = db.execute("SELECT count(*) FROM casework_consultation").fetchone()
        (documents,) = db.execute("SELECT count(*) FROM search_searchdocument WHERE kind = 'consultation'").fetchone()
    assert consultations == report["generation"]["counts"]["consultations"]
    assert documents == consultations
    for scenario in report["scenarios"]:
        assert set(scenario) >= KEYS, scenario
        assert scenario["requests"] > 0, scenario
        assert scenario["errors"] == 0, scenario
        assert scenario["p50_ms"] is not None, scenario
        assert scenario["p95_ms"] >= scenario["p50_ms"] > 0, scenario
        if scenario["kind"] == "http":
            assert scenario["rps"] > 0, scenario
            assert scenario["peak_rss_mb"] > 0, scenario
