"""What the public sees: snapshots an editor published, never the internal records.

A PublishedRecord holds only whitelisted, already-redacted values copied from
an approved event at the moment of publication. The portal, the public API,
open-data exports and reports read these rows and nothing else.
"""

import secrets
from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from rightsdesk.partial_dates import PartialDate, Precision


def new_public_id() -> str:
    return secrets.token_hex(6)


class PublishedRecordQuerySet(models.QuerySet["PublishedRecord"]):
    def public(self) -> "PublishedRecordQuerySet":
        return self.filter(withdrawn_at__isnull=True)


class PublishedRecord(models.Model):
    # The internal event it came from: for the editor's side only, never rendered publicly.
    event = models.OneToOneField("monitoring.Event", on_delete=models.PROTECT, related_name="publication")
    public_id = models.CharField(max_length=16, unique=True, default=new_public_id)
    title = models.CharField(max_length=200)
    summary = models.TextField(blank=True)
    occurred_on = models.DateField(db_index=True)
    occurred_precision = models.CharField(max_length=5, choices=Precision.choices, default=Precision.DAY)
    year = models.PositiveIntegerField(db_index=True)
    country = models.CharField(max_length=3)
    region_code = models.CharField(max_length=60, blank=True, db_index=True)
    city = models.CharField(max_length=120, blank=True)
    violation_codes = models.JSONField(default=list)
    right_codes = models.JSONField(default=list)
    tag_codes = models.JSONField(default=list)
    # [{"violation": code, "victim": label, "perpetrator_kind": code, "perpetrator_body": text,
    #   "consequences": [codes]}]
    acts = models.JSONField(default=list)
    victims = models.JSONField(default=list)  # labels: a consenting victim's name or a pseudonym
    sources = models.JSONField(default=list)  # [{"kind": code, "title": text, "url": text, "reliability": code}]
    interventions = models.JSONField(default=list)  # [{"kind": code, "on": iso date}]
    published_at = models.DateTimeField()
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    objects = PublishedRecordQuerySet.as_manager()

    class Meta:
        ordering = ["-occurred_on", "-pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def occurred(self) -> PartialDate:
        return PartialDate(self.occurred_on, self.occurred_precision or Precision.DAY)

    def search_text(self) -> str:
        parts = [self.title, self.summary, self.city, *self.victims]
        parts += [a.get("perpetrator_body", "") for a in self.acts]
        return " ".join(filter(None, parts))


class PublishedFileQuerySet(models.QuerySet["PublishedFile"]):
    def public(self) -> "PublishedFileQuerySet":
        return self.filter(record__withdrawn_at__isnull=True)


class PublishedFile(models.Model):
    """A cleaned copy of an evidence file, published with a record (publishing/cleaning.py).

    Never the original: the copy is made at publication, stored encrypted like
    documents, and served only while its record is published. It is named by
    the record and its position, never by the uploaded file's name.
    """

    record = models.ForeignKey(PublishedRecord, on_delete=models.CASCADE, related_name="files")
    # The source it was made from: for the editor's side only, never rendered publicly.
    source = models.ForeignKey("monitoring.Source", on_delete=models.PROTECT, related_name="+")
    public_id = models.CharField(max_length=16, unique=True, default=new_public_id)
    position = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=200)  # the source's title as published (redacted like the record)
    kind = models.CharField(max_length=60)  # the source kind's code
    content_type = models.CharField(max_length=40)
    extension = models.CharField(max_length=5)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)  # of the cleaned copy
    stored_name = models.CharField(max_length=32)
    width = models.PositiveIntegerField(default=0)
    height = models.PositiveIntegerField(default=0)
    pages = models.PositiveIntegerField(default=0)

    objects = PublishedFileQuerySet.as_manager()

    class Meta:
        ordering = ["record", "position"]

    def __str__(self) -> str:
        return self.file_name

    @property
    def file_name(self) -> str:
        return f"{self.public_id}.{self.extension}"

    @property
    def download_name(self) -> str:
        return f"{self.record.public_id}-{self.position}.{self.extension}"

    @property
    def is_image(self) -> bool:
        return self.content_type.startswith("image/")


class ReportQuerySet(models.QuerySet["Report"]):
    def public(self) -> "ReportQuerySet":
        return self.filter(published_at__isnull=False)


class Report(models.Model):
    """A report over a period and a filter, built from published records only.

    The records and the mission figures are frozen when the report is built,
    so a published report does not change under its readers.
    """

    title = models.CharField(_("title"), max_length=200)
    introduction = models.TextField(_("introduction"), blank=True)
    period_start = models.DateField(_("from"))
    period_end = models.DateField(_("until"))
    filters = models.JSONField(default=dict, blank=True)  # {"violation": code, "region": code, "tag": code}
    record_ids = models.JSONField(default=list)  # PublishedRecord pks at build time
    mission_figures = models.JSONField(default=list, blank=True)
    slug = models.CharField(max_length=16, unique=True, default=new_public_id)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    published_at = models.DateTimeField(null=True, blank=True)

    objects = ReportQuerySet.as_manager()

    class Meta:
        ordering = ["-period_end", "-pk"]

    def __str__(self) -> str:
        return self.title

    def records(self) -> PublishedRecordQuerySet:
        ids: list[Any] = list(self.record_ids)
        return PublishedRecord.objects.public().filter(pk__in=ids)


class Facet(models.TextChoices):
    VIOLATION = "violation", _("violation")
    RIGHT = "right", _("right")
    TAG = "tag", _("theme")
    CONSEQUENCE = "consequence", _("consequence")
    PERPETRATOR = "perpetrator", _("alleged perpetrator")


class PublishedFacet(models.Model):
    """One code a published record is filed under, so filters and counts are plain SQL on every database."""

    record = models.ForeignKey(PublishedRecord, on_delete=models.CASCADE, related_name="facets")
    facet = models.CharField(max_length=12, choices=Facet.choices)
    code = models.CharField(max_length=60)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["record", "facet", "code"], name="published_facet_unique"),
        ]
        indexes = [models.Index(fields=["facet", "code"])]

    def __str__(self) -> str:
        return f"{self.facet}:{self.code}"
