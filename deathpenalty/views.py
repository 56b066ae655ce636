"""Public pages of the death-penalty monitor (no login), open data, and editors' forms."""

import csv
import datetime as dt
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from accounts.models import Role
from deathpenalty import actions, worldmap
from deathpenalty.classification import status
from deathpenalty.figures import FIRST_TREND_YEAR, trend, world_figures, year_table
from deathpenalty.forms import EVENT_FIELDS, AssessmentForm, FigureForm, LegalEventForm
from deathpenalty.histories import load_histories
from deathpenalty.models import (
    Category,
    Country,
    FactRevision,
    LegalEvent,
    Measure,
    PublishedCount,
    YearlyFigure,
)
from deathpenalty.opendata import (
    FACT_COLUMNS,
    STATUS_COLUMNS,
    TIMELINE_COLUMNS,
    fact_rows,
    status_rows,
    timeline_rows,
)
from publishing.cache import cached_public_page

CATEGORIES = [(c.value, c.label) for c in Category]
EDITOR_ROLES = frozenset({Role.EDITOR, Role.ADMIN})


def _today() -> dt.date:
    return timezone.localdate()


def _year(request: HttpRequest) -> int:
    today = _today()
    try:
        year = int(request.GET.get("year", today.year))
    except ValueError:
        year = today.year
    return min(max(year, FIRST_TREND_YEAR), today.year)


def _as_of(year: int) -> dt.date:
    return min(dt.date(year, 12, 31), _today())


def _on(request: HttpRequest) -> dt.date:
    """?on=YYYY-MM-DD, else ?year=YYYY (31 December, or today for this year)."""
    text = request.GET.get("on", "")
    if text:
        try:
            return dt.date.fromisoformat(text)
        except ValueError as exc:
            raise Http404(_("Write the date as YYYY-MM-DD.")) from exc
    return _as_of(_year(request))


def _country(iso3: str) -> Country:
    return get_object_or_404(Country, iso3=iso3.upper())


@require_GET
@cached_public_page
def world(request: HttpRequest) -> HttpResponse:
    year = _year(request)
    on = _as_of(year)
    histories = load_histories()
    found = {s.iso3: s for s in world_figures(list(histories.values()), on).statuses}
    countries = {c.numeric or c.iso3: c for c in Country.objects.all()}
    shapes = []
    for shape in worldmap.shapes():
        country = countries.get(shape.numeric)
        current = found.get(country.iso3) if country else None
        shapes.append(
            {
                "path": shape.path,
                "country": country,
                "category": current.category if current else "none",
                "label": current.label if current else _("not counted"),
            }
        )
    figures = world_figures(list(histories.values()), on)
    return render(
        request,
        "deathpenalty/world.html",
        {
            "year": year,
            "on": on,
            "first_year": FIRST_TREND_YEAR,
            "last_year": _today().year,
            "shapes": shapes,
            "width": worldmap.WIDTH,
            "height": worldmap.HEIGHT,
            "figures": figures,
            "categories": CATEGORIES,
            "rows": sorted(((histories[s.iso3].name, s) for s in found.values()), key=lambda item: item[0]),
        },
    )


@require_GET
@cached_public_page
def figures(request: HttpRequest) -> HttpResponse:
    on = _on(request)
    histories = list(load_histories().values())
    current = world_figures(histories, on)
    names = dict(Country.objects.values_list("iso3", "name_en"))
    names.update({c.iso3: c.name for c in Country.objects.all()})
    years = trend(histories, last=_today().year)
    peak = max((f.total for f in years), default=1) or 1
    published = {p.year: p for p in PublishedCount.objects.all()}
    bars = [
        {
            "year": f.on.year,
            "figures": f,
            "published": published.get(f.on.year),
            "abolitionist_pct": round(100 * f.abolitionist_total / peak),
            "retentionist_pct": round(100 * f.retentionist / peak),
        }
        for f in years
    ]
    lists = [
        (value, label, [(iso3, names.get(iso3, iso3)) for iso3 in current.countries.get(value, ())])
        for value, label in CATEGORIES
    ]
    return render(
        request,
        "deathpenalty/figures.html",
        {"on": on, "figures": current, "lists": lists, "bars": bars},
    )


@require_GET
@cached_public_page
def country(request: HttpRequest, iso3: str) -> HttpResponse:
    place = _country(iso3)
    on = _on(request)
    history = load_histories(place.iso3)[place.iso3]
    now = status(history, on)
    by_year = [status(history, _as_of(year)) for year in range(FIRST_TREND_YEAR, _today().year + 1)]
    figures = YearlyFigure.objects.current().filter(country=place).order_by("-year", "measure")
    table: dict[int, dict[str, YearlyFigure]] = {}
    for figure in figures:
        table.setdefault(figure.year, {})[figure.measure] = figure
    can_edit = _is_editor(request)
    return render(
        request,
        "deathpenalty/country.html",
        {
            "country": place,
            "on": on,
            "status": now,
            "counted": place.is_counted_on(on),
            "by_year": [s for s in by_year if place.is_counted_on(s.on)],
            "events": place.events.current().order_by("date", "id"),
            "assessments": place.assessments.current().exclude(kind="published_category"),
            "listed": place.assessments.published_lists().order_by("-date")[:1],
            "figures": sorted(table.items(), reverse=True),
            "cases": place.cases.current(),
            "timeline": place.timeline.all(),
            "can_edit": can_edit,
            "measures": [Measure.EXECUTIONS, Measure.DEATH_SENTENCES],
        },
    )


@require_GET
@cached_public_page
def year(request: HttpRequest, year: int) -> HttpResponse:
    if not FIRST_TREND_YEAR <= year <= _today().year:
        raise Http404
    histories = list(load_histories().values())
    on = _as_of(year)
    current = world_figures(histories, on)
    names = {c.iso3: c.name for c in Country.objects.all()}
    lists = [
        (value, label, [(iso3, names.get(iso3, iso3)) for iso3 in current.countries.get(value, ())])
        for value, label in CATEGORIES
    ]
    return render(
        request,
        "deathpenalty/year.html",
        {"year": year, "on": on, "table": year_table(year), "figures": current, "lists": lists},
    )


@require_GET
@cached_public_page
def sources(request: HttpRequest) -> HttpResponse:
    text = (Path(settings.BASE_DIR) / "data" / "death_penalty" / "SOURCES.md").read_text(encoding="utf-8")
    return render(request, "deathpenalty/sources.html", {"text": text})


# Open data ------------------------------------------------------------------


def _csv(filename: str, columns: list[str], rows: list[dict[str, Any]]) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    writer = csv.DictWriter(response, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return response


def _json(rows: Any) -> JsonResponse:
    return JsonResponse(rows, safe=False, json_dumps_params={"ensure_ascii": False})


def _check_format(fmt: str) -> None:
    if fmt not in {"csv", "json"}:
        raise Http404


@require_GET
def statuses_download(request: HttpRequest, fmt: str) -> HttpResponse:
    _check_format(fmt)
    on = _on(request)
    rows = status_rows(list(load_histories().values()), on)
    if fmt == "json":
        return _json({"on": on.isoformat(), "statuses": rows})
    return _csv(f"death-penalty-status-{on.isoformat()}.csv", STATUS_COLUMNS, rows)


@require_GET
def facts_download(request: HttpRequest, fmt: str) -> HttpResponse:
    _check_format(fmt)
    iso3 = request.GET.get("country", "").upper() or None
    rows = fact_rows(iso3)
    if fmt == "json":
        return _json(rows)
    return _csv("death-penalty-facts.csv", FACT_COLUMNS, rows)


@require_GET
def timeline_download(request: HttpRequest, iso3: str) -> HttpResponse:
    place = _country(iso3)
    return _csv(f"{place.iso3.lower()}-timeline.csv", TIMELINE_COLUMNS, timeline_rows(place.iso3))


# Editors --------------------------------------------------------------------


def _is_editor(request: HttpRequest) -> bool:
    user = request.user
    return bool(user.is_authenticated and getattr(user, "role", None) in EDITOR_ROLES)


def _require_editor(request: HttpRequest) -> None:
    if not _is_editor(request):
        raise PermissionDenied


@login_required
@require_http_methods(["GET", "POST"])
def event_new(request: HttpRequest, iso3: str) -> HttpResponse:
    _require_editor(request)
    place = _country(iso3)
    form = LegalEventForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        event = form.save(commit=False)
        event.country = place
        actions.record_event(event, actor=request.user)
        messages.success(request, _("Event recorded; the status explanation is updated."))
        return redirect("deathpenalty:country", iso3=place.iso3)
    return render(request, "deathpenalty/fact_form.html", {"form": form, "country": place, "title": _("New event")})


@login_required
@require_http_methods(["GET", "POST"])
def event_edit(request: HttpRequest, iso3: str, pk: int) -> HttpResponse:
    _require_editor(request)
    place = _country(iso3)
    event = get_object_or_404(LegalEvent, pk=pk, country=place)
    form = LegalEventForm(request.POST or None, instance=event, correcting=True)
    if request.method == "POST" and form.is_valid():
        original = LegalEvent.objects.get(pk=event.pk)
        corrected = form.instance
        changes = {
            name: getattr(corrected, name)
            for name in [*EVENT_FIELDS, "date", "date_precision"]
            if getattr(corrected, name) != getattr(original, name)
        }
        if changes:
            actions.correct_event(original, changes, form.cleaned_data["reason"], actor=request.user)
            messages.success(request, _("Event corrected; its earlier version is kept."))
        return redirect("deathpenalty:country", iso3=place.iso3)
    history = FactRevision.objects.filter(fact_type="event", fact_id=event.pk)
    return render(
        request,
        "deathpenalty/fact_form.html",
        {"form": form, "country": place, "title": _("Correct event"), "history": history},
    )


@login_required
@require_http_methods(["GET", "POST"])
def assessment_new(request: HttpRequest, iso3: str) -> HttpResponse:
    _require_editor(request)
    place = _country(iso3)
    form = AssessmentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        assessment = form.save(commit=False)
        assessment.country = place
        actions.record_assessment(assessment, actor=request.user)
        messages.success(request, _("Assessment recorded; the status explanation is updated."))
        return redirect("deathpenalty:country", iso3=place.iso3)
    return render(
        request,
        "deathpenalty/fact_form.html",
        {"form": form, "country": place, "title": _("New assessment")},
    )


@login_required
@require_http_methods(["GET", "POST"])
def figure_new(request: HttpRequest, iso3: str) -> HttpResponse:
    _require_editor(request)
    place = _country(iso3)
    form = FigureForm(request.POST or None, country=place)
    if request.method == "POST" and form.is_valid():
        figure = form.save(commit=False)
        figure.country = place
        actions.record_figure(figure, actor=request.user)
        messages.success(request, _("Figure recorded."))
        return redirect("deathpenalty:country", iso3=place.iso3)
    return render(
        request,
        "deathpenalty/fact_form.html",
        {"form": form, "country": place, "title": _("New yearly figure")},
    )
