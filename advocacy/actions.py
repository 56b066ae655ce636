"""Every write in advocacy and education: one function per intent, one transaction,
the audit entry written inside it, the actor keyword-only."""

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import Office, User
from advocacy.models import (
    ActionDocument,
    AdvocacyAction,
    Campaign,
    FollowUp,
    NamedParticipant,
    ParticipantCount,
    Recommendation,
    RecommendationStatus,
    StrategicCase,
    Training,
)
from audit.log import record
from casework import documents
from casework.models import Case
from deathpenalty.models import LegalEvent
from rightsdesk.partial_dates import PartialDate
from vocabularies.models import Term

CAMPAIGN_FIELDS = ("title", "goal", "legal_change", "status", "office")
ACTION_FIELDS = ("kind", "title", "target_kind", "target", "others_involved", "notes", "result")
RECOMMENDATION_FIELDS = ("source", "body", "reference", "text", "country")
TRAINING_FIELDS = ("topic", "date", "ends_on", "place", "office", "guest_trainers", "materials", "campaign")


def _apply(obj: Any, fields: Iterable[str], data: Mapping[str, Any]) -> None:
    for field in fields:
        if field in data:
            setattr(obj, field, data[field])


def _apply_campaign_dates(campaign: Campaign, data: Mapping[str, Any]) -> None:
    if "started" in data:
        started: PartialDate = data["started"]
        campaign.starts_on, campaign.starts_precision = started.value, started.precision
    if "ended" in data:
        ended: PartialDate | None = data["ended"]
        campaign.ends_on = ended.value if ended else None
        campaign.ends_precision = ended.precision if ended else ""


# Campaigns -----------------------------------------------------------------


@transaction.atomic
def start_campaign(
    *, office: Office, started: PartialDate, team: Iterable[User] = (), actor: User, **data: Any
) -> Campaign:
    campaign = Campaign(office=office, created_by=actor)
    _apply(campaign, CAMPAIGN_FIELDS, data)
    _apply_campaign_dates(campaign, {"started": started, **data})
    campaign.full_clean(exclude=["team"])
    campaign.save()
    campaign.team.set(list(team))
    record("advocacy.campaign.create", actor=actor, target=campaign, office=office.pk)
    return campaign


@transaction.atomic
def update_campaign(campaign: Campaign, *, team: Iterable[User] | None = None, actor: User, **data: Any) -> Campaign:
    _apply(campaign, CAMPAIGN_FIELDS, data)
    _apply_campaign_dates(campaign, data)
    campaign.full_clean(exclude=["team"])
    campaign.save()
    if team is not None:
        campaign.team.set(list(team))
    record("advocacy.campaign.update", actor=actor, target=campaign, status=campaign.status)
    return campaign


# Advocacy actions ------------------------------------------------------------


@transaction.atomic
def record_action(
    campaign: Campaign,
    *,
    when: PartialDate,
    staff: Iterable[User] = (),
    recommendations: Iterable[Recommendation] = (),
    legal_events: Iterable[LegalEvent] = (),
    actor: User,
    **data: Any,
) -> AdvocacyAction:
    action = AdvocacyAction(campaign=campaign, date=when.value, date_precision=when.precision, created_by=actor)
    _apply(action, ACTION_FIELDS, data)
    action.full_clean(exclude=["staff", "recommendations", "legal_events"])
    action.save()
    action.staff.set(list(staff))
    pushed = list(recommendations)
    events = list(legal_events)
    action.recommendations.set(pushed)
    action.legal_events.set(events)
    record(
        "advocacy.action.create",
        actor=actor,
        target=action,
        campaign=campaign.pk,
        kind=action.kind.code,
        recommendations=[r.pk for r in pushed],
        legal_events=[e.pk for e in events],
    )
    return action


@transaction.atomic
def update_action(
    action: AdvocacyAction,
    *,
    when: PartialDate | None = None,
    staff: Iterable[User] | None = None,
    recommendations: Iterable[Recommendation] | None = None,
    legal_events: Iterable[LegalEvent] | None = None,
    actor: User,
    **data: Any,
) -> AdvocacyAction:
    _apply(action, ACTION_FIELDS, data)
    if when is not None:
        action.date, action.date_precision = when.value, when.precision
    action.full_clean(exclude=["staff", "recommendations", "legal_events"])
    action.save()
    if staff is not None:
        action.staff.set(list(staff))
    if recommendations is not None:
        action.recommendations.set(list(recommendations))
    if legal_events is not None:
        action.legal_events.set(list(legal_events))
    record("advocacy.action.update", actor=actor, target=action, campaign=action.campaign_id)
    return action


@transaction.atomic
def add_action_document(
    action: AdvocacyAction,
    *,
    title: str,
    url: str = "",
    upload: "UploadedFile[bytes] | None" = None,
    actor: User,
) -> ActionDocument:
    """A file is checked by its content and stored encrypted like case documents; or a link to a public document."""
    if not url and upload is None:
        raise ValidationError(_("Give a file or a link."))
    document = ActionDocument(action=action, title=title, url=url, uploaded_by=actor)
    stored_name = ""
    if upload is not None:
        checked = documents.check_upload(upload)  # raises UploadRejected with a clear message
        stored_name = documents.store(checked)
        document.original_name = checked.safe_name
        document.stored_name = stored_name
        document.content_type = checked.content_type
        document.size = checked.size
        document.sha256 = checked.sha256
    try:
        document.full_clean()
        document.save()
        record("advocacy.document.add", actor=actor, target=document, action_id=action.pk, has_file=bool(stored_name))
    except Exception:
        if stored_name:
            documents.discard(stored_name)
        raise
    return document


@transaction.atomic
def note_document_downloaded(document: ActionDocument, *, actor: User) -> None:
    record("advocacy.document.download", actor=actor, target=document, action_id=document.action_id)


# Recommendations -------------------------------------------------------------


def _refresh_status(recommendation: Recommendation) -> None:
    latest = recommendation.history.order_by("-on", "-recorded_at", "-pk").first()
    recommendation.status = latest.status if latest else FollowUp.NOT_IMPLEMENTED
    recommendation.save(update_fields=["status"])


@transaction.atomic
def add_recommendation(*, source: Term, text: str, issued: PartialDate, actor: User, **data: Any) -> Recommendation:
    """A new recommendation starts its history as not implemented on the day it was made."""
    recommendation = Recommendation(
        source=source, text=text, issued_on=issued.value, issued_precision=issued.precision, created_by=actor
    )
    _apply(recommendation, ("body", "reference", "country"), data)
    recommendation.full_clean(exclude=["fulfilled_by"])
    recommendation.save()
    RecommendationStatus.objects.create(
        recommendation=recommendation,
        status=FollowUp.NOT_IMPLEMENTED,
        on=issued.value,
        on_precision=issued.precision,
        is_initial=True,
        recorded_by=actor,
    )
    record("advocacy.recommendation.create", actor=actor, target=recommendation, source=source.code)
    return recommendation


@transaction.atomic
def update_recommendation(recommendation: Recommendation, *, actor: User, **data: Any) -> Recommendation:
    _apply(recommendation, RECOMMENDATION_FIELDS, data)
    if "issued" in data:
        issued: PartialDate = data["issued"]
        recommendation.issued_on, recommendation.issued_precision = issued.value, issued.precision
    recommendation.full_clean(exclude=["fulfilled_by"])
    recommendation.save()
    record("advocacy.recommendation.update", actor=actor, target=recommendation)
    return recommendation


@transaction.atomic
def set_recommendation_status(
    recommendation: Recommendation,
    *,
    status: str,
    since: PartialDate,
    legal_event: LegalEvent | None = None,
    note: str = "",
    actor: User,
) -> RecommendationStatus:
    """Add a step to the follow-up history; the current status is the latest step by date.

    A legal event given as evidence of (partial) implementation is also linked as fulfilling the recommendation.
    """
    if status not in FollowUp.values:
        raise ValidationError(_("Unknown follow-up status."))
    if since.value < recommendation.issued_on:
        raise ValidationError(_("A follow-up cannot predate the recommendation."))
    step = RecommendationStatus(
        recommendation=recommendation,
        status=status,
        on=since.value,
        on_precision=since.precision,
        legal_event=legal_event,
        note=note,
        recorded_by=actor,
    )
    step.full_clean()
    step.save()
    if legal_event is not None and status in {FollowUp.IMPLEMENTED, FollowUp.PARTIALLY}:
        recommendation.fulfilled_by.add(legal_event)
    _refresh_status(recommendation)
    record(
        "advocacy.recommendation.status",
        actor=actor,
        target=recommendation,
        status=status,
        since=since.iso(),
        legal_event=legal_event.pk if legal_event else None,
    )
    return step


@transaction.atomic
def link_fulfilling_event(recommendation: Recommendation, legal_event: LegalEvent, *, actor: User) -> None:
    recommendation.fulfilled_by.add(legal_event)
    record("advocacy.recommendation.fulfilled_by", actor=actor, target=recommendation, legal_event=legal_event.pk)


# Strategic litigation --------------------------------------------------------


@transaction.atomic
def mark_strategic(
    case: Case,
    *,
    campaign: Campaign | None = None,
    aim: str = "",
    recommendations: Iterable[Recommendation] = (),
    legal_events: Iterable[LegalEvent] = (),
    actor: User,
) -> StrategicCase:
    if StrategicCase.objects.filter(case=case).exists():
        raise ValidationError(_("This case is already marked as strategic."))
    strategic = StrategicCase.objects.create(case=case, campaign=campaign, aim=aim, marked_by=actor)
    strategic.recommendations.set(list(recommendations))
    strategic.legal_events.set(list(legal_events))
    record(
        "advocacy.strategic.mark",
        actor=actor,
        target=strategic,
        case=case.pk,
        campaign=campaign.pk if campaign else None,
    )
    return strategic


@transaction.atomic
def update_strategic(
    strategic: StrategicCase,
    *,
    campaign: Campaign | None,
    aim: str,
    recommendations: Iterable[Recommendation],
    legal_events: Iterable[LegalEvent],
    actor: User,
) -> StrategicCase:
    strategic.campaign = campaign
    strategic.aim = aim
    strategic.save()
    strategic.recommendations.set(list(recommendations))
    strategic.legal_events.set(list(legal_events))
    record("advocacy.strategic.update", actor=actor, target=strategic, case=strategic.case_id)
    return strategic


@transaction.atomic
def unmark_strategic(strategic: StrategicCase, *, actor: User) -> None:
    record("advocacy.strategic.unmark", actor=actor, target=strategic, case=strategic.case_id)
    strategic.delete()


# Education -------------------------------------------------------------------


def _set_counts(training: Training, counts: Mapping[Term, int]) -> None:
    kept = []
    for group, count in counts.items():
        if count < 0:
            raise ValidationError(_("A number of participants cannot be negative."))
        if count == 0:
            continue
        ParticipantCount.objects.update_or_create(training=training, group=group, defaults={"count": count})
        kept.append(group.pk)
    training.participant_counts.exclude(group_id__in=kept).delete()


def _check_named_within_counted(training: Training) -> None:
    named = training.named_participants.count()
    if named > training.participant_total:
        raise ValidationError(
            _("%(named)d participants are named but only %(counted)d are counted; count them by group first.")
            % {"named": named, "counted": training.participant_total}
        )


@transaction.atomic
def record_training(
    *,
    topic: str,
    date: date,
    place: str,
    office: Office,
    counts: Mapping[Term, int] | None = None,
    trainers: Iterable[User] = (),
    actor: User,
    **data: Any,
) -> Training:
    training = Training(topic=topic, date=date, place=place, office=office, created_by=actor)
    _apply(training, TRAINING_FIELDS, data)
    if training.ends_on and training.ends_on < training.date:
        raise ValidationError({"ends_on": _("The last day cannot be before the first.")})
    training.full_clean(exclude=["trainers"])
    training.save()
    training.trainers.set(list(trainers))
    _set_counts(training, counts or {})
    record(
        "advocacy.training.create",
        actor=actor,
        target=training,
        office=office.pk,
        participants=training.participant_total,
    )
    return training


@transaction.atomic
def update_training(
    training: Training,
    *,
    counts: Mapping[Term, int] | None = None,
    trainers: Iterable[User] | None = None,
    actor: User,
    **data: Any,
) -> Training:
    _apply(training, TRAINING_FIELDS, data)
    if training.ends_on and training.ends_on < training.date:
        raise ValidationError({"ends_on": _("The last day cannot be before the first.")})
    training.full_clean(exclude=["trainers"])
    training.save()
    if trainers is not None:
        training.trainers.set(list(trainers))
    if counts is not None:
        _set_counts(training, counts)
        _check_named_within_counted(training)
    record("advocacy.training.update", actor=actor, target=training, participants=training.participant_total)
    return training


@transaction.atomic
def add_named_participant(
    training: Training,
    *,
    name: str,
    consent_on: date | None,
    organisation: str = "",
    group: Term | None = None,
    actor: User,
) -> NamedParticipant:
    """Only a participant whose consent to be named is recorded, with its date, is named."""
    if consent_on is None:
        raise ValidationError(_("A participant is named only with their recorded consent."))
    participant = NamedParticipant(
        training=training, name=name, organisation=organisation, group=group, consent_on=consent_on, added_by=actor
    )
    participant.full_clean()
    participant.save()
    _check_named_within_counted(training)
    record("advocacy.participant.add", actor=actor, target=participant, training=training.pk)
    return participant


@transaction.atomic
def remove_named_participant(participant: NamedParticipant, *, actor: User) -> None:
    record("advocacy.participant.remove", actor=actor, target=participant, training=participant.training_id)
    participant.delete()


# The impact report -------------------------------------------------------------


@transaction.atomic
def note_impact_report(*, actor: User | None, date_from: date, date_to: date, office: Office | None, fmt: str) -> None:
    """Producing the impact report is an export: audited with its period, office and format."""
    record(
        "advocacy.impact.export",
        actor=actor,
        object_type="advocacy.impact",
        date_from=date_from.isoformat(),
        date_to=date_to.isoformat(),
        office=office.pk if office else None,
        format=fmt,
    )
