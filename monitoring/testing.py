"""Test fixtures for monitoring and publishing: vocabularies loaded, and events built through the real actions."""

import datetime as dt
from typing import Any

import pytest

from accounts.models import User
from monitoring import actions
from monitoring.loading import load_monitoring_vocabularies
from monitoring.models import Event, ReviewStatus
from people.models import Person
from rightsdesk.partial_dates import PartialDate
from vocabularies.models import Term


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup: None, django_db_blocker: Any) -> None:
    with django_db_blocker.unblock():
        load_monitoring_vocabularies()


@pytest.fixture(autouse=True)
def _monitoring_vocabularies_after_flush(request: pytest.FixtureRequest) -> None:
    marker = request.node.get_closest_marker("django_db")
    if marker is not None and marker.kwargs.get("transaction"):
        request.getfixturevalue("_reference_data_after_flush")
        load_monitoring_vocabularies()


def term(vocabulary: str, code: str) -> Term:
    return Term.objects.get(vocabulary=vocabulary, code=code)


class Monitoring:
    """Builds monitoring records through the actions the pages use."""

    def event(self, actor: User, title: str = "Dispersal of a rally on Republic Square", **data: Any) -> Event:
        data.setdefault("started", PartialDate(dt.date(2026, 3, 8)))
        data.setdefault("region", term("region", "almaty-city"))
        data.setdefault("city", "Almaty")
        assert actor.office is not None
        return actions.record_event(office=actor.office, title=title, actor=actor, **data)

    def person(self, actor: User, name: str, **data: Any) -> Person:
        from people.actions import register_person

        data.setdefault("office", actor.office)
        return register_person(full_name=name, actor=actor, **data)

    def act(self, event: Event, actor: User, violation: str = "assembly-dispersal", **data: Any) -> Any:
        consequences = [term("consequence", c) for c in data.pop("consequences", ["detention"])]
        data.setdefault("perpetrator_kind", term("perpetrator_kind", "police"))
        return actions.add_act(
            event, violation_type=term("violation_type", violation), consequences=consequences, actor=actor, **data
        )

    def approve(self, event: Event, editor: User) -> Event:
        if event.status == ReviewStatus.DRAFT:
            actions.change_status(event, ReviewStatus.VERIFIED, actor=editor)
        return actions.change_status(event, ReviewStatus.APPROVED, actor=editor)

    def published(self, monitor: User, editor: User, *, title: str = "Rally dispersed", **data: Any) -> Any:
        from publishing.actions import publish_event

        victim = self.person(monitor, data.pop("victim", "Сейткали Нурлан"))
        event = self.event(monitor, title=title, **data)
        self.act(event, monitor, victim=victim)
        self.approve(event, editor)
        return publish_event(
            event, title=title, summary="Police dispersed a peaceful rally.", apply_redaction=True, actor=editor
        )


@pytest.fixture
def mon(db: None) -> Monitoring:
    return Monitoring()
