"""Who may see a person in the registry.

A person is seen by those who can see a consultation or a case they are in,
by whoever registered them, and by the casework staff of the registering
office, unless the person is a client only in confidential cases they are not
on the team of. Anyone else gets 404.
"""

from typing import TYPE_CHECKING

from django.db.models import Q
from django.http import Http404

from accounts.models import CASEWORK_ROLES
from people.models import Person

if TYPE_CHECKING:
    from accounts.models import User


def person_visibility(user: "User") -> Q:
    from casework.access import NOTHING, case_visibility, consultation_visibility
    from casework.models import Case, Consultation

    if not (user.is_authenticated and user.is_active):
        return NOTHING
    seen_cases = Case.objects.filter(case_visibility(user))
    seen_consultations = Consultation.objects.filter(consultation_visibility(user))
    rule = (
        Q(pk__in=seen_cases.values("clients"))
        | Q(pk__in=seen_consultations.exclude(person=None).values("person"))
        | Q(created_by=user)
    )
    if user.role in CASEWORK_ROLES and user.office_id is not None:
        hidden = Case.objects.filter(confidential=True).exclude(pk__in=seen_cases.values("pk"))
        rule |= Q(office_id=user.office_id) & ~Q(pk__in=hidden.values("clients"))
    return rule


def get_person_for_user(user: "User", pk: int | str) -> Person:
    person = Person.objects.visible_to(user).filter(pk=pk).select_related("office").first()
    if person is None:
        raise Http404("No such person")
    return person
