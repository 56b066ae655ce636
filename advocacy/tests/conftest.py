"""Advocacy fixtures: its vocabularies, a legal event to fulfil recommendations, and a data set with known answers."""

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

D = dt.date
YEAR_2025 = (D(2025, 1, 1), D(2025, 12, 31))


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup: None, django_db_blocker: Any) -> None:
    from advocacy.loading import load_advocacy_vocabularies

    with django_db_blocker.unblock():
        load_advocacy_vocabularies()


@pytest.fixture(autouse=True)
def _advocacy_vocabularies_after_flush(request: pytest.FixtureRequest) -> None:
    """Transactional tests empty every table when they end; reload what the next one expects."""
    marker = request.node.get_closest_marker("django_db")
    if marker is not None and marker.kwargs.get("transaction"):
        request.getfixturevalue("_reference_data_after_flush")
        from advocacy.loading import load_advocacy_vocabularies

        load_advocacy_vocabularies()


def term(vocabulary: str, code: str) -> Any:
    from vocabularies.models import Term

    return Term.objects.get(vocabulary=vocabulary, code=code)


@pytest.fixture
def abolition(db: None) -> Any:
    """Kazakhstan's law abolishing the death penalty, signed on 29 December 2021."""
    from deathpenalty.models import Country, EventKind, LegalEvent, Stage
    from rightsdesk.partial_dates import Precision

    kaz, _ = Country.objects.get_or_create(iso3="KAZ", defaults={"name_en": "Kazakhstan", "iso2": "KZ"})
    return LegalEvent.objects.create(
        country=kaz,
        kind=EventKind.ABOLITION_ALL,
        stage=Stage.SIGNED,
        date=D(2021, 12, 29),
        date_precision=Precision.DAY,
        description="Law abolishing the death penalty signed",
        source="Law of the Republic of Kazakhstan No. 91-VII, 29 December 2021",
    )


def campaign(actor: Any, title: str = "Abolition of the death penalty", **data: Any) -> Any:
    from advocacy import actions
    from rightsdesk.partial_dates import PartialDate

    data.setdefault("office", actor.office)
    data.setdefault("goal", "Abolish the death penalty for all crimes")
    data.setdefault("started", PartialDate.parse("1993"))
    return actions.start_campaign(title=title, actor=actor, **data)


def action(actor: Any, on_campaign: Any, when: str, kind: str = "working-group", **data: Any) -> Any:
    from advocacy import actions
    from rightsdesk.partial_dates import PartialDate

    data.setdefault("title", f"{kind} {when}")
    return actions.record_action(
        on_campaign, kind=term("advocacy_action_kind", kind), when=PartialDate.parse(when), actor=actor, **data
    )


def recommendation(actor: Any, issued: str, source: str = "upr", text: str = "Abolish the death penalty") -> Any:
    from advocacy import actions
    from rightsdesk.partial_dates import PartialDate

    return actions.add_recommendation(
        source=term("recommendation_source", source), text=text, issued=PartialDate.parse(issued), actor=actor
    )


def move(actor: Any, rec: Any, status: str, since: str, **extra: Any) -> Any:
    from advocacy import actions
    from rightsdesk.partial_dates import PartialDate

    return actions.set_recommendation_status(rec, status=status, since=PartialDate.parse(since), actor=actor, **extra)


def training(actor: Any, on: dt.date, counts: dict[str, int], **data: Any) -> Any:
    from advocacy import actions

    data.setdefault("office", actor.office)
    return actions.record_training(
        topic=data.pop("topic", f"Training {on}"),
        date=on,
        place=data.pop("place", "Almaty"),
        counts={term("participant_group", code): n for code, n in counts.items()},
        actor=actor,
        **data,
    )


def close_case(case: Any, on: dt.date, outcome: str) -> None:
    from casework.models import Case, CaseStatus

    Case.objects.filter(pk=case.pk).update(
        status=CaseStatus.CLOSED, closed_on=on, outcome=term("case_outcome", outcome)
    )


@pytest.fixture
def world(make: Any, alice: Any, carol: Any, charlie: Any, mona: Any) -> dict[str, Any]:
    """A year of work (2025) with known answers; see test_impact_figures.py for what each figure must be."""
    from advocacy import actions
    from monitoring.models import Act, Checklist, Event, Mission, MissionKind, Observation
    from publishing.models import PublishedRecord
    from vocabularies.models import Term

    # Legal aid in Almaty (alice) and Karaganda (charlie).
    stateless = term("vulnerable_group", "stateless")
    journalist = term("vulnerable_group", "journalist")
    asylum = term("vulnerable_group", "asylum-seeker")
    p1 = make.person(alice, "Person One")
    p2 = make.person(alice, "Person Two")
    p3 = make.person(alice, "Person Three")
    p4 = make.person(charlie, "Person Four")
    make.consultation(alice, p1, date=D(2025, 2, 1), groups=[stateless])
    make.consultation(alice, p1, date=D(2025, 3, 1), groups=[stateless])
    make.consultation(alice, p2, date=D(2025, 4, 1), groups=[journalist], legal_area=term("legal_area", "expression"))
    make.consultation(alice, None, date=D(2025, 5, 1), groups=[asylum])
    make.consultation(alice, p3, date=D(2024, 12, 31), groups=[stateless])
    make.consultation(charlie, p4, date=D(2025, 6, 1), groups=[stateless])

    c1 = make.case(alice, [p1], opened_on=D(2025, 1, 10))
    close_case(c1, D(2025, 6, 1), "won")
    c2 = make.case(alice, [p1], opened_on=D(2024, 5, 1))
    close_case(c2, D(2025, 7, 1), "lost")
    c3 = make.case(alice, [p2], opened_on=D(2025, 3, 1))
    c4 = make.case(alice, [p2], opened_on=D(2024, 1, 1))
    close_case(c4, D(2024, 12, 1), "won")
    c5 = make.case(alice, [p2], opened_on=D(2025, 2, 1))
    close_case(c5, D(2026, 1, 15), "partly-won")
    c6 = make.case(alice, [p1], opened_on=D(2025, 4, 1))
    close_case(c6, D(2025, 8, 1), "views-adopted")
    make.case(charlie, [p4], opened_on=D(2025, 5, 1))

    # Advocacy.
    abolition_campaign = campaign(carol)
    karaganda_campaign = campaign(charlie, "Access to lawyers in detention")
    a1 = action(carol, abolition_campaign, "2025-02-01")
    a2 = action(carol, abolition_campaign, "2025-06", kind="note-to-official")
    action(carol, abolition_campaign, "2019-12-01", kind="note-to-official")
    action(charlie, karaganda_campaign, "2025-03-01", kind="public-statement")
    r1 = recommendation(carol, "2020-01-01")
    move(carol, r1, "partially", "2024-05-01")
    move(carol, r1, "implemented", "2025-01-15")
    r2 = recommendation(carol, "2025-03-01", source="own")
    r3 = recommendation(carol, "2019", source="hrc")
    move(carol, r3, "partially", "2025-02-01")
    move(carol, r3, "implemented", "2025-11-01")
    r4 = recommendation(carol, "2018")
    move(carol, r4, "partially", "2025-05-01")
    a1.recommendations.add(r1, r3)
    a2.recommendations.add(r4)
    actions.mark_strategic(c1, campaign=abolition_campaign, actor=alice)
    actions.mark_strategic(c3, campaign=abolition_campaign, actor=alice)
    actions.mark_strategic(c4, campaign=abolition_campaign, actor=alice)  # closed in 2024: not under way in 2025

    # Education.
    training(carol, D(2025, 3, 10), {"lawyers": 10, "journalists": 5})
    training(carol, D(2025, 10, 10), {"students": 20})
    training(carol, D(2024, 10, 10), {"students": 7})
    training(charlie, D(2025, 9, 9), {"officials": 8}, place="Karaganda")

    # Monitoring (mona, Almaty), made directly: these are another app's records.
    violation, _ = Term.objects.get_or_create(
        vocabulary="violation_type", code="arbitrary-detention", defaults={"label_en": "Arbitrary detention"}
    )
    e1 = Event.objects.create(title="Dispersal", started_on=D(2025, 3, 1), office=make.almaty, created_by=mona)
    e2 = Event.objects.create(title="Detention", started_on=D(2025, 9, 1), office=make.almaty, created_by=mona)
    e3 = Event.objects.create(title="Old arrest", started_on=D(2024, 6, 1), office=make.almaty, created_by=mona)
    for event in (e1, e1, e2, e3):
        Act.objects.create(event=event, violation_type=violation, created_by=mona)
    for event, published in ((e1, dt.datetime(2025, 4, 1, 12)), (e3, dt.datetime(2025, 2, 1, 12))):
        PublishedRecord.objects.create(
            event=event,
            title=event.title,
            occurred_on=event.started_on,
            year=event.started_on.year,
            country="KAZ",
            published_at=timezone.make_aware(published),
            published_by=mona,
        )
    checklist = Checklist.objects.create(name="Assembly", kind=MissionKind.ASSEMBLY, code="assembly-test")
    m1 = Mission.objects.create(
        kind=MissionKind.ASSEMBLY,
        title="Spring assemblies",
        starts_on=D(2025, 5, 1),
        office=make.almaty,
        checklist=checklist,
        created_by=mona,
    )
    m2 = Mission.objects.create(
        kind=MissionKind.TRIAL,
        title="Old trial",
        starts_on=D(2024, 5, 1),
        office=make.almaty,
        checklist=checklist,
        created_by=mona,
    )
    Observation.objects.create(mission=m1, observed_on=D(2025, 5, 1), city="Almaty", observer=mona)
    Observation.objects.create(mission=m1, observed_on=D(2025, 5, 9), city="Almaty", observer=mona)
    Observation.objects.create(mission=m2, observed_on=D(2024, 5, 9), city="Almaty", observer=mona)

    return {
        "campaign": abolition_campaign,
        "karaganda_campaign": karaganda_campaign,
        "cases": {"c1": c1, "c3": c3},
        "recommendations": [r1, r2, r3, r4],
    }
