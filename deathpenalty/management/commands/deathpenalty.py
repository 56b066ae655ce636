"""The death-penalty monitor from the command line.

    rightsdesk deathpenalty load PATH [--dry-run]
    rightsdesk deathpenalty status --on YYYY-MM-DD --format csv|json
    rightsdesk deathpenalty figures --on YYYY-MM-DD

`load` exists so that a fresh installation (and `make run`) has the sourced
reference facts; it validates every row first and writes nothing if any is
bad, and loading the same folder twice changes nothing.
"""

import csv
import datetime as dt
import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.utils import translation

from deathpenalty import actions
from deathpenalty.figures import world_figures
from deathpenalty.histories import load_histories
from deathpenalty.loading import InvalidDataset, read_folder
from deathpenalty.opendata import STATUS_COLUMNS, status_rows


class _DryRun(Exception):
    pass


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise CommandError(f"--on must be YYYY-MM-DD, not {text!r}") from exc


class Command(BaseCommand):
    help = "Load reference facts, print statuses or world figures of the death-penalty monitor."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="subcommand", required=True)
        load = sub.add_parser("load", help="validate and load a folder of reference files")
        load.add_argument("path")
        load.add_argument("--dry-run", action="store_true", help="validate and report, write nothing")
        status = sub.add_parser("status", help="every country's category on a date")
        status.add_argument("--on", required=True, type=_date)
        status.add_argument("--format", choices=["csv", "json"], default="csv")
        figures = sub.add_parser("figures", help="world counts on a date")
        figures.add_argument("--on", required=True, type=_date)

    def handle(self, *args: Any, **options: Any) -> None:
        translation.activate("en")
        getattr(self, f"_{options['subcommand']}")(**options)

    def _load(self, path: str, dry_run: bool, **_: Any) -> None:
        try:
            data = read_folder(path)
        except InvalidDataset as exc:
            for problem in exc.problems:
                self.stderr.write(str(problem))
            raise CommandError(f"{len(exc.problems)} bad row(s); nothing was loaded.") from exc
        try:
            with transaction.atomic():
                report = actions.load_reference_data(data, actor=None)
                if dry_run:
                    raise _DryRun
        except _DryRun:
            self.stdout.write("Dry run: nothing was written.")
        for line in report.lines():
            self.stdout.write(line)

    def _status(self, on: dt.date, format: str, **_: Any) -> None:
        rows = status_rows(list(load_histories().values()), on)
        if format == "json":
            self.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2))
            return
        writer = csv.DictWriter(self.stdout, fieldnames=STATUS_COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)

    def _figures(self, on: dt.date, **_: Any) -> None:
        figures = world_figures(list(load_histories().values()), on)
        self.stdout.write(f"World figures on {on.isoformat()} ({figures.total} countries counted)")
        for label, value in (
            ("abolitionist for all crimes", figures.all_crimes),
            ("abolitionist for ordinary crimes only", figures.ordinary_crimes),
            ("abolitionist in practice", figures.in_practice),
            ("abolitionist in law or practice", figures.abolitionist_total),
            ("retentionist", figures.retentionist),
        ):
            self.stdout.write(f"{value:4d}  {label}")
