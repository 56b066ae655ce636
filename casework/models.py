from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rightsdesk.fields import EncryptedTextField
from vocabularies.models import term_field

if TYPE_CHECKING:
    from accounts.models import User


class ConsultationQuerySet(models.QuerySet["Consultation"]):
    def visible_to(self, user: "User") -> "ConsultationQuerySet":
        from casework.access import consultation_visibility

        return self.filter(consultation_visibility(user))


class Consultation(models.Model):
    """Quick legal help: most of the organisation's 6,000 contacts a year."""

    date = models.DateField(_("date"), default=timezone.localdate, db_index=True)
    # No index of their own on office, lawyer, channel, outcome and created_by: the first two lead the
    # (office, date) and (lawyer, date) indexes, no page filters by the others, and offices, users and
    # terms are deactivated, never deleted. Each index costs every insert (an import of 100,000 rows).
    office = models.ForeignKey(
        "accounts.Office",
        on_delete=models.PROTECT,
        related_name="consultations",
        verbose_name=_("office"),
        db_index=False,
    )
    lawyer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="consultations",
        verbose_name=_("lawyer"),
        db_index=False,
    )
    person = models.ForeignKey(
        "people.Person",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="consultations",
        verbose_name=_("person"),
        help_text=_("Leave empty for an anonymous consultation."),
    )
    channel = term_field("consultation_channel", _("channel"), active_only=True, db_index=False)
    legal_area = term_field("legal_area", _("legal area"), active_only=True)
    groups = models.ManyToManyField(
        "vocabularies.Term",
        blank=True,
        related_name="+",
        limit_choices_to={"vocabulary": "vulnerable_group"},
        verbose_name=_("groups"),
    )
    summary = EncryptedTextField(_("summary"))
    outcome = term_field("consultation_outcome", _("outcome"), required=False, active_only=True, db_index=False)
    follow_up_on = models.DateField(_("follow up on"), null=True, blank=True)
    follow_up = EncryptedTextField(_("follow-up"), max_length=300, blank=True)
    case = models.ForeignKey(
        "Case",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="consultations",
        verbose_name=_("case"),
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", db_index=False)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ConsultationQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-pk"]
        indexes = [
            models.Index(fields=["office", "date"], name="consultation_office_date"),
            # A lawyer's own consultations of the year (the dashboard), without the rest of their archive.
            models.Index(fields=["lawyer", "date"], name="consultation_lawyer_date"),
        ]
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} · {self.legal_area}"

    def search_text(self) -> str:
        return self.search_text_of(self.summary, self.follow_up)

    @staticmethod
    def search_text_of(summary: str, follow_up: str) -> str:
        """The text a consultation is found by (also for imported rows, which have no instance)."""
        return " ".join(filter(None, [summary, follow_up]))


class CaseStatus(models.TextChoices):
    INTAKE = "intake", _("Intake")
    OPEN = "open", _("Open")
    IN_COURT = "in_court", _("In court")
    AWAITING_DECISION = "awaiting_decision", _("Awaiting decision")
    CLOSED = "closed", _("Closed")


class CaseQuerySet(models.QuerySet["Case"]):
    def visible_to(self, user: "User") -> "CaseQuerySet":
        from casework.access import case_visibility

        return self.filter(case_visibility(user))

    def open(self) -> "CaseQuerySet":
        return self.exclude(status=CaseStatus.CLOSED)


class Case(models.Model):
    """A client's case: representation, a complaint, a communication to the UN."""

    reference = models.CharField(_("reference"), max_length=40, unique=True)
    title = EncryptedTextField(_("title"), max_length=200)
    case_type = term_field("case_type", _("case type"), active_only=True)
    legal_area = term_field("legal_area", _("legal area"), active_only=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=CaseStatus.choices,
        default=CaseStatus.INTAKE,
        db_index=True,
    )
    outcome = term_field("case_outcome", _("outcome"), required=False, active_only=True)
    opened_on = models.DateField(_("opened on"), default=timezone.localdate)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    office = models.ForeignKey(
        "accounts.Office", on_delete=models.PROTECT, related_name="cases", verbose_name=_("office")
    )
    responsible_lawyer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="responsible_cases",
        verbose_name=_("responsible lawyer"),
    )
    team = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="team_cases", verbose_name=_("team")
    )
    clients = models.ManyToManyField("people.Person", related_name="cases", verbose_name=_("clients"))
    confidential = models.BooleanField(
        _("confidential"),
        default=False,
        help_text=_("Only the case team can see a confidential case."),
    )
    description = EncryptedTextField(_("description"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = CaseQuerySet.as_manager()

    class Meta:
        ordering = ["-opened_on", "-pk"]
        indexes = [
            # An office's cases of one status, in display order, with the columns the visibility rule
            # reads: the filtered case list walks it and stops at the end of the page, and counts its
            # rows without reading the table (national bench: page 25 -> 2 ms, count 10 -> 4 ms on SQLite).
            models.Index(
                fields=["office", "status", "opened_on", "id", "confidential", "responsible_lawyer"],
                name="case_office_status_walk",
            ),
            # The dashboard counts an office's open ordinary cases by status from this index alone.
            models.Index(fields=["office", "confidential", "status"], name="case_office_shared_status"),
            # Lists and searches with many matches walk this index in display order.
            models.Index(fields=["opened_on", "id"], name="case_opened"),
        ]
        verbose_name = _("case")
        verbose_name_plural = _("cases")

    def __str__(self) -> str:
        return f"{self.reference} · {self.title}"

    def search_text(self) -> str:
        return " ".join(filter(None, [self.reference, self.title, self.description]))


class Proceeding(models.Model):
    """A case before one court or body, at one instance."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="proceedings")
    body_kind = term_field("body_kind", _("kind of body"), active_only=True)
    body_name = models.CharField(_("court or body"), max_length=200)
    instance = term_field("court_instance", _("instance"), active_only=True)
    number = models.CharField(_("case number there"), max_length=80, blank=True)
    filed_on = models.DateField(_("filed on"), null=True, blank=True)
    appeal_of = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="appeals",
        verbose_name=_("appeal of"),
    )
    notes = EncryptedTextField(_("notes"), blank=True)

    class Meta:
        ordering = ["filed_on", "pk"]

    def __str__(self) -> str:
        return f"{self.body_name} ({self.instance})"


class Hearing(models.Model):
    proceeding = models.ForeignKey(Proceeding, on_delete=models.CASCADE, related_name="hearings")
    starts_at = models.DateTimeField(_("date and time"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    notes = EncryptedTextField(_("notes"), blank=True)

    class Meta:
        ordering = ["starts_at"]

    def __str__(self) -> str:
        return f"{self.starts_at:%Y-%m-%d %H:%M} {self.place}"


class DecisionResult(models.TextChoices):
    FAVOURABLE = "favourable", _("In the client's favour")
    PARTLY = "partly", _("Partly in the client's favour")
    UNFAVOURABLE = "unfavourable", _("Against the client")
    OTHER = "other", _("Other")


class Decision(models.Model):
    proceeding = models.ForeignKey(Proceeding, on_delete=models.CASCADE, related_name="decisions")
    decided_on = models.DateField(_("decided on"))
    result = models.CharField(_("result"), max_length=20, choices=DecisionResult.choices)
    summary = EncryptedTextField(_("summary"), blank=True)

    class Meta:
        ordering = ["decided_on", "pk"]

    def __str__(self) -> str:
        return f"{self.decided_on:%Y-%m-%d} {self.result}"


class DeadlineQuerySet(models.QuerySet["Deadline"]):
    def pending(self) -> "DeadlineQuerySet":
        return self.filter(done_at__isnull=True)


class Deadline(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="deadlines")
    title = EncryptedTextField(_("what is due"), max_length=200)
    due_on = models.DateField(_("due on"), db_index=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="deadlines",
        verbose_name=_("owner"),
    )
    done_at = models.DateTimeField(null=True, blank=True)

    objects = DeadlineQuerySet.as_manager()

    class Meta:
        ordering = ["due_on", "pk"]
        indexes = [
            # The dashboard's "my deadlines": a lawyer's pending ones up to a date, not their whole history.
            models.Index(
                fields=["owner", "due_on"], name="deadline_owner_pending", condition=models.Q(done_at__isnull=True)
            )
        ]

    def __str__(self) -> str:
        return f"{self.due_on:%Y-%m-%d} {self.title}"


class Note(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = EncryptedTextField(_("note"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"note {self.pk} on case {self.case_id}"


class Document(models.Model):
    """A file in a case, stored under FILES_ROOT by a random name."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="documents")
    doc_type = term_field("document_type", _("type of document"), active_only=True)
    title = EncryptedTextField(_("title"), max_length=200)
    original_name = EncryptedTextField(max_length=255)
    stored_name = models.CharField(max_length=80, unique=True)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-uploaded_at", "-pk"]

    def __str__(self) -> str:
        return str(self.title)


class EmergencyAccessQuerySet(models.QuerySet["EmergencyAccess"]):
    def in_force(self) -> "EmergencyAccessQuerySet":
        return self.filter(expires_at__gt=timezone.now())


class EmergencyAccess(models.Model):
    """An administrator's time-limited, reasoned and audited access to one case."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="emergency_accesses")
    reason = EncryptedTextField()
    granted_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()

    objects = EmergencyAccessQuerySet.as_manager()

    def __str__(self) -> str:
        return f"emergency access {self.pk} to case {self.case_id}"
