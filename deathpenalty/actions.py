"""Every write to death-penalty facts: one function per intent, audited, in one transaction."""

from dataclasses import dataclass, field
from typing import Any

from django.db import models, transaction
from django.forms.models import model_to_dict

from audit.log import record
from deathpenalty.loading import Dataset
from deathpenalty.models import (
    Assessment,
    Country,
    FactRevision,
    LegalEvent,
    PublishedCount,
    SentenceCase,
    TimelineEntry,
    YearlyFigure,
)
from publishing.cache import invalidate_public_pages


@dataclass
class LoadReport:
    created: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)
    unchanged: dict[str, int] = field(default_factory=dict)

    @property
    def changed(self) -> bool:
        return any(self.created.values()) or any(self.updated.values())

    def lines(self) -> list[str]:
        return [
            f"{name}: {self.created[name]} created, {self.updated[name]} updated, {self.unchanged[name]} unchanged"
            for name in self.created
        ]


def _sync(
    report: LoadReport,
    label: str,
    model: type[models.Model],
    existing: dict[Any, models.Model],
    wanted: dict[Any, dict[str, Any]],
    make: Any,
) -> None:
    """Create missing rows and update differing ones; never delete."""
    new: list[models.Model] = []
    changed: list[models.Model] = []
    fields: set[str] = set()
    for key, values in wanted.items():
        row = existing.get(key)
        if row is None:
            new.append(make(key, values))
            continue
        differing = {name for name, value in values.items() if getattr(row, name) != value}
        if differing:
            for name in differing:
                setattr(row, name, values[name])
            fields |= differing
            changed.append(row)
    model.objects.bulk_create(new, batch_size=500)  # type: ignore[attr-defined]
    if changed:
        model.objects.bulk_update(changed, sorted(fields), batch_size=500)  # type: ignore[attr-defined]
    report.created[label] = len(new)
    report.updated[label] = len(changed)
    report.unchanged[label] = len(wanted) - len(new) - len(changed)


@transaction.atomic
def load_reference_data(data: Dataset, *, actor: Any) -> LoadReport:
    """Bring the database up to a validated reference dataset (idempotent)."""
    invalidate_public_pages()
    report = LoadReport()
    _sync(
        report,
        "countries",
        Country,
        {c.iso3: c for c in Country.objects.all()},
        data.countries,
        lambda key, values: Country(iso3=key, **values),
    )
    ids = dict(Country.objects.values_list("iso3", "pk"))
    _sync(
        report,
        "events",
        LegalEvent,
        {
            (e.country.iso3, e.kind, e.stage, e.treaty, e.date, e.date_precision): e
            for e in LegalEvent.objects.select_related("country")
        },
        {key: _without(values, "iso3") for key, values in data.events.items()},
        lambda key, values: LegalEvent(country_id=ids[key[0]], **values),
    )
    _sync(
        report,
        "assessments",
        Assessment,
        {(a.country.iso3, a.kind, a.date, a.body): a for a in Assessment.objects.select_related("country")},
        {key: _without(values, "iso3") for key, values in data.assessments.items()},
        lambda key, values: Assessment(country_id=ids[key[0]], **values),
    )
    _sync(
        report,
        "figures",
        YearlyFigure,
        {(f.country.iso3, f.year, f.measure): f for f in YearlyFigure.objects.select_related("country")},
        data.figures,
        lambda key, values: YearlyFigure(country_id=ids[key[0]], year=key[1], measure=key[2], **values),
    )
    _sync(
        report,
        "cases",
        SentenceCase,
        {(s.country.iso3, s.person, s.sentenced_on): s for s in SentenceCase.objects.select_related("country")},
        data.cases,
        lambda key, values: SentenceCase(country_id=ids[key[0]], person=key[1], sentenced_on=key[2], **values),
    )
    _sync(
        report,
        "published counts",
        PublishedCount,
        {p.year: p for p in PublishedCount.objects.all()},
        data.published_counts,
        lambda key, values: PublishedCount(year=key, **values),
    )
    _sync(
        report,
        "timeline",
        TimelineEntry,
        {
            (t.country.iso3, t.date, t.date_precision, t.title): t
            for t in TimelineEntry.objects.select_related("country")
        },
        data.timeline,
        lambda key, values: TimelineEntry(
            country_id=ids[key[0]], date=key[1], date_precision=key[2], title=key[3], **values
        ),
    )
    if report.changed:
        record(
            "deathpenalty.reference.load",
            actor=actor,
            object_type="deathpenalty.dataset",
            created_countries=report.created["countries"],
            created_events=report.created["events"],
            created_assessments=report.created["assessments"],
            created_figures=report.created["figures"],
            created_cases=report.created["cases"],
            created_published_counts=report.created["published counts"],
            created_timeline=report.created["timeline"],
            updated_countries=report.updated["countries"],
            updated_events=report.updated["events"],
            updated_assessments=report.updated["assessments"],
            updated_figures=report.updated["figures"],
            updated_cases=report.updated["cases"],
            updated_published_counts=report.updated["published counts"],
            updated_timeline=report.updated["timeline"],
        )
    return report


def _without(values: dict[str, Any], *names: str) -> dict[str, Any]:
    return {k: v for k, v in values.items() if k not in names}


# Editors' facts -------------------------------------------------------------

_FACT_TYPES: dict[type[models.Model], str] = {
    LegalEvent: "event",
    Assessment: "assessment",
    YearlyFigure: "figure",
    SentenceCase: "case",
}


def _snapshot(fact: models.Model) -> dict[str, Any]:
    values = model_to_dict(fact)
    return {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in values.items()}


def _create(fact: models.Model, *, actor: Any) -> models.Model:
    invalidate_public_pages()
    fact.full_clean()
    fact.save()
    record(f"deathpenalty.{_FACT_TYPES[type(fact)]}.create", actor=actor, target=fact)
    return fact


def _correct(fact: models.Model, changes: dict[str, Any], reason: str, *, actor: Any) -> models.Model:
    """Apply changes to a fact, keeping what it said before."""
    invalidate_public_pages()
    before = type(fact).objects.select_for_update().get(pk=fact.pk)  # type: ignore[attr-defined]
    FactRevision.objects.create(
        fact_type=_FACT_TYPES[type(fact)],
        fact_id=fact.pk,
        snapshot=_snapshot(before),
        changed_by=actor,
        reason=reason,
    )
    for name, value in changes.items():
        setattr(fact, name, value)
    fact.full_clean()
    fact.save()
    record(
        f"deathpenalty.{_FACT_TYPES[type(fact)]}.correct",
        actor=actor,
        target=fact,
        fields=sorted(changes),
    )
    return fact


@transaction.atomic
def record_event(event: LegalEvent, *, actor: Any) -> LegalEvent:
    return _create(event, actor=actor)  # type: ignore[return-value]


@transaction.atomic
def correct_event(event: LegalEvent, changes: dict[str, Any], reason: str, *, actor: Any) -> LegalEvent:
    return _correct(event, changes, reason, actor=actor)  # type: ignore[return-value]


@transaction.atomic
def withdraw_event(event: LegalEvent, reason: str, *, actor: Any) -> LegalEvent:
    return _correct(event, {"withdrawn": True}, reason, actor=actor)  # type: ignore[return-value]


@transaction.atomic
def record_assessment(assessment: Assessment, *, actor: Any) -> Assessment:
    return _create(assessment, actor=actor)  # type: ignore[return-value]


@transaction.atomic
def correct_assessment(assessment: Assessment, changes: dict[str, Any], reason: str, *, actor: Any) -> Assessment:
    return _correct(assessment, changes, reason, actor=actor)  # type: ignore[return-value]


@transaction.atomic
def record_figure(figure: YearlyFigure, *, actor: Any) -> YearlyFigure:
    return _create(figure, actor=actor)  # type: ignore[return-value]


@transaction.atomic
def correct_figure(figure: YearlyFigure, changes: dict[str, Any], reason: str, *, actor: Any) -> YearlyFigure:
    return _correct(figure, changes, reason, actor=actor)  # type: ignore[return-value]


@transaction.atomic
def record_case(case: SentenceCase, *, actor: Any) -> SentenceCase:
    return _create(case, actor=actor)  # type: ignore[return-value]
