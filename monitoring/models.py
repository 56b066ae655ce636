"""Documenting violations: who did what to whom, when and where, and how we know.

In the spirit of the HURIDOCS Events Standard Formats: an Event holds Acts
(one violation of one right against one victim by one perpetrator), the
people Involved in it from the shared registry, the Sources and evidence it
rests on, and the Interventions the organisation made. Missions are the
organisation's own monitoring of assemblies and trials.
"""

from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from rightsdesk.fields import EncryptedTextField
from rightsdesk.partial_dates import PartialDate, Precision
from vocabularies.models import term_field

if TYPE_CHECKING:
    from accounts.models import User


class ReviewStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    VERIFIED = "verified", _("verified")
    APPROVED = "approved", _("approved for publication")


class Confidentiality(models.TextChoices):
    PUBLIC = "public", _("may be published")
    INTERNAL = "internal", _("internal")
    CONFIDENTIAL = "confidential", _("confidential")


class Reliability(models.TextChoices):
    CONFIRMED = "confirmed", _("confirmed by several independent sources")
    PROBABLE = "probable", _("probably true")
    POSSIBLE = "possible", _("possibly true")
    DOUBTFUL = "doubtful", _("doubtful")
    UNKNOWN = "unknown", _("cannot be judged")


class InvolvementRole(models.TextChoices):
    VICTIM = "victim", _("victim")
    PERPETRATOR = "perpetrator", _("alleged perpetrator")
    WITNESS = "witness", _("witness")
    SOURCE = "source", _("source")
    INTERVENING = "intervening", _("intervening party")


class EventQuerySet(models.QuerySet["Event"]):
    def visible_to(self, user: "User") -> "EventQuerySet":
        from monitoring.access import event_visibility

        return self.filter(event_visibility(user))

    def approved(self) -> "EventQuerySet":
        return self.filter(status=ReviewStatus.APPROVED)


class Event(models.Model):
    """Something that happened, at a time and a place, documented by a monitor."""

    title = EncryptedTextField(_("title"), max_length=200)
    description = EncryptedTextField(_("description"), blank=True)
    started_on = models.DateField(_("date"))
    started_precision = models.CharField(max_length=5, choices=Precision.choices, default=Precision.DAY)
    ended_on = models.DateField(_("until"), null=True, blank=True)
    ended_precision = models.CharField(max_length=5, choices=Precision.choices, blank=True)
    country = models.CharField(_("country"), max_length=3, default="KAZ", help_text=_("ISO 3166 alpha-3 code"))
    region = term_field("region", _("region"), required=False)
    city = models.CharField(_("city or district"), max_length=120, blank=True)
    place = EncryptedTextField(
        _("exact place"),
        max_length=300,
        blank=True,
        help_text=_("Street, building, institution. Never published."),
    )
    latitude = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    tags = models.ManyToManyField(
        "vocabularies.Term",
        blank=True,
        related_name="+",
        limit_choices_to={"vocabulary": "event_tag"},
        verbose_name=_("thematic tags"),
    )
    office = models.ForeignKey("accounts.Office", on_delete=models.PROTECT, related_name="events")
    status = models.CharField(
        _("review status"), max_length=10, choices=ReviewStatus.choices, default=ReviewStatus.DRAFT, db_index=True
    )
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    verified_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = ["-started_on", "-pk"]
        # Lists and searches with many matches walk this index in display order.
        indexes = [models.Index(fields=["started_on", "id"], name="event_started")]
        verbose_name = _("event")
        verbose_name_plural = _("events")

    def __str__(self) -> str:
        return str(self.title)

    @property
    def started(self) -> PartialDate:
        return PartialDate(self.started_on, self.started_precision or Precision.DAY)

    @property
    def ended(self) -> PartialDate | None:
        return PartialDate.from_fields(self.ended_on, self.ended_precision)

    def search_text(self) -> str:
        return " ".join(filter(None, [self.title, self.description, self.city]))


class Act(models.Model):
    """One violation within an event: what was done, to whom, by whom."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="acts")
    violation_type = term_field("violation_type", _("violation"))
    victim = models.ForeignKey(
        "people.Person",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="acts_suffered",
        verbose_name=_("victim"),
    )
    perpetrator_kind = term_field("perpetrator_kind", _("alleged perpetrator (kind)"), required=False)
    perpetrator = models.ForeignKey(
        "people.Person",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="acts_alleged",
        verbose_name=_("alleged perpetrator (person)"),
    )
    perpetrator_body = models.CharField(
        _("alleged perpetrator (institution)"),
        max_length=200,
        blank=True,
        help_text=_("For example: Almalinsky district police department."),
    )
    method = term_field("method", _("method"), required=False)
    consequences = models.ManyToManyField(
        "vocabularies.Term",
        blank=True,
        related_name="+",
        limit_choices_to={"vocabulary": "consequence"},
        verbose_name=_("consequences"),
    )
    notes = EncryptedTextField(_("notes"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["event", "pk"]

    def __str__(self) -> str:
        return str(self.violation_type)


class Involvement(models.Model):
    """A person from the registry in an event, in a role, with their consent to be named."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="involvements")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="involvements")
    role = models.CharField(_("role"), max_length=12, choices=InvolvementRole.choices)
    consent_to_publish = models.BooleanField(
        _("consents to be named in publications"),
        default=False,
        help_text=_("Only with a recorded consent is the real name published; otherwise a pseudonym is."),
    )
    consent_date = models.DateField(_("date of consent"), null=True, blank=True)
    pseudonym = EncryptedTextField(
        _("pseudonym"), max_length=80, blank=True, help_text=_("Published instead of the name, e.g. “Journalist A.”")
    )
    notes = EncryptedTextField(_("notes"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["event", "role", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["event", "person", "role"], name="involvement_unique_role"),
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.get_role_display()})"


class SourceQuerySet(models.QuerySet["Source"]):
    def visible_to(self, user: "User") -> "SourceQuerySet":
        from monitoring.access import source_visibility

        return self.filter(source_visibility(user))

    def with_files(self) -> "SourceQuerySet":
        return self.exclude(stored_name="")


class Source(models.Model):
    """How we know: a document, a media file, a link or a testimony, perhaps with a file (evidence)."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="sources")
    kind = term_field("source_kind", _("kind"))
    title = EncryptedTextField(_("title"), max_length=200)
    description = EncryptedTextField(_("description"), blank=True)
    url = EncryptedTextField(_("link"), blank=True, max_length=500)
    reliability = models.CharField(
        _("reliability"), max_length=10, choices=Reliability.choices, default=Reliability.UNKNOWN
    )
    confidentiality = models.CharField(
        _("confidentiality"), max_length=12, choices=Confidentiality.choices, default=Confidentiality.INTERNAL
    )
    given_by = models.ForeignKey(
        "people.Person",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="sources_given",
        verbose_name=_("received from"),
    )
    collected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("collected by"),
    )
    collected_on = models.DateField(_("collected on"))
    # The file, when there is one: stored like case documents, hashed at upload.
    original_name = EncryptedTextField(max_length=255, blank=True)
    stored_name = models.CharField(max_length=32, blank=True)
    content_type = models.CharField(max_length=120, blank=True)
    size = models.PositiveBigIntegerField(default=0)
    sha256 = models.CharField(max_length=64, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = SourceQuerySet.as_manager()

    class Meta:
        ordering = ["event", "pk"]

    def __str__(self) -> str:
        return str(self.title)

    @property
    def has_file(self) -> bool:
        return bool(self.stored_name)


class CustodyAction(models.TextChoices):
    COLLECTED = "collected", _("collected")
    UPLOADED = "uploaded", _("uploaded and hashed")
    TRANSFERRED = "transferred", _("handed over")
    ACCESSED = "accessed", _("opened")
    VERIFIED = "verified", _("hash checked: unchanged")
    ALTERED = "altered", _("hash checked: CHANGED OR MISSING")
    PUBLISHED = "published", _("a cleaned copy was published")


class CustodyEntry(models.Model):
    """One link in an evidence file's chain of custody; rows are only ever added."""

    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="custody")
    action = models.CharField(max_length=12, choices=CustodyAction.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    counterpart = EncryptedTextField(_("from or to whom"), max_length=200, blank=True)
    sha256 = models.CharField(max_length=64, blank=True)
    note = EncryptedTextField(_("note"), max_length=300, blank=True)

    class Meta:
        ordering = ["source", "at", "pk"]

    def __str__(self) -> str:
        return f"{self.action} {self.at:%Y-%m-%d %H:%M}"


class Intervention(models.Model):
    """What the organisation did about an event; may link to a legal-aid case."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="interventions")
    kind = term_field("intervention_kind", _("what was done"))
    on = models.DateField(_("date"))
    description = EncryptedTextField(_("details"), blank=True)
    case = models.ForeignKey(
        "casework.Case",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="interventions",
        verbose_name=_("legal-aid case"),
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["event", "on", "pk"]

    def __str__(self) -> str:
        return str(self.kind)


class ViolationRight(models.Model):
    """A violation type concerns one or more rights (ICCPR articles and others)."""

    violation_type = term_field("violation_type", _("violation"), related_name="rights_concerned")
    right = term_field("right", _("right"), related_name="violations")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["violation_type", "right"], name="violation_right_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.violation_type} → {self.right}"


# Monitoring missions ------------------------------------------------------


class MissionKind(models.TextChoices):
    ASSEMBLY = "assembly", _("assembly monitoring")
    TRIAL = "trial", _("trial monitoring")


class AnswerType(models.TextChoices):
    NUMBER = "number", _("number")
    YES_NO = "yes_no", _("yes or no")
    CHOICE = "choice", _("one of a list")
    TEXT = "text", _("text")


class Checklist(models.Model):
    """A configurable observation form: the questions an observer answers."""

    name = models.CharField(_("name"), max_length=120)
    kind = models.CharField(_("kind of mission"), max_length=10, choices=MissionKind.choices)
    code = models.SlugField(max_length=60, unique=True)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["kind", "name"]

    def __str__(self) -> str:
        return self.name


class ChecklistItem(models.Model):
    checklist = models.ForeignKey(Checklist, on_delete=models.CASCADE, related_name="items")
    code = models.SlugField(max_length=60)
    question = models.CharField(max_length=200)
    answer_type = models.CharField(max_length=8, choices=AnswerType.choices)
    choices = models.CharField(max_length=400, blank=True, help_text="choices separated by |")
    sort_order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["checklist", "sort_order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["checklist", "code"], name="checklist_item_unique_code"),
        ]

    def __str__(self) -> str:
        return self.question

    def choice_list(self) -> list[str]:
        return [c.strip() for c in self.choices.split("|") if c.strip()]


class MissionQuerySet(models.QuerySet["Mission"]):
    def visible_to(self, user: "User") -> "MissionQuerySet":
        from monitoring.access import mission_visibility

        return self.filter(mission_visibility(user))


class Mission(models.Model):
    """A monitoring mission: a season of assemblies or a trial, with its observers."""

    kind = models.CharField(_("kind"), max_length=10, choices=MissionKind.choices)
    title = EncryptedTextField(_("title"), max_length=200)
    description = EncryptedTextField(_("description"), blank=True)
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"), null=True, blank=True)
    office = models.ForeignKey("accounts.Office", on_delete=models.PROTECT, related_name="missions")
    observers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="missions", verbose_name=_("observers")
    )
    checklist = models.ForeignKey(Checklist, on_delete=models.PROTECT, related_name="missions")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = MissionQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_on", "-pk"]

    def __str__(self) -> str:
        return str(self.title)


class Observation(models.Model):
    """One assembly or one hearing observed, with the checklist's answers."""

    mission = models.ForeignKey(Mission, on_delete=models.CASCADE, related_name="observations")
    observed_on = models.DateField(_("date"))
    region = term_field("region", _("region"), required=False)
    city = models.CharField(_("city"), max_length=120)
    place = EncryptedTextField(_("place"), max_length=200, blank=True)
    observer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    answers = models.JSONField(default=dict, blank=True)
    notes = EncryptedTextField(_("notes"), blank=True)
    event = models.ForeignKey(
        Event, on_delete=models.SET_NULL, null=True, blank=True, related_name="observations", verbose_name=_("event")
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["mission", "observed_on", "pk"]

    def __str__(self) -> str:
        return f"{self.city} {self.observed_on}"

    def answer(self, code: str) -> Any:
        return self.answers.get(code)
