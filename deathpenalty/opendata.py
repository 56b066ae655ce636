"""Rows for the open-data downloads, the CLI and the API: one shape everywhere."""

import datetime as dt
from typing import Any

from deathpenalty.classification import History, statuses
from deathpenalty.models import Assessment, LegalEvent, SentenceCase, TimelineEntry, YearlyFigure
from rightsdesk.partial_dates import PartialDate

STATUS_COLUMNS = ["iso3", "name", "category", "explanation"]
FACT_COLUMNS = ["iso3", "type", "kind", "date", "detail", "value", "source"]
TIMELINE_COLUMNS = ["date", "event", "detail", "source"]


def status_rows(histories: list[History], on: dt.date) -> list[dict[str, str]]:
    return [
        {"iso3": s.iso3, "name": h.name, "category": s.category, "explanation": s.explanation}
        for h, s in zip((h for h in histories if h.counted_on(on)), statuses(histories, on), strict=True)
    ]


def fact_rows(iso3: str | None = None) -> list[dict[str, Any]]:
    """Every current fact, dated only as precisely as it is known."""
    rows: list[dict[str, Any]] = []
    scope = {"country__iso3": iso3} if iso3 else {}
    for event in LegalEvent.objects.current().filter(**scope).select_related("country"):
        rows.append(
            {
                "iso3": event.country.iso3,
                "type": "event",
                "kind": event.kind
                + (f":{event.stage}" if event.stage else "")
                + (f":{event.treaty}" if event.treaty else ""),
                "date": event.partial_date.iso(),
                "detail": event.description,
                "value": "",
                "source": event.source,
            }
        )
    for assessment in Assessment.objects.current().filter(**scope).select_related("country"):
        rows.append(
            {
                "iso3": assessment.country.iso3,
                "type": "assessment",
                "kind": assessment.kind,
                "date": PartialDate(assessment.date, assessment.date_precision).iso(),
                "detail": assessment.body,
                "value": assessment.category,
                "source": assessment.source,
            }
        )
    for figure in YearlyFigure.objects.current().filter(**scope).select_related("country"):
        rows.append(
            {
                "iso3": figure.country.iso3,
                "type": "figure",
                "kind": figure.measure,
                "date": str(figure.year),
                "detail": "",
                "value": figure.as_text,
                "source": figure.source,
            }
        )
    for case in SentenceCase.objects.current().filter(**scope).select_related("country"):
        outcome = case.outcome_date
        rows.append(
            {
                "iso3": case.country.iso3,
                "type": "case",
                "kind": case.outcome,
                "date": case.sentenced.iso(),
                "detail": f"{case.person}; {case.crime}".strip("; "),
                "value": outcome.iso() if outcome else "",
                "source": case.source,
            }
        )
    rows.sort(key=lambda row: (row["iso3"], row["date"], row["type"]))
    return rows


def timeline_rows(iso3: str) -> list[dict[str, str]]:
    return [
        {"date": entry.when, "event": entry.title, "detail": entry.detail, "source": entry.source}
        for entry in TimelineEntry.objects.filter(country__iso3=iso3)
    ]
