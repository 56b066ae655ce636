"""Searching, filtering and counting published records: the figures the portal and reports show."""

from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q

from publishing.models import PublishedFacet, PublishedRecord, PublishedRecordQuerySet
from search.query import matching_ids
from vocabularies.models import Term

FILTER_FACETS = {"violation": "violation", "right": "right", "tag": "tag", "consequence": "consequence"}


def filter_records(records: PublishedRecordQuerySet, filters: dict[str, Any]) -> PublishedRecordQuerySet:
    """Narrow published records by text search, facets, region and year (all optional)."""
    text = str(filters.get("q") or "").strip()
    if text:
        ids = matching_ids(text, "publishedrecord")
        if ids is not None:
            records = records.filter(pk__in=ids)
    for key, facet in FILTER_FACETS.items():
        code = filters.get(key)
        if code:
            records = records.filter(
                pk__in=PublishedFacet.objects.filter(facet=facet, code=str(code)).values("record_id")
            )
    if filters.get("region"):
        records = records.filter(region_code=str(filters["region"]))
    if filters.get("year"):
        records = records.filter(year=int(filters["year"]))
    return records


@dataclass(frozen=True)
class Count_:
    code: str
    label: str
    n: int


def labels(vocabulary: str) -> dict[str, str]:
    return {t.code: t.label for t in Term.objects.filter(vocabulary=vocabulary)}


def by_facet(records: PublishedRecordQuerySet, facet: str, vocabulary: str) -> list[Count_]:
    rows = (
        PublishedFacet.objects.filter(facet=facet, record__in=records)
        .values("code")
        .annotate(n=Count("record", distinct=True))
        .order_by("-n", "code")
    )
    names = labels(vocabulary)
    return [Count_(r["code"], names.get(r["code"], r["code"]), r["n"]) for r in rows]


def by_region(records: PublishedRecordQuerySet) -> dict[str, int]:
    rows = records.exclude(region_code="").values("region_code").annotate(n=Count("pk")).order_by()
    return {r["region_code"]: r["n"] for r in rows}


def by_year(records: PublishedRecordQuerySet) -> list[tuple[int, int]]:
    """Records per year, with the years in between that had none, oldest first."""
    counts = Counter({r["year"]: r["n"] for r in records.values("year").annotate(n=Count("pk")).order_by()})
    if not counts:
        return []
    return [(year, counts.get(year, 0)) for year in range(min(counts), max(counts) + 1)]


def years(records: PublishedRecordQuerySet) -> list[int]:
    return sorted(set(records.values_list("year", flat=True)), reverse=True)


def search_filter(text: str) -> Q:
    ids = matching_ids(text, "publishedrecord")
    return Q(pk__in=ids) if ids is not None else Q()


def public_records() -> PublishedRecordQuerySet:
    return PublishedRecord.objects.public()
