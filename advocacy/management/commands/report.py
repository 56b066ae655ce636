"""`rightsdesk report impact --from 2025-01-01 --to 2025-12-31 --format pdf --output impact.pdf`

Reports for funders, made on the server. Without --user the figures cover the
whole organisation: whoever runs this command runs the server and its
database already. With --user they are counted within that user's access,
exactly as on the web page. Every run is audited like a download.
"""

import datetime as dt
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.template.loader import render_to_string
from django.utils import translation

from accounts.models import Office, User
from advocacy import actions, impact
from advocacy.access import can_read_impact

FORMATS = ("html", "pdf", "csv")


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise CommandError(f"{text!r} is not a date: write YYYY-MM-DD") from exc


class Command(BaseCommand):
    help = "Produce a report from the command line. `report impact` makes the impact report as HTML, PDF or CSV."

    def add_arguments(self, parser: CommandParser) -> None:
        subcommands = parser.add_subparsers(dest="report", required=True, metavar="REPORT")
        impact_parser = subcommands.add_parser(
            "impact", help="the impact report for a period and, optionally, an office"
        )
        impact_parser.add_argument("--from", dest="date_from", required=True, help="first day, YYYY-MM-DD")
        impact_parser.add_argument("--to", dest="date_to", required=True, help="last day, YYYY-MM-DD")
        impact_parser.add_argument("--format", choices=FORMATS, default="html")
        impact_parser.add_argument(
            "--output", required=True, help="file to write ('-' for standard output, not for PDF)"
        )
        impact_parser.add_argument("--office", default="", help="office code (default: all offices)")
        impact_parser.add_argument("--user", default="", help="count within this user's access (default: everything)")
        impact_parser.add_argument("--language", default="en", choices=("en", "ru", "kk"))
        impact_parser.add_argument(
            "--base-url", default="", help="prefix for the links in the CSV, e.g. https://rd.example.org"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["report"] != "impact":  # pragma: no cover — argparse refuses other names
            raise CommandError("unknown report")
        date_from, date_to = _date(options["date_from"]), _date(options["date_to"])
        if date_to < date_from:
            raise CommandError("--to is before --from")
        office = None
        if options["office"]:
            office = Office.objects.filter(code=options["office"]).first()
            if office is None:
                raise CommandError(f"no office with the code {options['office']!r}")
        reader = None
        if options["user"]:
            reader = User.objects.filter(username=options["user"]).select_related("office").first()
            if reader is None or not can_read_impact(reader):
                raise CommandError(f"{options['user']!r} is not a user who may read the impact report")
        fmt, output = options["format"], options["output"]
        if fmt == "pdf" and output == "-":
            raise CommandError("write a PDF to a file, not to standard output")
        with translation.override(options["language"]):
            report = impact.build(impact.Scope(reader, date_from, date_to, office))
            if fmt == "csv":
                content: bytes = impact.to_csv(report, base_url=options["base_url"]).encode()
            elif fmt == "pdf":
                content = impact.render_pdf(render_to_string("advocacy/impact_pdf.html", {"report": report}))
            else:
                content = render_to_string("advocacy/impact_pdf.html", {"report": report}).encode()
        actions.note_impact_report(actor=reader, date_from=date_from, date_to=date_to, office=office, fmt=fmt)
        if output == "-":
            self.stdout.write(content.decode())
            return
        Path(output).write_bytes(content)
        self.stderr.write(f"impact report {date_from}–{date_to} written to {output} ({len(content)} bytes)")
