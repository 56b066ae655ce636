"""Every write in violation monitoring: one function per intent, one transaction,
the audit entry written inside it."""

import hashlib
from collections.abc import Iterable
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Office, User
from audit.log import record
from casework import documents
from monitoring import workflow
from monitoring.models import (
    Act,
    CustodyAction,
    CustodyEntry,
    Event,
    Intervention,
    Involvement,
    InvolvementRole,
    Mission,
    Observation,
    ReviewStatus,
    Source,
)
from people.models import Person
from rightsdesk.partial_dates import PartialDate
from search.index import index_record
from vocabularies.models import Term

EVENT_FIELDS = ("title", "description", "country", "region", "city", "place", "latitude", "longitude")


def _apply_event(event: Event, data: dict[str, Any]) -> list[str]:
    changed = []
    for field in EVENT_FIELDS:
        if field in data:
            setattr(event, field, data[field])
            changed.append(field)
    if "started" in data:
        started: PartialDate = data["started"]
        event.started_on, event.started_precision = started.value, started.precision
        changed.append("started")
    if "ended" in data:
        ended: PartialDate | None = data["ended"]
        event.ended_on = ended.value if ended else None
        event.ended_precision = ended.precision if ended else ""
        changed.append("ended")
    return changed


@transaction.atomic
def record_event(*, office: Office, tags: Iterable[Term] = (), actor: User, **data: Any) -> Event:
    event = Event(office=office, created_by=actor)
    _apply_event(event, data)
    event.full_clean(exclude=["tags"])
    event.save()
    event.tags.set(list(tags))
    index_record(event, event.search_text())
    record("event.create", actor=actor, target=event, office=office.pk)
    return event


@transaction.atomic
def update_event(event: Event, *, tags: Iterable[Term] | None = None, actor: User, **data: Any) -> Event:
    changed = _apply_event(event, data)
    event.full_clean(exclude=["tags"])
    event.save()
    if tags is not None:
        event.tags.set(list(tags))
        changed.append("tags")
    index_record(event, event.search_text())
    record("event.update", actor=actor, target=event, fields=sorted(changed))
    return event


def note_event_viewed(event: Event, *, actor: User) -> None:
    record("event.view", actor=actor, target=event)


@transaction.atomic
def change_status(event: Event, status: str, *, actor: User) -> Event:
    """Move an event through draft → verified → approved (or back to draft), noting who and when."""
    workflow.check_move(event.status, status)
    previous = event.status
    now = timezone.now()
    if status == ReviewStatus.VERIFIED:
        event.verified_by, event.verified_at = actor, now
    elif status == ReviewStatus.APPROVED:
        event.approved_by, event.approved_at = actor, now
    elif status == ReviewStatus.DRAFT:
        event.verified_by = event.approved_by = None
        event.verified_at = event.approved_at = None
    event.status = status
    event.save(update_fields=["status", "verified_by", "verified_at", "approved_by", "approved_at", "updated_at"])
    record("event.status", actor=actor, target=event, previous=previous, status=status)
    return event


def _involve(event: Event, person: Person, role: str, actor: User) -> Involvement:
    involvement, created = Involvement.objects.get_or_create(
        event=event, person=person, role=role, defaults={"created_by": actor}
    )
    if created:
        record("involvement.create", actor=actor, target=involvement, event=event.pk, person=person.pk, role=role)
    return involvement


@transaction.atomic
def add_act(
    event: Event,
    *,
    violation_type: Term,
    consequences: Iterable[Term] = (),
    actor: User,
    **data: Any,
) -> Act:
    """Record one violation; its victim and perpetrator are involved in the event as such."""
    act = Act(event=event, violation_type=violation_type, created_by=actor, **data)
    act.full_clean(exclude=["consequences"])
    act.save()
    act.consequences.set(list(consequences))
    if act.victim is not None:
        _involve(event, act.victim, InvolvementRole.VICTIM, actor)
    if act.perpetrator is not None:
        _involve(event, act.perpetrator, InvolvementRole.PERPETRATOR, actor)
    record("act.create", actor=actor, target=act, event=event.pk, violation=violation_type.code)
    return act


@transaction.atomic
def involve_person(event: Event, *, person: Person, role: str, actor: User, **data: Any) -> Involvement:
    involvement = _involve(event, person, role, actor)
    for field in ("consent_to_publish", "consent_date", "pseudonym", "notes"):
        if field in data:
            setattr(involvement, field, data[field])
    involvement.full_clean()
    involvement.save()
    return involvement


@transaction.atomic
def update_involvement(involvement: Involvement, *, actor: User, **data: Any) -> Involvement:
    changed = []
    for field in ("consent_to_publish", "consent_date", "pseudonym", "notes"):
        if field in data:
            setattr(involvement, field, data[field])
            changed.append(field)
    if involvement.consent_to_publish and involvement.consent_date is None:
        raise ValidationError({"consent_date": _("Give the date the consent to be named was recorded.")})
    involvement.full_clean()
    involvement.save()
    record(
        "involvement.update",
        actor=actor,
        target=involvement,
        fields=sorted(changed),
        consent=involvement.consent_to_publish,
    )
    return involvement


def _custody(source: Source, action: str, actor: User | None, **data: str) -> CustodyEntry:
    return CustodyEntry.objects.create(source=source, action=action, actor=actor, **data)


@transaction.atomic
def add_source(
    event: Event,
    *,
    kind: Term,
    title: str,
    collected_on: date,
    upload: "UploadedFile[bytes] | None" = None,
    given_by: Person | None = None,
    collected_by: User | None = None,
    actor: User,
    **data: Any,
) -> Source:
    """Record a source; a file is checked by content, hashed (SHA-256) and stored, and its custody begins."""
    source = Source(
        event=event,
        kind=kind,
        title=title,
        collected_on=collected_on,
        given_by=given_by,
        collected_by=collected_by or actor,
        created_by=actor,
        **data,
    )
    checked = documents.check_upload(upload) if upload is not None else None
    if checked is not None:
        source.original_name = checked.safe_name
        source.content_type = checked.content_type
        source.size = checked.size
        source.sha256 = checked.sha256
    source.full_clean(exclude=["stored_name"])
    if checked is not None:
        source.stored_name = documents.store(checked)
    try:
        source.save()
        counterpart = given_by.full_name if given_by else ""
        _custody(source, CustodyAction.COLLECTED, source.collected_by, counterpart=counterpart[:200])
        if checked is not None:
            _custody(source, CustodyAction.UPLOADED, actor, sha256=checked.sha256)
        record(
            "source.create",
            actor=actor,
            target=source,
            event=event.pk,
            confidentiality=source.confidentiality,
            sha256=source.sha256 or None,
        )
    except Exception:
        if source.stored_name:
            documents.discard(source.stored_name)
        raise
    return source


@transaction.atomic
def note_evidence_opened(source: Source, *, actor: User) -> None:
    """Opening an evidence file is part of its chain of custody."""
    _custody(source, CustodyAction.ACCESSED, actor)
    record("source.download", actor=actor, target=source, event=source.event_id)


@transaction.atomic
def note_copy_published(source: Source, *, actor: User) -> CustodyEntry:
    """A cleaned copy of the file was published (publishing.actions): the original, with this hash, was read."""
    return _custody(source, CustodyAction.PUBLISHED, actor, sha256=source.sha256)


@transaction.atomic
def transfer_evidence(source: Source, *, to: str, note: str = "", actor: User) -> CustodyEntry:
    """Record that the original (or a copy) was handed to someone: a court, a lawyer, a UN body."""
    if not to.strip():
        raise ValidationError({"to": _("Say to whom it was handed over.")})
    entry = _custody(source, CustodyAction.TRANSFERRED, actor, counterpart=to.strip()[:200], note=note[:300])
    record("source.transfer", actor=actor, target=source, event=source.event_id)
    return entry


def file_digest(source: Source) -> str | None:
    """The SHA-256 of the stored file's content as it is now, or None if it is missing or was altered on disk.

    Files are stored encrypted with authentication (casework.documents), so a changed byte fails to decrypt.
    """
    try:
        content = documents.read(source.stored_name)
    except (ValueError, OSError):
        return None
    return hashlib.sha256(content).hexdigest()


@transaction.atomic
def verify_evidence_store(*, actor: User | None = None) -> tuple[int, list[Source]]:
    """Re-hash every evidence file; returns (files checked, files changed or missing).

    Every check is a custody entry, so an evidence file's history shows when it was last known intact.
    """
    checked = 0
    bad: list[Source] = []
    for source in Source.objects.with_files().order_by("pk"):
        checked += 1
        now = file_digest(source)
        if now == source.sha256:
            _custody(source, CustodyAction.VERIFIED, actor, sha256=now)
        else:
            bad.append(source)
            _custody(source, CustodyAction.ALTERED, actor, sha256=now or "")
    record("evidence.verify", actor=actor, checked=checked, altered=[s.pk for s in bad])
    return checked, bad


@transaction.atomic
def add_intervention(
    event: Event, *, kind: Term, on: date, description: str = "", case: Any = None, actor: User
) -> Intervention:
    intervention = Intervention(event=event, kind=kind, on=on, description=description, case=case, created_by=actor)
    intervention.full_clean()
    intervention.save()
    record(
        "intervention.create",
        actor=actor,
        target=intervention,
        event=event.pk,
        case=case.pk if case is not None else None,
    )
    return intervention


# Missions


@transaction.atomic
def create_mission(*, office: Office, observers: Iterable[User] = (), actor: User, **data: Any) -> Mission:
    mission = Mission(office=office, created_by=actor, **data)
    mission.full_clean(exclude=["observers"])
    mission.save()
    mission.observers.set(list(observers))
    record("mission.create", actor=actor, target=mission, office=office.pk, kind=mission.kind)
    return mission


@transaction.atomic
def record_observation(mission: Mission, *, answers: dict[str, Any], actor: User, **data: Any) -> Observation:
    from monitoring.checklists import clean_answers

    observation = Observation(mission=mission, answers=clean_answers(mission.checklist, answers), **data)
    observation.observer = data.get("observer") or actor
    observation.full_clean()
    observation.save()
    record("observation.create", actor=actor, target=observation, mission=mission.pk)
    return observation
