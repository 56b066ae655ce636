import re
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.validators import EmailValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from rightsdesk import crypto
from rightsdesk.fields import EncryptedTextField
from rightsdesk.partial_dates import PartialDate, Precision

if TYPE_CHECKING:
    from accounts.models import User


class Gender(models.TextChoices):
    FEMALE = "female", _("Female")
    MALE = "male", _("Male")
    OTHER = "other", _("Other")
    UNKNOWN = "unknown", _("Not known")


def name_key(name: str) -> str:
    """The blind index of a full name: equal for "Иванов  Пётр" and "иванов петр", readable by nobody."""
    return crypto.blind_token(" ".join(re.findall(r"\w+", name)))


class PersonQuerySet(models.QuerySet["Person"]):
    def named(self, name: str) -> "PersonQuerySet":
        """People whose full name is exactly this one (case, ё/е and spacing aside)."""
        return self.filter(name_key=name_key(name))

    def visible_to(self, user: "User") -> "PersonQuerySet":
        """What the user may see; records merged into another person are left out (their page redirects)."""
        from people.access import person_visibility

        return self.filter(person_visibility(user))

    def current(self) -> "PersonQuerySet":
        """People not merged into another record."""
        return self.filter(merged_into__isnull=True)


class Person(models.Model):
    """Anyone in the records: a client, a victim, a witness, a defender.

    One registry, so a client who is also a documented victim is one person.
    """

    full_name = EncryptedTextField(_("full name"), max_length=200)
    name_key = models.CharField(max_length=32, db_index=True, editable=False, default="")
    other_names = EncryptedTextField(
        _("other names and spellings"),
        max_length=400,
        blank=True,
        help_text=_("Other spellings, Cyrillic or Latin, former names."),
    )
    gender = models.CharField(_("gender"), max_length=10, choices=Gender.choices, default=Gender.UNKNOWN)
    birth_date = models.DateField(_("date of birth"), null=True, blank=True)
    birth_date_precision = models.CharField(max_length=5, choices=Precision.choices, blank=True)
    citizenship = models.CharField(
        _("citizenship"),
        max_length=3,
        blank=True,
        help_text=_("ISO 3166 alpha-3 code, e.g. KAZ; empty if unknown."),
    )
    is_stateless = models.BooleanField(_("stateless"), default=False)
    groups = models.ManyToManyField(
        "vocabularies.Term",
        blank=True,
        related_name="+",
        limit_choices_to={"vocabulary": "vulnerable_group"},
        verbose_name=_("groups"),
    )
    languages = models.ManyToManyField(
        "vocabularies.Term",
        blank=True,
        related_name="+",
        limit_choices_to={"vocabulary": "language"},
        verbose_name=_("languages"),
    )
    phone = EncryptedTextField(_("phone"), max_length=60, blank=True)
    email = EncryptedTextField(_("email"), max_length=254, blank=True, validators=[EmailValidator()])
    address = EncryptedTextField(_("address"), max_length=300, blank=True)
    consent_to_processing = models.BooleanField(_("consent to data processing"), default=False)
    consent_date = models.DateField(_("date of consent"), null=True, blank=True)
    office = models.ForeignKey(
        "accounts.Office",
        on_delete=models.PROTECT,
        related_name="people",
        verbose_name=_("registering office"),
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # A duplicate merged into another record is kept, with its own history, and hidden from lists.
    merged_into = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="merged_people",
        editable=False,
        verbose_name=_("merged into"),
    )
    merged_at = models.DateTimeField(_("merged on"), null=True, blank=True, editable=False)

    objects = PersonQuerySet.as_manager()

    class Meta:
        # Names are encrypted, so the database cannot sort by them.
        ordering = ["-created_at", "-pk"]
        # Lists and searches with many matches walk this index in display order.
        indexes = [models.Index(fields=["created_at", "id"], name="person_created")]
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self) -> str:
        return str(self.full_name)

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.name_key = name_key(self.full_name)
        if kwargs.get("update_fields") is not None and "full_name" in kwargs["update_fields"]:
            kwargs["update_fields"] = {*kwargs["update_fields"], "name_key"}
        super().save(*args, **kwargs)

    @property
    def birth(self) -> PartialDate | None:
        return PartialDate.from_fields(self.birth_date, self.birth_date_precision)

    def search_text(self) -> str:
        """The names to search by, including those of the duplicates merged into this record."""
        names = [self.full_name, self.other_names]
        if self.pk is not None:
            for merged in Person.objects.filter(merged_into=self).only("full_name", "other_names"):
                names += [merged.full_name, merged.other_names]
        return self.search_text_of(*names)

    @staticmethod
    def search_text_of(*names: str) -> str:
        """The text a person is found by, from their names (also for imported rows, which have no instance)."""
        return " ".join(filter(None, names))

    def final_record(self) -> "Person":
        """The record this one lives on in: itself, or the person it was (perhaps in turn) merged into."""
        person, seen = self, {self.pk}
        while person.merged_into_id is not None and person.merged_into_id not in seen:
            seen.add(person.merged_into_id)
            person = Person.objects.get(pk=person.merged_into_id)
        return person

    def to_row(self) -> dict[str, Any]:
        birth = self.birth
        return {
            "id": self.pk,
            "full_name": self.full_name,
            "other_names": self.other_names,
            "gender": self.gender,
            "birth_date": birth.iso() if birth else "",
            "citizenship": "stateless" if self.is_stateless else self.citizenship,
            "groups": ";".join(t.code for t in self.groups.all()),
            "languages": ";".join(t.code for t in self.languages.all()),
            "phone": self.phone,
            "email": self.email,
            "consent_to_processing": self.consent_to_processing,
            "consent_date": self.consent_date.isoformat() if self.consent_date else "",
            "office": self.office.code,
        }


class MergeRecord(models.Model):
    """One merge of a duplicate into the kept record, with exactly the rows that were re-pointed, so it can be undone.

    `moved` lists {"model": app_label.model, "field": name, "pk": row} for each row whose reference was changed
    from the merged person to the kept one; `removed` lists {"model", "field", "values"} for links in
    automatic many-to-many tables that were dropped because the kept person already had the same link.
    """

    keep = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="merges_kept", verbose_name=_("kept"))
    merged = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="merges_merged", verbose_name=_("merged"))
    moved = models.JSONField(default=list)
    removed = models.JSONField(default=list)
    merged_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    merged_at = models.DateTimeField()
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    undone_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-merged_at", "-pk"]
        verbose_name = _("merge of people")
        verbose_name_plural = _("merges of people")

    def __str__(self) -> str:
        return f"merge {self.pk}: person {self.merged_id} into {self.keep_id}"

    @property
    def undone(self) -> bool:
        return self.undone_at is not None
