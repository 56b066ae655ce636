"""Who sees monitoring records: monitors and editors of the office; confidential sources only editors and their author.

Routes checked here for every role: event_detail, event_edit, event_add, event_status, involvement_consent,
source_download, source_transfer, mission_detail; the API's get_event.
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.testing import as_user
from monitoring import actions
from monitoring.models import Confidentiality, Event, Source
from monitoring.testing import term

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def event(mona, mon):
    event = mon.event(mona, title="Torture in pre-trial detention centre")
    victim = mon.person(mona, "Жанболатов Ерлан")
    mon.act(event, mona, violation="torture", victim=victim)
    return event


@pytest.fixture
def confidential(event, mona):
    return actions.add_source(
        event,
        kind=term("source_kind", "testimony"),
        title="Cellmate's testimony",
        collected_on=event.started_on,
        confidentiality=Confidentiality.CONFIDENTIAL,
        upload=SimpleUploadedFile("t.pdf", PDF),
        actor=mona,
    )


def _urls(event: Event, source: Source) -> list[tuple[str, str]]:
    involvement = event.involvements.get()
    mission_free = [
        ("get", reverse("monitoring:event_detail", args=[event.pk])),
        ("get", reverse("monitoring:event_edit", args=[event.pk])),
        ("post", reverse("monitoring:event_add", args=[event.pk, "act"])),
        ("post", reverse("monitoring:event_status", args=[event.pk])),
        ("post", reverse("monitoring:involvement_consent", args=[involvement.pk])),
        ("get", reverse("monitoring:source_download", args=[source.pk])),
        ("post", reverse("monitoring:source_transfer", args=[source.pk])),
        ("get", reverse("publishing:publish", args=[event.pk])),
    ]
    return mission_free


@pytest.mark.parametrize("who", ["charlie", "alice", "adam", "victor", "carol"])
def test_it_answers_404_to_everyone_outside_monitoring_of_the_office(who, request, event, confidential, make):
    user = request.getfixturevalue(who)
    client = as_user(user)
    for method, url in _urls(event, confidential):
        assert getattr(client, method)(url).status_code == 404, url
    assert as_user(user).get(reverse("monitoring:event_list")).content.decode().count(event.title) == 0


def test_a_monitor_from_another_office_gets_404(event, make):
    other = make.user("kmonitor", "monitor", office=make.karaganda)
    assert as_user(other).get(reverse("monitoring:event_detail", args=[event.pk])).status_code == 404


def test_confidential_sources_are_for_editors_and_their_author_only(event, confidential, mona, edith, make):
    colleague = make.user("mira", "monitor")
    url = reverse("monitoring:source_download", args=[confidential.pk])
    assert as_user(colleague).get(url).status_code == 404
    page = as_user(colleague).get(reverse("monitoring:event_detail", args=[event.pk])).content.decode()
    assert "Cellmate" not in page
    assert as_user(mona).get(url).status_code == 200
    assert as_user(edith).get(url).status_code == 200


def test_the_api_uses_the_same_rules(event, mona, charlie):
    from accounts.models import ApiToken, hash_token

    def client_for(user):
        from django.test import Client

        key = ApiToken.new_key()
        ApiToken.objects.create(user=user, name="t", key_hash=hash_token(key), prefix=key[:8])
        return Client(headers={"Authorization": f"Bearer {key}"})

    url = f"/api/monitoring/events/{event.pk}"
    assert client_for(mona).get(url).status_code == 200
    assert client_for(charlie).get(url).status_code == 404
    assert client_for(charlie).get("/api/monitoring/events").json()["count"] == 0


def test_viewing_an_event_is_audited(event, mona):
    from audit.models import AuditEntry

    as_user(mona).get(reverse("monitoring:event_detail", args=[event.pk]))
    assert AuditEntry.objects.filter(action="event.view", object_id=str(event.pk)).exists()


def test_missions_are_404_to_outsiders(mona, charlie, mon):
    import datetime as dt

    from monitoring.models import Checklist, MissionKind

    mission = actions.create_mission(
        office=mona.office,
        kind=MissionKind.ASSEMBLY,
        title="Spring assemblies",
        starts_on=dt.date(2026, 3, 1),
        checklist=Checklist.objects.get(code="assembly-standard"),
        actor=mona,
    )
    url = reverse("monitoring:mission_detail", args=[mission.pk])
    assert as_user(charlie).get(url).status_code == 404
    assert as_user(charlie).post(url, {"city": "x"}).status_code == 404
    assert as_user(mona).get(url).status_code == 200
