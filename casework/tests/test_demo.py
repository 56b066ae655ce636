"""`rightsdesk load_demo` fills every part a new user opens, with fictional records, and only once."""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from accounts.models import User
from advocacy.models import AdvocacyAction, Campaign, FollowUp, Recommendation, StrategicCase, Training
from audit.models import AuditEntry
from casework.models import Case, Consultation
from monitoring.models import Event, Involvement, InvolvementRole, Mission, Observation, ReviewStatus
from people.models import Person
from people.names import spellings
from publishing.models import PublishedRecord, Report

DEATH_PENALTY_DATA = Path(__file__).resolve().parents[2] / "data" / "death_penalty"
COUNTED = [
    User,
    Person,
    Consultation,
    Case,
    Event,
    Involvement,
    PublishedRecord,
    Report,
    Mission,
    Observation,
    Campaign,
    AdvocacyAction,
    Recommendation,
    StrategicCase,
    Training,
    AuditEntry,
]


def _counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in COUNTED}


@pytest.fixture
def demo(db: None, monkeypatch: pytest.MonkeyPatch) -> str:
    """Reference data as `make setup` loads it (vocabularies and offices come from conftest), then the demo."""
    from advocacy.loading import load_advocacy_vocabularies
    from monitoring.loading import load_monitoring_vocabularies

    load_monitoring_vocabularies()
    load_advocacy_vocabularies()
    call_command("deathpenalty", "load", str(DEATH_PENALTY_DATA), stdout=StringIO())
    monkeypatch.setenv("RIGHTSDESK_DEMO_PASSWORD", "demo-pass-2026")
    out = StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def _victim_names() -> list[str]:
    """Every spelling of every name of every victim of a published event."""
    victims = Person.objects.filter(
        involvements__role=InvolvementRole.VICTIM, involvements__event__publication__isnull=False
    ).distinct()
    names = []
    for person in victims:
        names += [s.replace("(demo)", "").strip() for s in spellings(person.full_name, person.other_names)]
    return names


@pytest.mark.django_db
def test_the_demo_fills_the_portal_monitoring_and_advocacy_once(demo: str) -> None:
    assert "FICTIONAL demo data loaded" in demo
    assert "2 published records" in demo

    # The public portal: two published records, their victims under pseudonyms, a published report.
    records = list(PublishedRecord.objects.public())
    assert len(records) == 2
    anonymous = Client()
    pages = [
        anonymous.get("/").content.decode(),
        anonymous.get(reverse("publishing:record_list")).content.decode(),
        json.dumps(anonymous.get(reverse("publishing:records_json")).json(), ensure_ascii=False),
        *(anonymous.get(reverse("publishing:record", args=[r.public_id])).content.decode() for r in records),
    ]
    for record in records:
        assert record.title in pages[0]
    assert "2 records found" in pages[1]
    report = Report.objects.public().get()
    assert sorted(report.record_ids) == sorted(r.pk for r in records)
    pages.append(anonymous.get(reverse("publishing:report", args=[report.slug])).content.decode())
    names = _victim_names()
    assert len(names) >= 4
    for page in pages:
        for name in names:
            assert name not in page
    assert "Journalist A." in "".join(pages)
    assert "Victim A" in "".join(pages)

    # Monitoring: events at every step of the review workflow; missions with observations.
    assert Event.objects.count() >= 4
    assert {e.status for e in Event.objects.all()} == set(ReviewStatus.values)
    assert Mission.objects.filter(kind="assembly", observations__isnull=False).exists()

    # Advocacy: the campaign with its actions, a recommendation implemented and fulfilled by a legal event.
    campaign = Campaign.objects.get(title="Abolition of the death penalty")
    assert campaign.actions.count() >= 4
    assert campaign.actions.filter(legal_events__country__iso3="KAZ").exists()
    implemented = Recommendation.objects.filter(status=FollowUp.IMPLEMENTED)
    assert implemented.exists()
    assert all(r.fulfilled_by.filter(country__iso3="KAZ").exists() for r in implemented)
    assert StrategicCase.objects.count() == 1
    assert Training.objects.filter(participant_counts__isnull=False).distinct().count() == 2

    # Loading again changes nothing.
    before = _counts()
    out = StringIO()
    call_command("load_demo", stdout=out)
    assert "already loaded" in out.getvalue()
    assert _counts() == before
