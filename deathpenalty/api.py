"""Public, read-only REST routes of the death-penalty monitor (mounted at /api/deathpenalty/)."""

import datetime as dt

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Schema

from deathpenalty.figures import world_figures
from deathpenalty.histories import load_histories
from deathpenalty.models import Country
from deathpenalty.opendata import fact_rows, status_rows
from rightsdesk.api_errors import PUBLIC_ERRORS, IsoDate, Text

router = Router(tags=["death penalty"])


class CountryOut(Schema):
    iso3: str
    iso2: str
    name_en: str
    name_ru: str
    name_kk: str
    counted_from: dt.date | None


class StatusOut(Schema):
    iso3: str
    name: str
    category: str
    explanation: str


class FiguresOut(Schema):
    on: dt.date
    all_crimes: int
    ordinary_crimes: int
    in_practice: int
    abolitionist_total: int
    retentionist: int
    countries_counted: int
    countries: dict[str, list[str]]


class FactOut(Schema):
    iso3: str
    type: str
    kind: str
    date: str
    detail: str
    value: str
    source: str


@router.get("/countries", response={200: list[CountryOut], **PUBLIC_ERRORS}, auth=None)
def countries(request: HttpRequest) -> list[Country]:
    return list(Country.objects.all())


@router.get("/statuses", response={200: list[StatusOut], **PUBLIC_ERRORS}, auth=None)
def statuses(request: HttpRequest, on: IsoDate) -> list[dict[str, str]]:
    return status_rows(list(load_histories().values()), on)


@router.get("/statuses/{iso3}", response={200: StatusOut, **PUBLIC_ERRORS}, auth=None)
def country_status(request: HttpRequest, iso3: Text, on: IsoDate) -> dict[str, str]:
    country = get_object_or_404(Country, iso3=iso3.upper())
    rows = status_rows(list(load_histories(country.iso3).values()), on)
    return rows[0] if rows else {"iso3": country.iso3, "name": country.name, "category": "", "explanation": ""}


@router.get("/figures", response={200: FiguresOut, **PUBLIC_ERRORS}, auth=None)
def figures(request: HttpRequest, on: IsoDate) -> dict[str, object]:
    return world_figures(list(load_histories().values()), on).as_dict()


@router.get("/facts", response={200: list[FactOut], **PUBLIC_ERRORS}, auth=None)
def facts(request: HttpRequest, country: Text | None = None) -> list[dict[str, object]]:
    return fact_rows(country.upper() if country else None)
