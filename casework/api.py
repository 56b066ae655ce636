"""API routes for people, consultations and cases: the same access rules as the pages."""

from datetime import date
from typing import Any

from django.db import transaction
from django.http import HttpRequest
from ninja import Field, FilterSchema, Query, Router, Schema, Status
from ninja.errors import HttpError
from ninja.pagination import paginate

from accounts.models import User
from casework import actions
from casework.access import (
    can_record_consultations,
    get_case_by_reference_for_user,
    get_case_for_user,
    get_consultation_for_user,
)
from casework.filters import filter_cases, filter_consultations, filter_people
from casework.models import Case, Consultation
from people.access import get_person_for_user
from people.models import Person
from rightsdesk.api_errors import PRIVATE_ERRORS, IsoDate, Text
from rightsdesk.api_pagination import Pages
from vocabularies.models import Term

router = Router()


class PersonOut(Schema):
    id: int
    full_name: str
    other_names: str
    gender: str
    birth_date: str | None
    citizenship: str
    is_stateless: bool
    groups: list[str]
    office: str

    @staticmethod
    def resolve_birth_date(obj: Person) -> str | None:
        return obj.birth.iso() if obj.birth else None

    @staticmethod
    def resolve_groups(obj: Person) -> list[str]:
        return [t.code for t in obj.groups.all()]

    @staticmethod
    def resolve_office(obj: Person) -> str:
        return str(obj.office.code)


class ConsultationOut(Schema):
    id: int
    date: date
    office: str
    lawyer: str
    person_id: int | None
    channel: str
    legal_area: str
    groups: list[str]
    summary: str
    outcome: str | None
    case: str | None

    @staticmethod
    def resolve_office(obj: Consultation) -> str:
        return str(obj.office.code)

    @staticmethod
    def resolve_lawyer(obj: Consultation) -> str:
        return str(obj.lawyer.username)

    @staticmethod
    def resolve_channel(obj: Consultation) -> str:
        return str(obj.channel.code)

    @staticmethod
    def resolve_legal_area(obj: Consultation) -> str:
        return str(obj.legal_area.code)

    @staticmethod
    def resolve_groups(obj: Consultation) -> list[str]:
        return [t.code for t in obj.groups.all()]

    @staticmethod
    def resolve_outcome(obj: Consultation) -> str | None:
        return obj.outcome.code if obj.outcome else None

    @staticmethod
    def resolve_case(obj: Consultation) -> str | None:
        return obj.case.reference if obj.case else None


class ConsultationIn(Schema):
    date: IsoDate
    person_id: int | None = None
    channel: Text
    legal_area: Text
    groups: list[Text] = []
    summary: Text = Field(..., min_length=1)
    outcome: Text | None = None


class CaseOut(Schema):
    id: int
    reference: str
    title: str
    status: str
    case_type: str
    legal_area: str
    office: str
    responsible_lawyer: str
    opened_on: date
    closed_on: date | None
    confidential: bool
    client_ids: list[int]

    @staticmethod
    def resolve_case_type(obj: Case) -> str:
        return str(obj.case_type.code)

    @staticmethod
    def resolve_legal_area(obj: Case) -> str:
        return str(obj.legal_area.code)

    @staticmethod
    def resolve_office(obj: Case) -> str:
        return str(obj.office.code)

    @staticmethod
    def resolve_responsible_lawyer(obj: Case) -> str:
        return str(obj.responsible_lawyer.username)

    @staticmethod
    def resolve_client_ids(obj: Case) -> list[int]:
        return [p.pk for p in obj.clients.all()]


class CommonFilters(FilterSchema):
    q: Text | None = None
    office: Text | None = Field(None, description="office code")
    legal_area: Text | None = Field(None, description="legal area code")
    group: Text | None = Field(None, description="vulnerable group code")
    date_from: IsoDate | None = None
    date_to: IsoDate | None = None


class CaseFilters(CommonFilters):
    status: Text | None = None
    lawyer: Text | None = Field(None, description="username of the responsible lawyer")


def _resolve(filters: CommonFilters) -> dict[str, Any]:
    from accounts.models import Office

    data: dict[str, Any] = {k: v for k, v in filters.dict().items() if v not in (None, "")}
    if "office" in data:
        data["office"] = Office.objects.filter(code=data["office"]).first() or -1
    if "legal_area" in data:
        data["legal_area"] = Term.objects.filter(vocabulary="legal_area", code=data["legal_area"]).first() or -1
    if "group" in data:
        data["group"] = Term.objects.filter(vocabulary="vulnerable_group", code=data["group"]).first() or -1
    if "lawyer" in data:
        data["lawyer"] = User.objects.filter(username=data["lawyer"]).first() or -1
    return data


def _user(request: HttpRequest) -> User:
    return request.auth  # type: ignore[attr-defined, no-any-return]


@router.get("/people", response={200: list[PersonOut], **PRIVATE_ERRORS}, tags=["people"])
@paginate(Pages)
def list_people(request: HttpRequest, filters: Query[CommonFilters]) -> Any:
    rows = Person.objects.visible_to(_user(request)).select_related("office").prefetch_related("groups")
    return filter_people(rows, _resolve(filters))


@router.get("/people/{person_id}", response={200: PersonOut, **PRIVATE_ERRORS}, tags=["people"])
def get_person(request: HttpRequest, person_id: int) -> Any:
    person = get_person_for_user(_user(request), person_id)
    actions.note_viewed(person, actor=_user(request), via="api")
    return person


@router.get("/consultations", response={200: list[ConsultationOut], **PRIVATE_ERRORS}, tags=["consultations"])
@paginate(Pages)
def list_consultations(request: HttpRequest, filters: Query[CommonFilters]) -> Any:
    rows = (
        Consultation.objects.visible_to(_user(request))
        .select_related("office", "lawyer", "channel", "legal_area", "outcome", "case")
        .prefetch_related("groups")
    )
    return filter_consultations(rows, _resolve(filters))


@router.get(
    "/consultations/{consultation_id}", response={200: ConsultationOut, **PRIVATE_ERRORS}, tags=["consultations"]
)
def get_consultation(request: HttpRequest, consultation_id: int) -> Any:
    consultation = get_consultation_for_user(_user(request), consultation_id)
    actions.note_viewed(consultation, actor=_user(request), via="api")
    return consultation


@router.post("/consultations", response={201: ConsultationOut, **PRIVATE_ERRORS}, tags=["consultations"])
def create_consultation(request: HttpRequest, payload: ConsultationIn) -> Any:
    user = _user(request)
    if not can_record_consultations(user) or user.office is None:
        raise HttpError(403, "Your role does not record consultations.")
    errors: dict[str, str] = {}
    channel = Term.objects.of("consultation_channel").filter(code=payload.channel).first()
    area = Term.objects.of("legal_area").filter(code=payload.legal_area).first()
    outcome = Term.objects.of("consultation_outcome").filter(code=payload.outcome).first() if payload.outcome else None
    groups = list(Term.objects.of("vulnerable_group").filter(code__in=payload.groups))
    person = None
    if channel is None:
        errors["channel"] = "unknown code"
    if area is None:
        errors["legal_area"] = "unknown code"
    if payload.outcome and outcome is None:
        errors["outcome"] = "unknown code"
    if len(groups) != len(set(payload.groups)):
        errors["groups"] = "unknown code"
    if payload.person_id is not None:
        person = Person.objects.visible_to(user).filter(pk=payload.person_id).first()
        if person is None:
            errors["person_id"] = "no such person"
    if errors:
        raise HttpError(422, "; ".join(f"{k}: {v}" for k, v in errors.items()))
    with transaction.atomic():
        consultation = actions.record_consultation(
            office=user.office,
            lawyer=user,
            groups=groups,
            actor=user,
            date=payload.date,
            person=person,
            channel=channel,
            legal_area=area,
            summary=payload.summary,
            outcome=outcome,
        )
    return Status(201, consultation)


@router.get("/cases", response={200: list[CaseOut], **PRIVATE_ERRORS}, tags=["cases"])
@paginate(Pages)
def list_cases(request: HttpRequest, filters: Query[CaseFilters]) -> Any:
    rows = (
        Case.objects.visible_to(_user(request))
        .select_related("office", "responsible_lawyer", "case_type", "legal_area")
        .prefetch_related("clients")
    )
    return filter_cases(rows, _resolve(filters))


@router.get("/cases/{case_id}", response={200: CaseOut, **PRIVATE_ERRORS}, tags=["cases"])
def get_case(request: HttpRequest, case_id: int) -> Any:
    case = get_case_for_user(_user(request), case_id)
    actions.note_viewed(case, actor=_user(request), via="api")
    return case


@router.get("/cases/by-reference/{reference}", response={200: CaseOut, **PRIVATE_ERRORS}, tags=["cases"])
def get_case_by_reference(request: HttpRequest, reference: str) -> Any:
    case = get_case_by_reference_for_user(_user(request), reference)
    actions.note_viewed(case, actor=_user(request), via="api")
    return case
