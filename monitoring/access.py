"""Who may see and change monitoring records: the only way to reach them.

- Monitors and editors see the events of their own office; whoever recorded
  an event sees it wherever they work now.
- A confidential source (and its evidence file) is seen only by editors who
  see the event and by the person who recorded the source.
- Missions are seen by the monitors and editors of their office and by their
  observers.
- Administrators administer; they do not read violation records.
- Anyone else gets 404, never 403, so a record's existence does not leak.
"""

from typing import TYPE_CHECKING

from django.db.models import Q
from django.http import Http404

from accounts.models import Role
from monitoring.models import Confidentiality, Event, Mission, ReviewStatus, Source
from people.models import Person

if TYPE_CHECKING:
    from accounts.models import User

NOTHING = Q(pk__in=[])
MONITORING_ROLES = frozenset({Role.MONITOR, Role.EDITOR})


def _active(user: "User") -> bool:
    return bool(user.is_authenticated and user.is_active)


def works_on_monitoring(user: "User") -> bool:
    return _active(user) and user.role in MONITORING_ROLES and user.office_id is not None


def is_editor(user: "User") -> bool:
    return works_on_monitoring(user) and user.role == Role.EDITOR


def event_visibility(user: "User") -> Q:
    if not _active(user):
        return NOTHING
    rule = Q(created_by=user)
    if works_on_monitoring(user):
        rule |= Q(office_id=user.office_id)
    return rule


def source_visibility(user: "User") -> Q:
    if not _active(user):
        return NOTHING
    events = Event.objects.filter(event_visibility(user)).values("pk")
    rule = Q(created_by=user) | ~Q(confidentiality=Confidentiality.CONFIDENTIAL)
    if is_editor(user):
        rule = Q(pk__isnull=False)
    return Q(event__in=events) & rule


def mission_visibility(user: "User") -> Q:
    if not _active(user):
        return NOTHING
    rule = Q(created_by=user) | Q(pk__in=Mission.objects.filter(observers=user).values("pk"))
    if works_on_monitoring(user):
        rule |= Q(office_id=user.office_id)
    return rule


def get_event_for_user(user: "User", pk: int | str) -> Event:
    event = (
        Event.objects.visible_to(user)
        .filter(pk=pk)
        .select_related("office", "region", "created_by", "verified_by", "approved_by")
        .first()
    )
    if event is None:
        raise Http404("No such event")
    return event


def get_source_for_user(user: "User", pk: int | str) -> Source:
    source = Source.objects.visible_to(user).filter(pk=pk).select_related("event", "kind").first()
    if source is None:
        raise Http404("No such source")
    return source


def get_mission_for_user(user: "User", pk: int | str) -> Mission:
    mission = Mission.objects.visible_to(user).filter(pk=pk).select_related("office", "checklist").first()
    if mission is None:
        raise Http404("No such mission")
    return mission


def can_record_events(user: "User") -> bool:
    return works_on_monitoring(user)


def can_edit_event(user: "User", event: Event) -> bool:
    """Monitors change drafts of their office; editors change anything of their office until it is published."""
    if not works_on_monitoring(user):
        return False
    if event.office_id != user.office_id and event.created_by_id != user.pk:
        return False
    return user.role == Role.EDITOR or event.status == ReviewStatus.DRAFT


def can_review(user: "User", event: Event) -> bool:
    return is_editor(user) and event.office_id == user.office_id


def can_edit_mission(user: "User", mission: Mission) -> bool:
    return works_on_monitoring(user) and mission.office_id == user.office_id


def can_observe(user: "User", mission: Mission) -> bool:
    return can_edit_mission(user, mission) or mission.observers.filter(pk=user.pk).exists()


def people_for(user: "User") -> "Q":
    """People a monitor may link to an event: those they may see in the registry, and those already in events they see.

    Linking the existing person (a legal-aid client may also be a victim) instead of registering them again
    keeps the registry one registry.
    """
    from people.access import person_visibility

    events = Event.objects.filter(event_visibility(user)).values("pk")
    involved = Person.objects.filter(involvements__event__in=events).values("pk")
    return person_visibility(user) | Q(pk__in=involved)
