"""Changing law and teaching rights: campaigns, their actions, recommendations and trainings.

A Campaign seeks a legal change; AdvocacyActions are what the organisation did
for it (a working-group meeting, a note to an official, a UPR submission);
Recommendations made by international bodies or by the organisation carry a
history of follow-up statuses over time and are fulfilled by dated legal
events (deathpenalty.LegalEvent). A StrategicCase marks a casework case as
strategic litigation, one-to-one, without touching casework. Trainings count
their participants by group and may name those who consented.
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

# Vocabularies of this app, loaded from advocacy/data/<vocabulary>.csv.
ACTION_KIND = "advocacy_action_kind"
TARGET_KIND = "advocacy_target_kind"
RECOMMENDATION_SOURCE = "recommendation_source"
PARTICIPANT_GROUP = "participant_group"
VOCABULARIES = (ACTION_KIND, TARGET_KIND, RECOMMENDATION_SOURCE, PARTICIPANT_GROUP)


def _precision() -> models.CharField:  # type: ignore[type-arg]
    return models.CharField(max_length=5, choices=Precision.choices, default=Precision.DAY)


class CampaignStatus(models.TextChoices):
    ACTIVE = "active", _("active")
    ACHIEVED = "achieved", _("achieved")
    PARTLY_ACHIEVED = "partly", _("partly achieved")
    SUSPENDED = "suspended", _("suspended")
    CLOSED = "closed", _("closed without result")


class CampaignQuerySet(models.QuerySet["Campaign"]):
    def visible_to(self, user: "User") -> "CampaignQuerySet":
        from advocacy.access import campaign_visibility

        return self.filter(campaign_visibility(user))


class Campaign(models.Model):
    """A long effort for one legal change, e.g. “Abolition of the death penalty”."""

    title = models.CharField(_("title"), max_length=200)
    goal = models.TextField(_("goal"))
    legal_change = models.TextField(_("legal change sought"), blank=True)
    starts_on = models.DateField(_("started"))
    starts_precision = _precision()
    ends_on = models.DateField(_("ended"), null=True, blank=True)
    ends_precision = models.CharField(max_length=5, choices=Precision.choices, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=CampaignStatus.choices, default=CampaignStatus.ACTIVE, db_index=True
    )
    office = models.ForeignKey(
        "accounts.Office", on_delete=models.PROTECT, related_name="campaigns", verbose_name=_("lead office")
    )
    team = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="campaigns", verbose_name=_("team")
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = CampaignQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_on", "-pk"]
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")

    def __str__(self) -> str:
        return self.title

    @property
    def started(self) -> PartialDate:
        return PartialDate(self.starts_on, self.starts_precision or Precision.DAY)

    @property
    def ended(self) -> PartialDate | None:
        return PartialDate.from_fields(self.ends_on, self.ends_precision)


class AdvocacyActionQuerySet(models.QuerySet["AdvocacyAction"]):
    def visible_to(self, user: "User") -> "AdvocacyActionQuerySet":
        from advocacy.access import campaign_visibility

        return self.filter(campaign__in=Campaign.objects.filter(campaign_visibility(user)))


class AdvocacyAction(models.Model):
    """One step of a campaign: a meeting, a submission, a note, a statement."""

    campaign = models.ForeignKey(Campaign, on_delete=models.PROTECT, related_name="actions", verbose_name=_("campaign"))
    kind = term_field(ACTION_KIND, _("kind of action"))
    title = models.CharField(_("title"), max_length=200)
    date = models.DateField(_("date"), db_index=True)
    date_precision = _precision()
    target_kind = term_field(TARGET_KIND, _("kind of target"), required=False)
    target = models.CharField(
        _("target body or official"),
        max_length=200,
        blank=True,
        help_text=_("For example: Mazhilis working group on the Criminal Code."),
    )
    staff = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="advocacy_actions", verbose_name=_("our people involved")
    )
    others_involved = EncryptedTextField(
        _("others involved"), blank=True, help_text=_("Partners, officials met, experts. Stored encrypted.")
    )
    notes = EncryptedTextField(_("notes"), blank=True, help_text=_("What was said and agreed. Stored encrypted."))
    result = EncryptedTextField(_("result"), blank=True)
    recommendations: "models.ManyToManyField[Recommendation, Any]" = models.ManyToManyField(
        "Recommendation", blank=True, related_name="actions", verbose_name=_("recommendations pushed")
    )
    legal_events = models.ManyToManyField(
        "deathpenalty.LegalEvent", blank=True, related_name="advocacy_actions", verbose_name=_("legal events")
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = AdvocacyActionQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-pk"]
        indexes = [models.Index(fields=["campaign", "date"], name="advocacy_action_campaign_date")]
        verbose_name = _("advocacy action")
        verbose_name_plural = _("advocacy actions")

    def __str__(self) -> str:
        return self.title

    @property
    def when(self) -> PartialDate:
        return PartialDate(self.date, self.date_precision or Precision.DAY)


class ActionDocument(models.Model):
    """A document of an action: a file (stored encrypted like case documents) or a link to a public one."""

    action = models.ForeignKey(AdvocacyAction, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(_("title"), max_length=200)
    url = models.URLField(_("link"), max_length=500, blank=True)
    original_name = EncryptedTextField(max_length=255, blank=True)
    stored_name = models.CharField(max_length=80, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    size = models.PositiveBigIntegerField(default=0)
    sha256 = models.CharField(max_length=64, blank=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at", "pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def has_file(self) -> bool:
        return bool(self.stored_name)


class FollowUp(models.TextChoices):
    NOT_IMPLEMENTED = "not_implemented", _("not implemented")
    PARTIALLY = "partially", _("partially implemented")
    IMPLEMENTED = "implemented", _("implemented")


class RecommendationQuerySet(models.QuerySet["Recommendation"]):
    def visible_to(self, user: "User") -> "RecommendationQuerySet":
        from advocacy.access import recommendation_visibility

        return self.filter(recommendation_visibility(user))


class Recommendation(models.Model):
    """A recommendation of an international body (UPR, Human Rights Committee, a rapporteur) or our own."""

    source = term_field(RECOMMENDATION_SOURCE, _("made by"))
    body = models.CharField(
        _("body or mandate"), max_length=200, blank=True, help_text=_("For example: UN Human Rights Committee.")
    )
    reference = models.CharField(
        _("reference"),
        max_length=120,
        blank=True,
        help_text=_("Document symbol and paragraph, e.g. CCPR/C/KAZ/CO/2 §22."),
    )
    text = models.TextField(_("text"))
    issued_on = models.DateField(_("made on"))
    issued_precision = _precision()
    country = models.CharField(_("country"), max_length=3, default="KAZ", help_text=_("ISO 3166 alpha-3 code"))
    # The latest follow-up, kept with the history in RecommendationStatus by the actions.
    status = models.CharField(
        _("follow-up status"),
        max_length=16,
        choices=FollowUp.choices,
        default=FollowUp.NOT_IMPLEMENTED,
        db_index=True,
    )
    fulfilled_by = models.ManyToManyField(
        "deathpenalty.LegalEvent",
        blank=True,
        related_name="fulfilled_recommendations",
        verbose_name=_("fulfilled by legal events"),
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = RecommendationQuerySet.as_manager()

    class Meta:
        ordering = ["-issued_on", "-pk"]
        verbose_name = _("recommendation")
        verbose_name_plural = _("recommendations")

    def __str__(self) -> str:
        label = self.reference or self.body or str(self.source)
        short = self.text if len(self.text) <= 80 else self.text[:79] + "…"
        return f"{label}: {short}"

    @property
    def issued(self) -> PartialDate:
        return PartialDate(self.issued_on, self.issued_precision or Precision.DAY)


class RecommendationStatus(models.Model):
    """One step of a recommendation's follow-up: its status from a date on, and why we say so."""

    recommendation = models.ForeignKey(Recommendation, on_delete=models.CASCADE, related_name="history")
    status = models.CharField(_("status"), max_length=16, choices=FollowUp.choices)
    on = models.DateField(_("since"), db_index=True)
    on_precision = _precision()
    legal_event = models.ForeignKey(
        "deathpenalty.LegalEvent",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("legal event that shows it"),
    )
    note = EncryptedTextField(_("assessment"), blank=True)
    # The step a recommendation starts with when recorded; later steps are the moves the impact report counts.
    is_initial = models.BooleanField(default=False)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["on", "recorded_at", "pk"]
        verbose_name = _("follow-up status")

    def __str__(self) -> str:
        return f"{self.get_status_display()} {self.since}"

    @property
    def since(self) -> PartialDate:
        return PartialDate(self.on, self.on_precision or Precision.DAY)


class StrategicCaseQuerySet(models.QuerySet["StrategicCase"]):
    def visible_to(self, user: "User") -> "StrategicCaseQuerySet":
        from casework.models import Case

        return self.filter(case__in=Case.objects.visible_to(user))


class StrategicCase(models.Model):
    """A casework case litigated to change law or practice, and what it aims at."""

    case = models.OneToOneField("casework.Case", on_delete=models.CASCADE, related_name="strategic")
    campaign = models.ForeignKey(
        Campaign,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="strategic_cases",
        verbose_name=_("campaign"),
    )
    aim = EncryptedTextField(_("what it aims at"), blank=True)
    recommendations = models.ManyToManyField(
        Recommendation, blank=True, related_name="strategic_cases", verbose_name=_("recommendations it aims at")
    )
    legal_events = models.ManyToManyField(
        "deathpenalty.LegalEvent", blank=True, related_name="strategic_cases", verbose_name=_("laws it aims at")
    )
    marked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    marked_at = models.DateTimeField(auto_now_add=True)

    objects = StrategicCaseQuerySet.as_manager()

    class Meta:
        ordering = ["-marked_at", "-pk"]
        verbose_name = _("strategic case")
        verbose_name_plural = _("strategic cases")

    def __str__(self) -> str:
        return f"strategic case {self.case_id}"


class TrainingQuerySet(models.QuerySet["Training"]):
    def visible_to(self, user: "User") -> "TrainingQuerySet":
        from advocacy.access import training_visibility

        return self.filter(training_visibility(user))


class Training(models.Model):
    """A training or event on human rights standards."""

    topic = models.CharField(_("topic"), max_length=200)
    date = models.DateField(_("date"), db_index=True)
    ends_on = models.DateField(_("last day"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=200)
    office = models.ForeignKey(
        "accounts.Office", on_delete=models.PROTECT, related_name="trainings", verbose_name=_("office")
    )
    trainers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="trainings_given", verbose_name=_("our trainers")
    )
    guest_trainers = EncryptedTextField(_("guest trainers"), blank=True)
    materials = models.TextField(_("materials"), blank=True, help_text=_("Titles and links of the materials used."))
    campaign = models.ForeignKey(
        Campaign, on_delete=models.SET_NULL, null=True, blank=True, related_name="trainings", verbose_name=_("campaign")
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = TrainingQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-pk"]
        indexes = [models.Index(fields=["office", "date"], name="training_office_date")]
        verbose_name = _("training")
        verbose_name_plural = _("trainings")

    def __str__(self) -> str:
        return self.topic

    @property
    def participant_total(self) -> int:
        return sum(row.count for row in self.participant_counts.all())


class ParticipantCount(models.Model):
    """How many participants of one group attended a training."""

    training = models.ForeignKey(Training, on_delete=models.CASCADE, related_name="participant_counts")
    group = term_field(PARTICIPANT_GROUP, _("group"))
    count = models.PositiveIntegerField(_("number"))

    class Meta:
        ordering = ["training", "group__sort_order", "pk"]
        constraints = [models.UniqueConstraint(fields=["training", "group"], name="participant_count_unique_group")]

    def __str__(self) -> str:
        return f"{self.group}: {self.count}"


class NamedParticipant(models.Model):
    """A participant named only because they consented to it; the name is stored encrypted."""

    training = models.ForeignKey(Training, on_delete=models.CASCADE, related_name="named_participants")
    name = EncryptedTextField(_("name"), max_length=200)
    organisation = EncryptedTextField(_("organisation"), max_length=200, blank=True)
    group = term_field(PARTICIPANT_GROUP, _("group"), required=False)
    consent_on = models.DateField(_("consent given on"))
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["training", "pk"]

    def __str__(self) -> str:
        return f"participant {self.pk} of training {self.training_id}"
