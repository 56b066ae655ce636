"""Every write in publishing: publishing and withdrawing records, building and publishing reports."""

import datetime as dt
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from audit.log import record
from casework import documents
from monitoring.access import can_review
from monitoring.actions import note_copy_published
from monitoring.checklists import figures_of
from monitoring.models import Event, Mission, Observation, ReviewStatus, Source
from publishing import cleaning, snapshot
from publishing.cache import invalidate_public_pages
from publishing.models import PublishedFacet, PublishedFile, PublishedRecord, Report
from publishing.queries import filter_records
from publishing.redaction import Finding
from search.index import index_record, unindex_record


class PublishRefused(ValueError):
    def __init__(self, message: str, findings: list[Finding] | None = None) -> None:
        super().__init__(message)
        self.findings = findings or []


def preview(event: Event, *, title: str, summary: str, apply_redaction: bool) -> snapshot.Draft:
    return snapshot.build(event, title=title, summary=summary, apply_redaction=apply_redaction)


@dataclass(frozen=True)
class _CleanCopy:
    source: Source
    cleaned: cleaning.CleanedFile


def _clean_copies(event: Event, evidence_files: Iterable[Source]) -> list[_CleanCopy]:
    """A cleaned copy of each chosen file, made before anything is written; any failure refuses them all."""
    allowed = set(snapshot.publishable_files(event).values_list("pk", flat=True))
    copies = []
    for source in sorted(evidence_files, key=lambda s: s.pk):
        if source.pk not in allowed:
            raise PublishRefused(
                _(
                    "Only the files of this event's sources marked “may be published”, and only pictures "
                    "(JPEG, PNG, WebP) or PDFs, can be published with it."
                )
            )
        try:
            original = documents.read(source.stored_name)
        except (ValueError, OSError):
            original = None
        # The copy is made from the evidence as it was hashed at upload, or not at all.
        if original is None or hashlib.sha256(original).hexdigest() != source.sha256:
            raise PublishRefused(
                _("The file of “%(title)s” has changed or is missing since it was uploaded; it is not published.")
                % {"title": source.title}
            )
        try:
            cleaned = cleaning.clean(original, source.content_type)
        except cleaning.CleaningRefused as exc:
            raise PublishRefused(
                _("The file of “%(title)s” was refused: %(reason)s") % {"title": source.title, "reason": exc}
            ) from None
        copies.append(_CleanCopy(source, cleaned))
    return copies


def _discard_later(stored_names: list[str]) -> None:
    """Remove stored copies once the transaction that stopped using them has committed."""

    def discard() -> None:
        for name in stored_names:
            documents.discard(name)

    if stored_names:
        transaction.on_commit(discard)


def _publish_files(
    published: PublishedRecord, copies: list[_CleanCopy], titles: dict[int, str], *, actor: User
) -> list[PublishedFile]:
    stored: list[str] = []
    created = []
    try:
        for position, copy in enumerate(copies, start=1):
            content = copy.cleaned.content
            digest = hashlib.sha256(content).hexdigest()
            stored_name = documents.store(
                documents.CheckedUpload(
                    content=content,
                    content_type=copy.cleaned.content_type,
                    size=len(content),
                    sha256=digest,
                    safe_name=f"{published.public_id}-{position}.{copy.cleaned.extension}",
                )
            )
            stored.append(stored_name)
            published_file = PublishedFile.objects.create(
                record=published,
                source=copy.source,
                position=position,
                title=titles.get(copy.source.pk, ""),
                kind=copy.source.kind.code,
                content_type=copy.cleaned.content_type,
                extension=copy.cleaned.extension,
                size=len(content),
                sha256=digest,
                stored_name=stored_name,
                width=copy.cleaned.width,
                height=copy.cleaned.height,
                pages=copy.cleaned.pages,
            )
            note_copy_published(copy.source, actor=actor)
            record(
                "publication.file",
                actor=actor,
                target=published_file,
                record=published.pk,
                source=copy.source.pk,
                sha256=digest,
            )
            created.append(published_file)
    except Exception:
        # The rows go with the transaction; the files on disk would not.
        for name in stored:
            documents.discard(name)
        raise
    return created


def _remove_files(published: PublishedRecord) -> int:
    old = list(published.files.all())
    published.files.all().delete()
    _discard_later([f.stored_name for f in old])
    return len(old)


def _check_may_publish(event: Event, actor: User) -> None:
    if not can_review(actor, event):
        raise PublishRefused(_("Only an editor of the event's office publishes it."))
    if event.status != ReviewStatus.APPROVED:
        raise PublishRefused(_("Only a record approved for publication can be published."))


def publish_event(
    event: Event,
    *,
    title: str,
    summary: str,
    apply_redaction: bool,
    evidence_files: Iterable[Source] = (),
    actor: User,
) -> PublishedRecord:
    """Publish (or republish) an approved event as a redacted snapshot, with cleaned copies of the files of
    the sources in `evidence_files`.

    If the free text names a protected person or gives a contact or place and
    the editor did not ask for redaction, nothing is published; nor if a chosen
    file cannot be cleaned of its metadata (publishing/cleaning.py).
    """
    _check_may_publish(event, actor)
    # Decoding and encoding pictures takes a while: it is done before the write transaction,
    # which on SQLite holds the database's write lock from its first statement.
    copies = _clean_copies(event, evidence_files)
    return _publish(event, title=title, summary=summary, apply_redaction=apply_redaction, copies=copies, actor=actor)


@transaction.atomic
def _publish(
    event: Event, *, title: str, summary: str, apply_redaction: bool, copies: list[_CleanCopy], actor: User
) -> PublishedRecord:
    invalidate_public_pages()
    _check_may_publish(event, actor)
    draft = snapshot.build(event, title=title, summary=summary, apply_redaction=apply_redaction)
    if draft.findings and not apply_redaction:
        raise PublishRefused(
            _("The text names protected people or gives contacts or places; redact them before publishing."),
            draft.findings,
        )
    now = timezone.now()
    existing = PublishedRecord.objects.filter(event=event).first()
    published = existing or PublishedRecord(event=event)
    for key, value in draft.values.items():
        setattr(published, key, value)
    published.published_at = now
    published.published_by = actor
    published.withdrawn_at = None
    published.save()
    published.facets.all().delete()
    PublishedFacet.objects.bulk_create(
        [PublishedFacet(record=published, facet=facet, code=code) for facet, code in draft.facets]
    )
    index_record(published, published.search_text())
    record(
        "publication.publish",
        actor=actor,
        target=published,
        event=event.pk,
        republished=existing is not None,
        redactions=len(draft.findings),
        files=len(copies),
    )
    # A republication publishes fresh copies of the files chosen now; the earlier copies go.
    _remove_files(published)
    _publish_files(published, copies, draft.source_titles, actor=actor)
    return published


@transaction.atomic
def withdraw(published: PublishedRecord, *, actor: User) -> PublishedRecord:
    """Take a record off the portal; its published files are deleted, not merely hidden."""
    invalidate_public_pages()
    published.withdrawn_at = timezone.now()
    published.save(update_fields=["withdrawn_at", "updated_at"])
    unindex_record(published)
    removed = _remove_files(published)
    record("publication.withdraw", actor=actor, target=published, event=published.event_id, files=removed)
    return published


def _mission_figures(start: dt.date, end: dt.date, office_id: int | None) -> list[dict[str, Any]]:
    figures = []
    missions = Mission.objects.filter(observations__observed_on__range=(start, end)).distinct()
    if office_id is not None:
        missions = missions.filter(office_id=office_id)
    for kind in sorted({m.kind for m in missions}):
        of_kind = missions.filter(kind=kind).select_related("checklist")
        observations = Observation.objects.filter(mission__in=of_kind, observed_on__range=(start, end))
        first = of_kind.first()
        if first is None:
            continue
        result = figures_of(kind, first.checklist, observations)
        figures.append(
            {
                "kind": kind,
                "observations": result.observations,
                "cities": result.cities,
                "detentions": result.detentions,
                "observations_with_detentions": result.observations_with_detentions,
            }
        )
    return figures


@transaction.atomic
def build_report(
    *,
    title: str,
    period_start: dt.date,
    period_end: dt.date,
    filters: dict[str, str],
    introduction: str = "",
    include_missions: bool = False,
    actor: User,
) -> Report:
    """Freeze the published records of a period and filter (and, if asked, mission figures) into a report."""
    records = filter_records(
        PublishedRecord.objects.public().filter(occurred_on__range=(period_start, period_end)), filters
    )
    report = Report.objects.create(
        title=title,
        introduction=introduction,
        period_start=period_start,
        period_end=period_end,
        filters={k: v for k, v in filters.items() if v},
        record_ids=list(records.values_list("pk", flat=True)),
        mission_figures=_mission_figures(period_start, period_end, actor.office_id) if include_missions else [],
        created_by=actor,
    )
    record("report.build", actor=actor, target=report, records=len(report.record_ids))
    return report


@transaction.atomic
def publish_report(report: Report, *, actor: User) -> Report:
    invalidate_public_pages()
    report.published_at = timezone.now()
    report.save(update_fields=["published_at"])
    record("report.publish", actor=actor, target=report)
    return report


@transaction.atomic
def unpublish_report(report: Report, *, actor: User) -> Report:
    invalidate_public_pages()
    report.published_at = None
    report.save(update_fields=["published_at"])
    record("report.unpublish", actor=actor, target=report)
    return report
