"""Facts about the death penalty, per country, each dated and sourced.

The database stores facts, never labels: a country's category on a date is
computed from these rows by `deathpenalty.classification`.
"""

import datetime as dt
from typing import ClassVar, Self, TypeVar

from django.conf import settings
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from rightsdesk.partial_dates import PartialDate, Precision


class Category(models.TextChoices):
    """Amnesty International's four categories."""

    ALL_CRIMES = "all_crimes", _("Abolitionist for all crimes")
    ORDINARY_CRIMES = "ordinary_crimes", _("Abolitionist for ordinary crimes only")
    IN_PRACTICE = "in_practice", _("Abolitionist in practice")
    RETENTIONIST = "retentionist", _("Retentionist")


ABOLITIONIST = frozenset({Category.ALL_CRIMES, Category.ORDINARY_CRIMES, Category.IN_PRACTICE})


class CountryQuerySet(models.QuerySet["Country"]):
    def counted_on(self, on: dt.date) -> "CountryQuerySet":
        """Countries in the world count on a date (South Sudan from 2011, Kosovo from 2020)."""
        return self.filter(models.Q(counted_from__isnull=True) | models.Q(counted_from__lte=on))


class Country(models.Model):
    """A country or territory as Amnesty International counts them."""

    iso3 = models.CharField(_("ISO 3166 alpha-3 code"), max_length=3, unique=True)
    iso2 = models.CharField(max_length=2, blank=True)
    numeric = models.CharField(max_length=3, blank=True)
    name_en = models.CharField(max_length=120)
    name_ru = models.CharField(max_length=120, blank=True)
    name_kk = models.CharField(max_length=120, blank=True)
    counted_from = models.DateField(
        null=True, blank=True, help_text=_("First day it is counted in world figures; empty: always.")
    )
    counted_from_source = models.CharField(max_length=300, blank=True)
    notes = models.TextField(blank=True)

    objects = CountryQuerySet.as_manager()

    class Meta:
        ordering = ["name_en"]
        verbose_name_plural = "countries"

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        language = (get_language() or "en")[:2]
        return {"ru": self.name_ru, "kk": self.name_kk}.get(language, "") or self.name_en

    def is_counted_on(self, on: dt.date) -> bool:
        return self.counted_from is None or self.counted_from <= on


class EventKind(models.TextChoices):
    ABOLITION_ALL = "abolition_all", _("Abolition for all crimes")
    ABOLITION_ORDINARY = "abolition_ordinary", _("Abolition for ordinary crimes")
    REINSTATEMENT = "reinstatement", _("Reinstatement")
    MORATORIUM_DECLARED = "moratorium_declared", _("Moratorium declared")
    MORATORIUM_LIFTED = "moratorium_lifted", _("Moratorium lifted")
    CONSTITUTIONAL_CHANGE = "constitutional_change", _("Constitutional change")
    TREATY_SIGNATURE = "treaty_signature", _("Treaty signed")
    TREATY_RATIFICATION = "treaty_ratification", _("Treaty ratified or acceded to")
    TREATY_IN_FORCE = "treaty_in_force", _("Treaty in force")
    EXECUTION = "execution", _("Known execution")


# Kinds that change the law, and so a country's category, once in force.
LAW_KINDS = frozenset({EventKind.ABOLITION_ALL, EventKind.ABOLITION_ORDINARY, EventKind.REINSTATEMENT})
TREATY_KINDS = frozenset({EventKind.TREATY_SIGNATURE, EventKind.TREATY_RATIFICATION, EventKind.TREATY_IN_FORCE})


class Stage(models.TextChoices):
    SIGNED = "signed", _("law signed")
    IN_FORCE = "in_force", _("law in force")


class Treaty(models.TextChoices):
    OP2_ICCPR = "op2_iccpr", _("Second Optional Protocol to the ICCPR")
    ECHR_P6 = "echr_p6", _("Protocol No. 6 to the European Convention")
    ECHR_P13 = "echr_p13", _("Protocol No. 13 to the European Convention")
    ACHR_PROTOCOL = "achr_protocol", _("Protocol to the American Convention on Human Rights")


_FactT = TypeVar("_FactT", bound="Fact")


class FactQuerySet(models.QuerySet[_FactT]):
    def current(self) -> Self:
        """Facts not withdrawn by an editor."""
        return self.filter(withdrawn=False)


class Fact(models.Model):
    """What every fact has: a source, an editor's note, and a way to withdraw it."""

    source = models.CharField(_("source"), max_length=500)
    note = models.TextField(_("note"), blank=True)
    withdrawn = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = FactQuerySet.as_manager()

    class Meta:
        abstract = True


class LegalEvent(Fact):
    """A dated legal event: an abolition, a reinstatement, a moratorium, a treaty step."""

    country = models.ForeignKey(Country, on_delete=models.PROTECT, related_name="events")
    kind = models.CharField(_("kind"), max_length=32, choices=EventKind.choices)
    stage = models.CharField(_("stage"), max_length=10, choices=Stage.choices, blank=True)
    treaty = models.CharField(_("treaty"), max_length=16, choices=Treaty.choices, blank=True)
    date = models.DateField(_("date"))
    date_precision = models.CharField(max_length=5, choices=Precision.choices)
    description = models.CharField(_("description"), max_length=300, blank=True)

    class Meta:
        ordering = ["country", "date"]

    def __str__(self) -> str:
        return f"{self.country.iso3} {self.kind} {self.partial_date}"

    @property
    def partial_date(self) -> PartialDate:
        return PartialDate(self.date, self.date_precision)


class Measure(models.TextChoices):
    EXECUTIONS = "executions", _("Executions")
    DEATH_SENTENCES = "death_sentences", _("Death sentences")
    COMMUTATIONS = "commutations", _("Commutations")
    PARDONS = "pardons", _("Pardons")
    EXONERATIONS = "exonerations", _("Exonerations")


class CountKind(models.TextChoices):
    EXACT = "exact", _("exact number")
    AT_LEAST = "at_least", _("at least N")
    MORE_THAN_ONE = "more_than_one", _("more than one, figure unknown")
    THOUSANDS = "thousands", _("thousands, figure withheld")
    UNKNOWN = "unknown", _("unknown")


class YearlyFigureQuerySet(FactQuerySet["YearlyFigure"]):
    def for_year(self, year: int) -> Self:
        return self.current().filter(year=year)


class YearlyFigure(Fact):
    """A monitor's yearly figure: 12, 12+ (at least 12), + (more than one), 1000s, unknown."""

    country = models.ForeignKey(Country, on_delete=models.PROTECT, related_name="figures")
    year = models.PositiveSmallIntegerField(_("year"))
    measure = models.CharField(_("measure"), max_length=20, choices=Measure.choices)
    count_kind = models.CharField(max_length=16, choices=CountKind.choices)
    number = models.PositiveIntegerField(null=True, blank=True)

    objects: ClassVar = YearlyFigureQuerySet.as_manager()

    class Meta:
        ordering = ["country", "year", "measure"]
        constraints = [
            models.UniqueConstraint(fields=["country", "year", "measure"], name="deathpenalty_one_figure_per_year")
        ]

    def __str__(self) -> str:
        return f"{self.country.iso3} {self.year} {self.measure} {self.as_text}"

    @property
    def as_text(self) -> str:
        from deathpenalty.counts import Count

        return Count(self.count_kind, self.number).text()


class Outcome(models.TextChoices):
    PENDING = "pending", _("Under sentence of death")
    EXECUTED = "executed", _("Executed")
    COMMUTED = "commuted", _("Commuted")
    PARDONED = "pardoned", _("Pardoned")
    EXONERATED = "exonerated", _("Exonerated")


class SentenceCase(Fact):
    """One person sentenced to death, and what became of the sentence."""

    country = models.ForeignKey(Country, on_delete=models.PROTECT, related_name="cases")
    person = models.CharField(_("person"), max_length=200)
    court = models.CharField(_("court"), max_length=200, blank=True)
    crime = models.CharField(_("crime"), max_length=200, blank=True)
    sentenced_on = models.DateField(_("sentenced on"))
    sentenced_precision = models.CharField(max_length=5, choices=Precision.choices)
    outcome = models.CharField(_("outcome"), max_length=12, choices=Outcome.choices)
    outcome_on = models.DateField(_("outcome date"), null=True, blank=True)
    outcome_precision = models.CharField(max_length=5, choices=Precision.choices, blank=True)
    # The organisation's own case file, when it represented the person. Never
    # shown on public pages: whoever follows it goes through casework's access rules.
    casework_case = models.ForeignKey(
        "casework.Case", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["country", "sentenced_on"]

    def __str__(self) -> str:
        return f"{self.country.iso3} case {self.pk}"

    @property
    def sentenced(self) -> PartialDate:
        return PartialDate(self.sentenced_on, self.sentenced_precision)

    @property
    def outcome_date(self) -> PartialDate | None:
        return PartialDate.from_fields(self.outcome_on, self.outcome_precision)


class AssessmentKind(models.TextChoices):
    PUBLISHED_CATEGORY = "published_category", _("Category in a published list")
    PRACTICE_ESTABLISHED = "practice_established", _("Has an established practice of not executing")
    PRACTICE_ENDED = "practice_ended", _("Not abolitionist in practice (e.g. resumed executions)")


class AssessmentQuerySet(FactQuerySet["Assessment"]):
    def published_lists(self) -> Self:
        return self.current().filter(kind=AssessmentKind.PUBLISHED_CATEGORY)


class Assessment(Fact):
    """A dated judgement with a source: a trusted body's list entry or an editor's view."""

    country = models.ForeignKey(Country, on_delete=models.PROTECT, related_name="assessments")
    kind = models.CharField(_("kind"), max_length=24, choices=AssessmentKind.choices)
    category = models.CharField(_("category"), max_length=16, choices=Category.choices, blank=True)
    date = models.DateField(_("as of"))
    date_precision = models.CharField(max_length=5, choices=Precision.choices)
    body = models.CharField(_("assessed by"), max_length=120)

    objects: ClassVar = AssessmentQuerySet.as_manager()

    class Meta:
        ordering = ["country", "date"]

    def __str__(self) -> str:
        return f"{self.country.iso3} {self.kind} {self.date}"


class PublishedCount(models.Model):
    """A trusted body's published world counts as of 31 December of a year."""

    year = models.PositiveSmallIntegerField(unique=True)
    all_crimes = models.PositiveSmallIntegerField(null=True, blank=True)
    ordinary_crimes = models.PositiveSmallIntegerField(null=True, blank=True)
    in_practice = models.PositiveSmallIntegerField(null=True, blank=True)
    abolitionist_total = models.PositiveSmallIntegerField(null=True, blank=True)
    retentionist = models.PositiveSmallIntegerField(null=True, blank=True)
    # Names of the fields above that the source gives only as a lower bound.
    at_least = models.JSONField(default=list, blank=True)
    source = models.CharField(max_length=500)

    class Meta:
        ordering = ["year"]

    def __str__(self) -> str:
        return f"published counts {self.year}"


class TimelineEntry(models.Model):
    """A dated milestone in a country's story, in words, with its source."""

    country = models.ForeignKey(Country, on_delete=models.PROTECT, related_name="timeline")
    date = models.DateField()
    date_precision = models.CharField(max_length=5, choices=Precision.choices)
    date_end = models.DateField(null=True, blank=True)
    date_end_precision = models.CharField(max_length=5, choices=Precision.choices, blank=True)
    title = models.CharField(max_length=200)
    detail = models.TextField(blank=True)
    source = models.CharField(max_length=500)

    class Meta:
        ordering = ["country", "date", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["country", "date", "date_precision", "title"],
                name="deathpenalty_timeline_entry_once",
            )
        ]

    def __str__(self) -> str:
        return f"{self.country.iso3} {self.title}"

    @property
    def when(self) -> str:
        start = PartialDate(self.date, self.date_precision).iso()
        end = PartialDate.from_fields(self.date_end, self.date_end_precision)
        return f"{start}/{end.iso()}" if end else start


class FactRevision(models.Model):
    """The state of a fact before an editor changed it: nothing is overwritten unseen."""

    fact_type = models.CharField(max_length=20)
    fact_id = models.PositiveBigIntegerField()
    snapshot = models.JSONField()
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    changed_at = models.DateTimeField(auto_now_add=True)
    reason = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["fact_type", "fact_id", "changed_at", "id"]
        indexes = [models.Index(fields=["fact_type", "fact_id"], name="deathpenalty_revision_idx")]

    def __str__(self) -> str:
        return f"{self.fact_type}:{self.fact_id} before {self.changed_at:%Y-%m-%d}"
