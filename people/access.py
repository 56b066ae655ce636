"""Who may see a person in the registry.

A person is seen by those who can see a consultation or a case they are in,
by whoever registered them, and by the casework staff of the registering
office, unless the person is a client only in confidential cases they are not
on the team of. Anyone else gets 404.

A record merged into another is not seen in its own right: lists, search and
pages reach the kept record instead (`person_visibility(..., include_merged=True)`
answers whether the user could see it but for the merge).

Merging needs the right to change both records: lawyers and office managers
change the people they see; monitors and editors change the people they may
link to events (those they see, and those in events they see).
"""

from typing import TYPE_CHECKING, Any

from django.db import connection
from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.http import Http404

from accounts.models import CASEWORK_ROLES
from people.models import Person

if TYPE_CHECKING:
    from accounts.models import User


def _any_row(rows: QuerySet[Any]) -> Q:
    """Whether the correlated `rows` has a row, checked for each person on its own.

    PostgreSQL turns an EXISTS over many outer rows into one hashed pass over every client link of
    every case (400 ms at national scale), even when a page needs 25 people; a scalar subquery it
    must run per row, and so it does only for the rows it reads.
    """
    if connection.vendor == "postgresql":
        return Q(Coalesce(Subquery(rows.values(found=Value(True))[:1]), Value(False)))
    return Q(Exists(rows))


def person_visibility(user: "User", *, include_merged: bool = False) -> Q:
    from casework.access import NOTHING, case_rule, consultation_visibility
    from casework.models import Case, Consultation

    if not (user.is_authenticated and user.is_active):
        return NOTHING
    # Each part looks at this person's own few case and consultation links
    # (indexed by person), so the cost follows the rows asked for, not the
    # size of the office.
    client_links = Case.clients.through.objects.filter(person_id=OuterRef("pk"))
    rule = (
        Q(created_by=user)
        | _any_row(client_links.filter(case_rule(user, via="case__")))
        | _any_row(Consultation.objects.filter(consultation_visibility(user), person_id=OuterRef("pk")))
    )
    if user.role in CASEWORK_ROLES and user.office_id is not None:
        hidden = client_links.filter(case__confidential=True).exclude(case_rule(user, via="case__"))
        rule |= Q(office_id=user.office_id) & ~_any_row(hidden)
    return rule if include_merged else rule & Q(merged_into__isnull=True)


def get_person_for_user(user: "User", pk: int | str) -> Person:
    person = Person.objects.visible_to(user).filter(pk=pk).select_related("office").first()
    if person is None:
        raise Http404("No such person")
    return person


def duplicate_review_visibility(user: "User") -> Q:
    """The people a user compares for duplicates: those they see, and for monitoring staff those in their events."""
    from monitoring.access import people_for, works_on_monitoring

    rule = people_for(user) if works_on_monitoring(user) else person_visibility(user)
    return rule & Q(merged_into__isnull=True)


def merge_visibility(user: "User") -> Q:
    """The people a user may change, and so merge."""
    from casework.access import NOTHING, can_record_consultations
    from monitoring.access import people_for, works_on_monitoring

    rule = NOTHING
    if can_record_consultations(user):
        rule = person_visibility(user)
    if works_on_monitoring(user):
        rule = rule | people_for(user)
    return rule & Q(merged_into__isnull=True)


def can_merge(user: "User", *people: Person) -> bool:
    pks = {p.pk for p in people}
    return Person.objects.filter(merge_visibility(user), pk__in=pks).count() == len(pks)


def get_person_to_merge(user: "User", pk: int | str) -> Person:
    person = Person.objects.filter(merge_visibility(user), pk=pk).select_related("office").first()
    if person is None:
        raise Http404("No such person")
    return person


def find_merged_person(user: "User", pk: int | str) -> Person | None:
    """Where a merged record's page should send the user: the record it lives on in, if they may see that."""
    person = Person.objects.filter(pk=pk, merged_into__isnull=False).first()
    if person is None:
        return None
    final = person.final_record()
    return Person.objects.visible_to(user).filter(pk=final.pk).first()
