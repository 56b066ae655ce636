"""Who may see and change legal-aid records: the only way to reach them.

- The case team (responsible lawyer and members) sees its cases, confidential
  or not, whatever their role or office.
- Lawyers, office managers and viewers see the non-confidential cases and the
  consultations of their own office.
- A confidential case, and the consultations linked to it, are seen by its
  team only.
- Administering users is not reading cases: an administrator sees a case only
  through an emergency access in force (reasoned, time-limited, audited).
- Anyone else gets 404, never 403, so a case's existence does not leak.
"""

from typing import TYPE_CHECKING

from django.db.models import Q
from django.http import Http404
from django.utils import timezone

from accounts.models import CASEWORK_ROLES, Role
from casework.models import Case, Consultation, Document, EmergencyAccess

if TYPE_CHECKING:
    from accounts.models import User

NOTHING = Q(pk__in=[])


def _active(user: "User") -> bool:
    return bool(user.is_authenticated and user.is_active)


def case_visibility(user: "User") -> Q:
    if not _active(user):
        return NOTHING
    team = Q(responsible_lawyer=user) | Q(team=user)
    rule = Q(pk__in=Case.objects.filter(team).values("pk"))
    if user.role in CASEWORK_ROLES and user.office_id is not None:
        rule |= Q(office_id=user.office_id, confidential=False)
    if user.role == Role.ADMIN:
        granted = EmergencyAccess.objects.filter(user=user, expires_at__gt=timezone.now())
        rule |= Q(pk__in=granted.values("case_id"))
    return rule


def consultation_visibility(user: "User") -> Q:
    if not _active(user):
        return NOTHING
    rule = Q(lawyer=user) | Q(case__in=Case.objects.filter(case_visibility(user)))
    if user.role in CASEWORK_ROLES and user.office_id is not None:
        rule |= Q(office_id=user.office_id) & (Q(case__isnull=True) | Q(case__confidential=False))
    return rule


def get_case_for_user(user: "User", pk: int | str) -> Case:
    case = (
        Case.objects.visible_to(user)
        .filter(pk=pk)
        .select_related("office", "responsible_lawyer", "case_type", "legal_area", "outcome")
        .first()
    )
    if case is None:
        raise Http404("No such case")
    return case


def get_case_by_reference_for_user(user: "User", reference: str) -> Case:
    case = Case.objects.visible_to(user).filter(reference=reference).first()
    if case is None:
        raise Http404("No such case")
    return case


def get_consultation_for_user(user: "User", pk: int | str) -> Consultation:
    consultation = (
        Consultation.objects.visible_to(user)
        .filter(pk=pk)
        .select_related("office", "lawyer", "person", "channel", "legal_area", "outcome", "case")
        .first()
    )
    if consultation is None:
        raise Http404("No such consultation")
    return consultation


def get_document_for_user(user: "User", pk: int | str) -> Document:
    document = Document.objects.filter(pk=pk, case__in=Case.objects.visible_to(user)).select_related("case").first()
    if document is None:
        raise Http404("No such document")
    return document


def can_edit_case(user: "User", case: Case) -> bool:
    """Team members and their office's manager change a case; nobody else.

    An administrator's emergency access is for reading only.
    """
    if not _active(user) or user.role in {Role.VIEWER, Role.ADMIN}:
        return False
    if case.responsible_lawyer_id == user.pk or case.team.filter(pk=user.pk).exists():
        return True
    return user.role == Role.OFFICE_MANAGER and case.office_id == user.office_id and not case.confidential


def can_record_consultations(user: "User") -> bool:
    return _active(user) and user.role in {Role.LAWYER, Role.OFFICE_MANAGER}


def can_open_cases(user: "User") -> bool:
    return can_record_consultations(user)


def can_edit_consultation(user: "User", consultation: Consultation) -> bool:
    if not can_record_consultations(user):
        return False
    return consultation.lawyer_id == user.pk or (
        user.role == Role.OFFICE_MANAGER and consultation.office_id == user.office_id
    )
