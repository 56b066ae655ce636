"""The public, read-only API of published violations (mounted at /api/public/): snapshots only, no key."""

from typing import Any

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate

from publishing import present, queries
from publishing.models import Report
from rightsdesk.api_errors import PUBLIC_ERRORS, Text
from rightsdesk.api_pagination import Pages

router = Router(tags=["public violations"])


class ViolationOut(Schema):
    id: str
    title: str
    summary: str
    date: str
    date_precision: str
    country: str
    region: str
    city: str
    violations: list[str]
    rights: list[str]
    themes: list[str]
    victims: list[str]
    acts: list[dict[str, Any]]
    sources: list[dict[str, Any]]
    interventions: list[dict[str, Any]]
    published_at: str
    updated_at: str


class ViolationFilters(Schema):
    q: Text | None = None
    violation: Text | None = None
    right: Text | None = None
    tag: Text | None = None
    region: Text | None = None
    year: int | None = Field(None, ge=1, le=9999)


class CountOut(Schema):
    code: str
    label: str
    n: int


class StatisticsOut(Schema):
    total: int
    by_violation: list[CountOut]
    by_region: dict[str, int]
    by_year: list[tuple[int, int]]


class ReportOut(Schema):
    slug: str
    title: str
    period_start: str
    period_end: str
    html: str
    pdf: str


@router.get("/violations", response={200: list[ViolationOut], **PUBLIC_ERRORS}, auth=None)
@paginate(Pages)
def violations(request: HttpRequest, filters: Query[ViolationFilters]) -> Any:
    records = queries.filter_records(queries.public_records(), filters.dict())
    return [present.open_data_row(r) for r in records.order_by("-occurred_on", "pk")]


@router.get("/violations/{public_id}", response={200: ViolationOut, **PUBLIC_ERRORS}, auth=None)
def violation(request: HttpRequest, public_id: Text) -> Any:
    record = queries.public_records().filter(public_id=public_id).first()
    if record is None:
        raise HttpError(404, "Not found")
    return present.open_data_row(record)


@router.get("/statistics", response={200: StatisticsOut, **PUBLIC_ERRORS}, auth=None)
def statistics(request: HttpRequest, filters: Query[ViolationFilters]) -> Any:
    stats = present.statistics(queries.filter_records(queries.public_records(), filters.dict()))
    return {
        "total": stats.total,
        "by_violation": [{"code": c.code, "label": c.label, "n": c.n} for c in stats.by_violation],
        "by_region": stats.by_region,
        "by_year": stats.by_year,
    }


@router.get("/reports", response={200: list[ReportOut], **PUBLIC_ERRORS}, auth=None)
def reports(request: HttpRequest) -> Any:
    return [
        {
            "slug": r.slug,
            "title": r.title,
            "period_start": r.period_start.isoformat(),
            "period_end": r.period_end.isoformat(),
            "html": f"/portal/reports/{r.slug}/",
            "pdf": f"/portal/reports/{r.slug}.pdf",
        }
        for r in Report.objects.public()
    ]
