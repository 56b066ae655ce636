"""Published snapshots and reports put into words for pages, exports and the API.

Everything here reads PublishedRecord and Report rows and public vocabulary
labels; nothing reaches an internal record.
"""

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from monitoring.models import MissionKind, Reliability
from publishing import charts, queries
from publishing.models import PublishedRecord, PublishedRecordQuerySet, Report

VOCABULARIES = (
    "violation_type",
    "right",
    "perpetrator_kind",
    "consequence",
    "source_kind",
    "intervention_kind",
    "event_tag",
    "region",
)


class Labels:
    """Public vocabulary labels in the current language, read once per page."""

    def __init__(self) -> None:
        self._cache: dict[str, dict[str, str]] = {}

    def __call__(self, vocabulary: str, code: str) -> str:
        if vocabulary not in self._cache:
            self._cache[vocabulary] = queries.labels(vocabulary)
        return self._cache[vocabulary].get(code, code)

    def of(self, vocabulary: str) -> dict[str, str]:
        self(vocabulary, "")
        return self._cache[vocabulary]


def record_view(record: PublishedRecord, labels: Labels) -> dict[str, Any]:
    reliability = dict(Reliability.choices)
    return {
        "id": record.public_id,
        "title": record.title,
        "summary": record.summary,
        "date": record.occurred.display(),
        "date_iso": record.occurred.iso(),
        "country": record.country,
        "region": labels("region", record.region_code) if record.region_code else "",
        "region_code": record.region_code,
        "city": record.city,
        "violations": [labels("violation_type", c) for c in record.violation_codes],
        "rights": [labels("right", c) for c in record.right_codes],
        "tags": [labels("event_tag", c) for c in record.tag_codes],
        "victims": list(record.victims),
        "acts": [
            {
                "violation": labels("violation_type", a["violation"]),
                "victim": a.get("victim", ""),
                "perpetrator": " · ".join(
                    filter(
                        None,
                        [
                            labels("perpetrator_kind", a["perpetrator_kind"]) if a.get("perpetrator_kind") else "",
                            a.get("perpetrator_body", ""),
                        ],
                    )
                ),
                "consequences": [labels("consequence", c) for c in a.get("consequences", [])],
            }
            for a in record.acts
        ],
        "sources": [
            {
                "kind": labels("source_kind", s["kind"]),
                "title": s["title"],
                "url": s.get("url", ""),
                "reliability": str(reliability.get(s.get("reliability", ""), "")),
            }
            for s in record.sources
        ],
        "interventions": [
            {"kind": labels("intervention_kind", i["kind"]), "on": dt.date.fromisoformat(i["on"])}
            for i in record.interventions
        ],
        "published_at": record.published_at,
    }


def file_views(record: PublishedRecord, labels: Labels) -> list[dict[str, Any]]:
    """The cleaned files published with a record, for its page."""
    return [
        {
            "url": reverse("publishing:record_file", args=[record.public_id, f.file_name]),
            "title": f.title,
            "kind": labels("source_kind", f.kind),
            "is_image": f.is_image,
            "width": f.width,
            "height": f.height,
            "pages": f.pages,
            "size": f.size,
            "format": f.extension.upper(),
        }
        for f in record.files.all()
    ]


def open_data_row(record: PublishedRecord) -> dict[str, Any]:
    """One record as open data: codes, not labels, so the data reads the same in every language."""
    return {
        "id": record.public_id,
        "title": record.title,
        "summary": record.summary,
        "date": record.occurred.iso(),
        "date_precision": record.occurred_precision,
        "country": record.country,
        "region": record.region_code,
        "city": record.city,
        "violations": list(record.violation_codes),
        "rights": list(record.right_codes),
        "themes": list(record.tag_codes),
        "victims": list(record.victims),
        "acts": list(record.acts),
        "sources": list(record.sources),
        "interventions": list(record.interventions),
        "published_at": record.published_at.isoformat(),
        "updated_at": record.updated_at.isoformat(),
    }


CSV_COLUMNS = [
    "id",
    "title",
    "summary",
    "date",
    "date_precision",
    "country",
    "region",
    "city",
    "violations",
    "rights",
    "themes",
    "victims",
    "perpetrators",
    "consequences",
    "sources",
    "published_at",
]


def csv_row(record: PublishedRecord) -> list[str]:
    row = open_data_row(record)
    perpetrators = sorted({a.get("perpetrator_kind", "") for a in record.acts} - {""})
    consequences = sorted({c for a in record.acts for c in a.get("consequences", [])})
    sources = [s["url"] or s["title"] for s in record.sources]
    return [
        row["id"],
        row["title"],
        row["summary"],
        row["date"],
        row["date_precision"],
        row["country"],
        row["region"],
        row["city"],
        ";".join(row["violations"]),
        ";".join(row["rights"]),
        ";".join(row["themes"]),
        ";".join(row["victims"]),
        ";".join(perpetrators),
        ";".join(consequences),
        " | ".join(sources),
        row["published_at"],
    ]


@dataclass
class Statistics:
    total: int
    by_violation: list[queries.Count_]
    by_region: dict[str, int]
    by_year: list[tuple[int, int]]


def statistics(records: PublishedRecordQuerySet) -> Statistics:
    return Statistics(
        total=records.count(),
        by_violation=queries.by_facet(records, "violation", "violation_type"),
        by_region=queries.by_region(records),
        by_year=queries.by_year(records),
    )


def figures_charts(stats: Statistics, labels: Labels, *, link: str = "?region=") -> dict[str, Any]:
    return {
        "tiles": charts.region_tiles(stats.by_region, labels.of("region"), link=link),
        "trend": charts.trend(stats.by_year, title=_("Published records by year")),
        "types": charts.bars(
            [(c.label, c.n) for c in stats.by_violation[:12]], title=_("Published records by violation")
        ),
    }


def mission_sentence(figures: dict[str, Any]) -> str:
    n, m, k, d = (
        figures["observations"],
        len(figures["cities"]),
        figures["observations_with_detentions"],
        figures["detentions"],
    )
    if figures["kind"] == MissionKind.ASSEMBLY:
        text = _("Observed %(n)d assemblies in %(m)d cities; detentions at %(k)d of them (%(d)d people detained).")
    else:
        text = _("Observed %(n)d trial hearings in %(m)d cities; detentions at %(k)d of them (%(d)d people detained).")
    return text % {"n": n, "m": m, "k": k, "d": d}


def report_context(report: Report) -> dict[str, Any]:
    labels = Labels()
    records = report.records().order_by("occurred_on", "pk")
    stats = statistics(records)
    filters = []
    vocab = {"violation": "violation_type", "right": "right", "tag": "event_tag", "region": "region"}
    for key, vocabulary in vocab.items():
        if report.filters.get(key):
            filters.append(labels(vocabulary, report.filters[key]))
    return {
        "report": {
            "title": report.title,
            "introduction": report.introduction,
            "period_start": report.period_start,
            "period_end": report.period_end,
            "slug": report.slug,
            "published_at": report.published_at,
        },
        "filters": filters,
        "stats": stats,
        "by_region": sorted(
            ((labels("region", code), n) for code, n in stats.by_region.items()), key=lambda r: (-r[1], r[0])
        ),
        "records": [record_view(r, labels) for r in records],
        "missions": [mission_sentence(f) for f in report.mission_figures],
        **figures_charts(stats, labels, link="/portal/records/?region="),
    }
