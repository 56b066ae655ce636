"""Every write in legal-aid casework: one function per intent, one transaction,
the audit entry written inside it."""

from collections.abc import Iterable
from datetime import date, datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.models import Office, User
from audit.log import record
from casework import counts, documents, workflow
from casework.models import (
    Case,
    CaseStatus,
    Consultation,
    Deadline,
    Decision,
    Document,
    EmergencyAccess,
    Hearing,
    Note,
    Proceeding,
)
from casework.references import next_reference
from people.models import Person
from search.index import index_record
from vocabularies.models import Term

CONSULTATION_FIELDS = ("date", "person", "channel", "legal_area", "summary", "outcome", "follow_up_on", "follow_up")
CASE_FIELDS = ("title", "case_type", "legal_area", "description", "confidential", "responsible_lawyer", "opened_on")


@transaction.atomic
def record_consultation(
    *, office: Office, lawyer: User, groups: Iterable[Term] = (), actor: User, **data: Any
) -> Consultation:
    consultation = Consultation(office=office, lawyer=lawyer, created_by=actor)
    for field in CONSULTATION_FIELDS:
        if field in data:
            setattr(consultation, field, data[field])
    consultation.full_clean(exclude=["groups"])
    consultation.save()
    chosen = list(groups)
    if not chosen and consultation.person is not None:
        chosen = list(consultation.person.groups.all())
    consultation.groups.set(chosen)
    index_record(consultation, consultation.search_text())
    record("consultation.create", actor=actor, target=consultation, office=office.pk)
    counts.records_changed()
    return consultation


@transaction.atomic
def update_consultation(
    consultation: Consultation, *, groups: Iterable[Term] | None = None, actor: User, **data: Any
) -> Consultation:
    for field in CONSULTATION_FIELDS:
        if field in data:
            setattr(consultation, field, data[field])
    consultation.full_clean(exclude=["groups"])
    consultation.save()
    if groups is not None:
        consultation.groups.set(list(groups))
    index_record(consultation, consultation.search_text())
    record("consultation.update", actor=actor, target=consultation)
    counts.records_changed()
    return consultation


def open_case(
    *,
    title: str,
    case_type: Term,
    legal_area: Term,
    office: Office,
    responsible_lawyer: User,
    clients: Iterable[Person],
    team: Iterable[User] = (),
    confidential: bool = False,
    description: str = "",
    opened_on: date | None = None,
    consultation: Consultation | None = None,
    actor: User,
) -> Case:
    """Open a case, directly or from a consultation (which is then linked to it)."""
    opened = opened_on or timezone.localdate()
    # Two lawyers of one office opening cases in the same instant would draw
    # the same reference; the unique constraint catches it and we draw again.
    for _attempt in range(5):
        try:
            with transaction.atomic():
                case = Case.objects.create(
                    reference=next_reference(office, opened.year),
                    title=title,
                    case_type=case_type,
                    legal_area=legal_area,
                    office=office,
                    responsible_lawyer=responsible_lawyer,
                    confidential=confidential,
                    description=description,
                    opened_on=opened,
                    created_by=actor,
                )
                client_list = list(clients)
                if consultation is not None and consultation.person is not None:
                    client_list.append(consultation.person)
                if not client_list:
                    raise ValueError("A case needs at least one client.")
                case.clients.set(client_list)
                case.team.set([u for u in team if u.pk != responsible_lawyer.pk])
                if consultation is not None:
                    consultation.case = case
                    consultation.save(update_fields=["case"])
                index_record(case, case.search_text())
                record(
                    "case.open",
                    actor=actor,
                    target=case,
                    office=office.pk,
                    consultation=consultation.pk if consultation else None,
                    confidential=confidential,
                )
                counts.records_changed()
                return case
        except IntegrityError:
            continue
    raise RuntimeError("could not allocate a case reference")


@transaction.atomic
def update_case(
    case: Case, *, team: Iterable[User] | None = None, clients: Iterable[Person] | None = None, actor: User, **data: Any
) -> Case:
    changed = sorted(k for k in data if k in CASE_FIELDS)
    for field in changed:
        setattr(case, field, data[field])
    case.full_clean(exclude=["team", "clients"])
    case.save()
    if team is not None:
        case.team.set([u for u in team if u.pk != case.responsible_lawyer_id])
        changed.append("team")
    if clients is not None:
        case.clients.set(list(clients))
        changed.append("clients")
    index_record(case, case.search_text())
    record("case.update", actor=actor, target=case, fields=changed)
    counts.records_changed()
    return case


@transaction.atomic
def change_case_status(
    case: Case, status: str, *, outcome: Term | None = None, on: date | None = None, actor: User
) -> Case:
    workflow.check_move(case.status, status, outcome_given=outcome is not None)
    previous = case.status
    case.status = status
    if status == CaseStatus.CLOSED:
        case.outcome = outcome
        case.closed_on = on or timezone.localdate()
    elif previous == CaseStatus.CLOSED:
        case.outcome = None
        case.closed_on = None
    case.save(update_fields=["status", "outcome", "closed_on", "updated_at"])
    record(
        "case.status",
        actor=actor,
        target=case,
        previous=previous,
        status=status,
        outcome=outcome.code if outcome else None,
    )
    counts.records_changed()
    return case


@transaction.atomic
def add_proceeding(case: Case, *, actor: User, **data: Any) -> Proceeding:
    proceeding = Proceeding(case=case, **data)
    proceeding.full_clean()
    proceeding.save()
    record("proceeding.create", actor=actor, target=proceeding, case=case.pk)
    return proceeding


@transaction.atomic
def add_hearing(
    proceeding: Proceeding, *, starts_at: datetime, place: str = "", notes: str = "", actor: User
) -> Hearing:
    hearing = Hearing.objects.create(proceeding=proceeding, starts_at=starts_at, place=place, notes=notes)
    record("hearing.create", actor=actor, target=hearing, case=proceeding.case_id)
    return hearing


@transaction.atomic
def record_decision(
    proceeding: Proceeding, *, decided_on: date, result: str, summary: str = "", actor: User
) -> Decision:
    decision = Decision(proceeding=proceeding, decided_on=decided_on, result=result, summary=summary)
    decision.full_clean()
    decision.save()
    record("decision.create", actor=actor, target=decision, case=proceeding.case_id, result=result)
    return decision


@transaction.atomic
def add_deadline(case: Case, *, title: str, due_on: date, owner: User, actor: User) -> Deadline:
    deadline = Deadline.objects.create(case=case, title=title, due_on=due_on, owner=owner)
    record("deadline.create", actor=actor, target=deadline, case=case.pk, owner=owner.pk)
    return deadline


@transaction.atomic
def complete_deadline(deadline: Deadline, *, actor: User) -> Deadline:
    deadline.done_at = timezone.now()
    deadline.save(update_fields=["done_at"])
    record("deadline.done", actor=actor, target=deadline, case=deadline.case_id)
    return deadline


@transaction.atomic
def add_note(case: Case, *, text: str, actor: User) -> Note:
    note = Note.objects.create(case=case, author=actor, text=text)
    record("note.create", actor=actor, target=note, case=case.pk)
    return note


def upload_document(case: Case, *, upload: "UploadedFile[bytes]", title: str, doc_type: Term, actor: User) -> Document:
    """Check the file by its content, store it, and record it; nothing is kept on failure."""
    checked = documents.check_upload(upload)
    stored_name = documents.store(checked)
    try:
        with transaction.atomic():
            document = Document.objects.create(
                case=case,
                doc_type=doc_type,
                title=title or checked.safe_name,
                original_name=checked.safe_name,
                stored_name=stored_name,
                content_type=checked.content_type,
                size=checked.size,
                sha256=checked.sha256,
                uploaded_by=actor,
            )
            record("document.upload", actor=actor, target=document, case=case.pk, size=checked.size)
    except BaseException:
        documents.discard(stored_name)
        raise
    return document


@transaction.atomic
def grant_emergency_access(case: Case, *, reason: str, actor: User) -> EmergencyAccess:
    if not reason.strip():
        raise ValueError("An emergency access needs a reason.")
    grant = EmergencyAccess.objects.create(
        user=actor,
        case=case,
        reason=reason.strip(),
        expires_at=timezone.now() + timedelta(minutes=settings.RIGHTSDESK_EMERGENCY_ACCESS_MINUTES),
    )
    record("case.emergency_access", actor=actor, target=case, grant=grant.pk)
    return grant


def note_viewed(obj: Any, *, actor: User, **detail: Any) -> None:
    """Seeing a sensitive record is itself recorded."""
    with transaction.atomic():
        record(f"{obj._meta.model_name}.view", actor=actor, target=obj, **detail)
