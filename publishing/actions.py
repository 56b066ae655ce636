"""Every write in publishing: publishing and withdrawing records, building and publishing reports."""

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from audit.log import record
from monitoring.access import can_review
from monitoring.checklists import figures_of
from monitoring.models import Event, Mission, Observation, ReviewStatus
from publishing import snapshot
from publishing.cache import invalidate_public_pages
from publishing.models import PublishedFacet, PublishedRecord, Report
from publishing.queries import filter_records
from publishing.redaction import Finding
from search.index import index_record, unindex_record


class PublishRefused(ValueError):
    def __init__(self, message: str, findings: list[Finding] | None = None) -> None:
        super().__init__(message)
        self.findings = findings or []


def preview(event: Event, *, title: str, summary: str, apply_redaction: bool) -> snapshot.Draft:
    return snapshot.build(event, title=title, summary=summary, apply_redaction=apply_redaction)


@transaction.atomic
def publish_event(event: Event, *, title: str, summary: str, apply_redaction: bool, actor: User) -> PublishedRecord:
    """Publish (or republish) an approved event as a redacted snapshot.

    If the free text names a protected person or gives a contact or place and
    the editor did not ask for redaction, nothing is published.
    """
    invalidate_public_pages()
    if not can_review(actor, event):
        raise PublishRefused(_("Only an editor of the event's office publishes it."))
    if event.status != ReviewStatus.APPROVED:
        raise PublishRefused(_("Only a record approved for publication can be published."))
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
    )
    return published


@transaction.atomic
def withdraw(published: PublishedRecord, *, actor: User) -> PublishedRecord:
    invalidate_public_pages()
    published.withdrawn_at = timezone.now()
    published.save(update_fields=["withdrawn_at", "updated_at"])
    unindex_record(published)
    record("publication.withdraw", actor=actor, target=published, event=published.event_id)
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
