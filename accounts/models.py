import hashlib
import secrets
from typing import ClassVar

from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    ADMIN = "admin", _("Administrator")
    OFFICE_MANAGER = "office_manager", _("Office manager")
    LAWYER = "lawyer", _("Lawyer")
    MONITOR = "monitor", _("Monitor")
    EDITOR = "editor", _("Editor")
    VIEWER = "viewer", _("Viewer")


# Roles that work on legal aid (consultations and cases) in their own office.
CASEWORK_ROLES = frozenset({Role.OFFICE_MANAGER, Role.LAWYER, Role.VIEWER})
# Roles whose accounts are dangerous enough that a password alone never suffices.
ROLES_REQUIRING_2FA = frozenset({Role.ADMIN, Role.EDITOR})


class Office(models.Model):
    """The head office or a regional branch."""

    code = models.SlugField(max_length=20, unique=True)
    name_en = models.CharField(max_length=120)
    name_ru = models.CharField(max_length=120, blank=True)
    name_kk = models.CharField(max_length=120, blank=True)
    region = models.ForeignKey(
        "vocabularies.Term",
        on_delete=models.PROTECT,
        limit_choices_to={"vocabulary": "region"},
        related_name="offices",
    )
    is_head_office = models.BooleanField(default=False)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["-is_head_office", "name_en"]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        language = (get_language() or "en")[:2]
        return {"ru": self.name_ru, "kk": self.name_kk}.get(language, "") or self.name_en


class User(AbstractUser):
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.VIEWER)
    office = models.ForeignKey(Office, on_delete=models.PROTECT, null=True, related_name="staff")

    objects: ClassVar[UserManager["User"]] = UserManager()  # type: ignore[assignment]

    class Meta:
        ordering = ["username"]

    def __str__(self) -> str:
        return self.display_name(self.first_name, self.last_name, self.username)

    @staticmethod
    def display_name(first_name: str, last_name: str, username: str) -> str:
        """How a user is named on pages: full name, else username (also for lists read as plain values)."""
        return f"{first_name} {last_name}".strip() or username

    @property
    def is_admin(self) -> bool:
        return self.role == Role.ADMIN

    @property
    def works_on_casework(self) -> bool:
        return self.role in CASEWORK_ROLES


class LoginAttempt(models.Model):
    """A password check, kept for lockout and for the audit of failed logins."""

    username = models.CharField(max_length=150, db_index=True)
    at = models.DateTimeField(auto_now_add=True, db_index=True)
    succeeded = models.BooleanField()

    class Meta:
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.username} {self.at:%Y-%m-%d %H:%M} {'ok' if self.succeeded else 'failed'}"


def hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


class ApiTokenQuerySet(models.QuerySet["ApiToken"]):
    def active(self) -> "ApiTokenQuerySet":
        return self.filter(revoked_at__isnull=True, user__is_active=True)


class ApiToken(models.Model):
    """A token for the REST API; only its hash is stored."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=80)
    key_hash = models.CharField(max_length=64, unique=True)
    prefix = models.CharField(max_length=8)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @staticmethod
    def new_key() -> str:
        return "rd_" + secrets.token_urlsafe(32)
