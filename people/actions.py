"""Every change to the registry of people, audited in the same transaction."""

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.db import transaction

from accounts.models import Office, User
from audit.log import record
from people.models import Person
from rightsdesk.partial_dates import PartialDate
from search.index import index_record
from vocabularies.models import Term

PERSON_FIELDS = (
    "full_name",
    "other_names",
    "gender",
    "citizenship",
    "is_stateless",
    "phone",
    "email",
    "address",
    "consent_to_processing",
    "consent_date",
)


def _apply(person: Person, data: dict[str, Any]) -> None:
    for field in PERSON_FIELDS:
        if field in data:
            setattr(person, field, data[field])
    if "birth" in data:
        birth: PartialDate | None = data["birth"]
        person.birth_date = birth.value if birth else None
        person.birth_date_precision = birth.precision if birth else ""


@transaction.atomic
def register_person(
    *,
    office: Office,
    groups: Iterable[Term] = (),
    languages: Iterable[Term] = (),
    actor: User,
    **data: Any,
) -> Person:
    person = Person(office=office, created_by=actor)
    _apply(person, data)
    person.full_clean(exclude=["groups", "languages"])
    person.save()
    person.groups.set(list(groups))
    person.languages.set(list(languages))
    index_record(person, person.search_text())
    record("person.create", actor=actor, target=person)
    return person


@transaction.atomic
def update_person(
    person: Person,
    *,
    groups: Iterable[Term] | None = None,
    languages: Iterable[Term] | None = None,
    actor: User,
    **data: Any,
) -> Person:
    _apply(person, data)
    person.full_clean(exclude=["groups", "languages"])
    person.save()
    if groups is not None:
        person.groups.set(list(groups))
    if languages is not None:
        person.languages.set(list(languages))
    index_record(person, person.search_text())
    record(
        "person.update",
        actor=actor,
        target=person,
        fields=sorted(k for k in data if k in PERSON_FIELDS or k == "birth"),
    )
    return person


@transaction.atomic
def record_consent(person: Person, *, given_on: date, actor: User) -> None:
    person.consent_to_processing = True
    person.consent_date = given_on
    person.save(update_fields=["consent_to_processing", "consent_date", "updated_at"])
    record("person.consent", actor=actor, target=person)
