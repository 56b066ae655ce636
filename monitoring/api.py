"""API routes for monitoring records (token required): the same access rules as the pages."""

from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.pagination import paginate

from accounts.models import User
from monitoring.access import get_event_for_user
from monitoring.models import Event
from rightsdesk.api_errors import PRIVATE_ERRORS
from rightsdesk.api_pagination import Pages

router = Router(tags=["monitoring"])


class ActOut(Schema):
    violation: str
    victim_id: int | None
    perpetrator_kind: str | None
    consequences: list[str]


class EventOut(Schema):
    id: int
    title: str
    date: str
    region: str | None
    city: str
    status: str
    acts: list[ActOut]


def _event(event: Event) -> dict[str, Any]:
    return {
        "id": event.pk,
        "title": event.title,
        "date": event.started.iso(),
        "region": event.region.code if event.region else None,
        "city": event.city,
        "status": event.status,
        "acts": [
            {
                "violation": a.violation_type.code,
                "victim_id": a.victim_id,
                "perpetrator_kind": a.perpetrator_kind.code if a.perpetrator_kind else None,
                "consequences": [c.code for c in a.consequences.all()],
            }
            for a in event.acts.all()
        ],
    }


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


@router.get("/events", response={200: list[EventOut], **PRIVATE_ERRORS})
@paginate(Pages)
def list_events(request: HttpRequest) -> Any:
    events = (
        Event.objects.visible_to(_user(request))
        .select_related("region")
        .prefetch_related("acts__violation_type", "acts__perpetrator_kind", "acts__consequences")
    )
    return [_event(e) for e in events]


@router.get("/events/{event_id}", response={200: EventOut, **PRIVATE_ERRORS})
def get_event(request: HttpRequest, event_id: int) -> Any:
    return _event(get_event_for_user(_user(request), event_id))
