"""Finding likely duplicates: events that share people, place and date; people written in other scripts.

These are hints for a person to judge, never merges done by themselves.
"""

from datetime import timedelta

from django.db.models import Q, QuerySet

from monitoring.models import Event
from people.duplicates import same_name
from people.models import Person
from people.names import spellings

__all__ = ["possible_duplicates", "same_name", "similar_people"]

_DATE_WINDOW = timedelta(days=3)


def possible_duplicates(event: Event, candidates: "QuerySet[Event]") -> list[Event]:
    """Other events with a person in common, in the same region or city, within a few days."""
    people = list(event.involvements.values_list("person_id", flat=True))
    if not people:
        return []
    place = Q(region_id=event.region_id) if event.region_id else Q()
    if event.city:
        place = place | Q(city__iexact=event.city) if event.region_id else Q(city__iexact=event.city)
    return list(
        candidates.exclude(pk=event.pk)
        .filter(involvements__person_id__in=people)
        .filter(place)
        .filter(
            started_on__gte=event.started_on - _DATE_WINDOW,
            started_on__lte=(event.ended_on or event.started_on) + _DATE_WINDOW,
        )
        .distinct()[:10]
    )


def similar_people(name: str, people: "QuerySet[Person]") -> list[Person]:
    """People whose name or any recorded spelling matches `name` across scripts and transliterations."""
    found = []
    for person in people.only("pk", "full_name", "other_names", "birth_date"):
        if any(same_name(name, spelling) for spelling in spellings(person.full_name, person.other_names)):
            found.append(person)
    return found
