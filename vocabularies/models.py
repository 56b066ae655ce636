from typing import TYPE_CHECKING

from django.db import models
from django.utils.translation import get_language

if TYPE_CHECKING:
    from django.utils.functional import _StrOrPromise as StrOrPromise


class Vocabulary(models.TextChoices):
    REGION = "region", "Region"
    VULNERABLE_GROUP = "vulnerable_group", "Vulnerable group"
    LEGAL_AREA = "legal_area", "Legal area"
    CASE_TYPE = "case_type", "Case type"
    CHANNEL = "consultation_channel", "Consultation channel"
    CONSULTATION_OUTCOME = "consultation_outcome", "Consultation outcome"
    CASE_OUTCOME = "case_outcome", "Case outcome"
    BODY_KIND = "body_kind", "Court or body"
    INSTANCE = "court_instance", "Instance"
    DOCUMENT_TYPE = "document_type", "Document type"
    LANGUAGE = "language", "Language"
    # Violation monitoring (loaded from monitoring/data/ by load_monitoring_vocabularies).
    VIOLATION_TYPE = "violation_type", "Violation type"
    RIGHT = "right", "Right"
    PERPETRATOR_KIND = "perpetrator_kind", "Kind of perpetrator"
    METHOD = "method", "Method"
    CONSEQUENCE = "consequence", "Consequence"
    EVENT_TAG = "event_tag", "Event tag"
    SOURCE_KIND = "source_kind", "Kind of source"
    INTERVENTION_KIND = "intervention_kind", "Kind of intervention"


class TermQuerySet(models.QuerySet["Term"]):
    def of(self, vocabulary: str) -> "TermQuerySet":
        return self.filter(vocabulary=vocabulary, active=True).order_by("sort_order", "code")


class Term(models.Model):
    """One entry of a controlled vocabulary, with its labels in en/ru/kk."""

    vocabulary = models.CharField(max_length=40, choices=Vocabulary.choices, db_index=True)
    code = models.SlugField(max_length=60)
    label_en = models.CharField(max_length=200)
    label_ru = models.CharField(max_length=200, blank=True)
    label_kk = models.CharField(max_length=200, blank=True)
    sort_order = models.PositiveIntegerField(default=0)
    active = models.BooleanField(default=True)

    objects = TermQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["vocabulary", "code"], name="term_unique_code"),
        ]
        ordering = ["vocabulary", "sort_order", "code"]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        language = (get_language() or "en")[:2]
        localised = {"ru": self.label_ru, "kk": self.label_kk}.get(language, "")
        return localised or self.label_en


def term_field(
    vocabulary: str,
    verbose: "StrOrPromise",
    *,
    required: bool = True,
    related_name: str = "+",
    active_only: bool = False,
    db_index: bool = True,
) -> models.ForeignKey:  # type: ignore[type-arg]
    """A foreign key to a term of one vocabulary, as every app's models declare them.

    `db_index=False` for a column no page filters by: terms are deactivated, never deleted, so nothing
    looks rows up by it, and each index costs every insert.
    """
    limit: dict[str, object] = {"vocabulary": vocabulary}
    if active_only:
        limit["active"] = True
    return models.ForeignKey(
        "vocabularies.Term",
        on_delete=models.PROTECT,
        related_name=related_name,
        limit_choices_to=limit,
        verbose_name=verbose,
        null=not required,
        blank=not required,
        db_index=db_index,
    )
