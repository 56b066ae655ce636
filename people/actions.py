"""Every change to the registry of people, audited in the same transaction."""

from collections.abc import Iterable
from typing import Any

from django.apps import apps
from django.db import models, transaction
from django.db.models import ForeignObjectRel
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Office, User
from audit.log import record
from people.models import MergeRecord, Person
from rightsdesk.partial_dates import PartialDate
from search.index import index_record, unindex_record
from vocabularies.models import Term

PERSON_FIELDS = (
    "full_name",
    "other_names",
    "gender",
    "citizenship",
    "is_stateless",
    "phone",
    "email",
    "address",
    "consent_to_processing",
    "consent_date",
)


def _apply(person: Person, data: dict[str, Any]) -> None:
    for field in PERSON_FIELDS:
        if field in data:
            setattr(person, field, data[field])
    if "birth" in data:
        birth: PartialDate | None = data["birth"]
        person.birth_date = birth.value if birth else None
        person.birth_date_precision = birth.precision if birth else ""


@transaction.atomic
def register_person(
    *,
    office: Office,
    groups: Iterable[Term] = (),
    languages: Iterable[Term] = (),
    actor: User,
    **data: Any,
) -> Person:
    person = Person(office=office, created_by=actor)
    _apply(person, data)
    person.full_clean(exclude=["groups", "languages"])
    person.save()
    person.groups.set(list(groups))
    person.languages.set(list(languages))
    index_record(person, person.search_text())
    record("person.create", actor=actor, target=person)
    return person


@transaction.atomic
def update_person(
    person: Person,
    *,
    groups: Iterable[Term] | None = None,
    languages: Iterable[Term] | None = None,
    actor: User,
    **data: Any,
) -> Person:
    _apply(person, data)
    person.full_clean(exclude=["groups", "languages"])
    person.save()
    if groups is not None:
        person.groups.set(list(groups))
    if languages is not None:
        person.languages.set(list(languages))
    index_record(person, person.search_text())
    record(
        "person.update",
        actor=actor,
        target=person,
        fields=sorted(k for k in data if k in PERSON_FIELDS or k == "birth"),
    )
    return person


class MergeRefused(Exception):
    """A merge or an undo that cannot be done; the message says why, for the user."""


def person_references() -> list[models.ForeignKey[Any, Any]]:
    """Every foreign key to a person in every installed app, including the tables behind many-to-many fields.

    The registry's own bookkeeping (a record merged into another, the merge records) and the person's own
    groups and languages (the merged record keeps them, as part of its history) are left out.
    """
    found = []
    for rel in Person._meta.get_fields(include_hidden=True):
        if not isinstance(rel, ForeignObjectRel) or rel.many_to_many:
            continue
        related = rel.related_model
        own_table = getattr(related._meta, "auto_created", None) is Person  # a person's groups and languages
        if related in (Person, MergeRecord) or own_table:
            continue
        field = rel.field
        if isinstance(field, models.ForeignKey):
            found.append(field)
    return sorted(found, key=lambda f: (f.model._meta.label_lower, f.name))


def _other_unique_fields(field: models.ForeignKey[Any, Any]) -> list[list[str]]:
    """For each uniqueness rule of the field's table that includes the field, the other fields in it."""
    meta = field.model._meta
    groups: list[tuple[str, ...]] = [tuple(g) for g in meta.unique_together]
    groups += [tuple(c.fields) for c in meta.constraints if isinstance(c, models.UniqueConstraint) and c.fields]
    if field.unique:
        groups.append((field.name,))
    attnames = {f.name: f.attname for f in meta.concrete_fields}
    return [[attnames[n] for n in g if n != field.name] for g in groups if field.name in g]


def _label(field: models.ForeignKey[Any, Any]) -> str:
    return field.model._meta.label_lower


@transaction.atomic
def merge_people(keep: Person, merged: Person, *, actor: User) -> MergeRecord:
    """Make `merged` a part of `keep`'s history: every reference to it now points to `keep`; it is kept, hidden.

    Links in automatic many-to-many tables that `keep` already has (both people clients of one case) are
    dropped rather than doubled; any other clash (both in one event in the same role) refuses the merge.
    """
    keep = Person.objects.select_for_update().get(pk=keep.pk)
    merged = Person.objects.select_for_update().get(pk=merged.pk)
    if keep.pk == merged.pk:
        raise MergeRefused(_("A record cannot be merged into itself."))
    if keep.merged_into_id is not None or merged.merged_into_id is not None:
        raise MergeRefused(_("One of these records has already been merged into another."))
    moved: list[dict[str, Any]] = []
    removed: list[dict[str, Any]] = []
    for field in person_references():
        model = field.model
        rows = model._base_manager.filter(**{field.attname: merged.pk})
        pks = list(rows.values_list("pk", flat=True))
        if not pks:
            continue
        clashing: set[Any] = set()
        for others in _other_unique_fields(field):
            for row in rows.values("pk", *others):
                values = {name: row[name] for name in others}
                if model._base_manager.filter(**{field.attname: keep.pk}, **values).exists():
                    clashing.add(row["pk"])
                    if model._meta.auto_created:
                        removed.append({"model": _label(field), "field": field.name, "values": values})
        if clashing and not model._meta.auto_created:
            raise MergeRefused(
                _("Both people appear in the same %(what)s in the same way; remove one of the two entries first.")
                % {"what": model._meta.verbose_name}
            )
        if clashing:
            model._base_manager.filter(pk__in=clashing).delete()
        kept_rows = [pk for pk in pks if pk not in clashing]
        model._base_manager.filter(pk__in=kept_rows).update(**{field.attname: keep.pk})
        moved += [{"model": _label(field), "field": field.name, "pk": pk} for pk in kept_rows]
    now = timezone.now()
    merged.merged_into = keep
    merged.merged_at = now
    merged.save(update_fields=["merged_into", "merged_at"])
    merge = MergeRecord.objects.create(
        keep=keep, merged=merged, moved=moved, removed=removed, merged_by=actor, merged_at=now
    )
    unindex_record(merged)
    index_record(keep, keep.search_text())
    record(
        "person.merge",
        actor=actor,
        target=keep,
        merged=merged.pk,
        merge=merge.pk,
        moved=len(moved),
        removed=len(removed),
    )
    return merge


def _model(label: str) -> type[models.Model]:
    return apps.get_model(label)


def _attname(model: type[models.Model], name: str) -> str:
    return next(f.attname for f in model._meta.concrete_fields if f.name == name)


@transaction.atomic
def undo_merge(merge: MergeRecord, *, actor: User) -> Person:
    """Give the merged person back exactly the references the merge took from them; refuse if that is no longer so."""
    merge = MergeRecord.objects.select_for_update().get(pk=merge.pk)
    keep = Person.objects.select_for_update().get(pk=merge.keep_id)
    merged = Person.objects.select_for_update().get(pk=merge.merged_id)
    if merge.undone:
        raise MergeRefused(_("This merge has already been undone."))
    if keep.merged_into_id is not None:
        raise MergeRefused(_("The kept record has since been merged into another; undo that merge first."))
    if merged.merged_into_id != keep.pk:
        raise MergeRefused(_("The merged record is no longer part of the kept one."))
    by_table: dict[tuple[str, str], list[Any]] = {}
    for row in merge.moved:
        by_table.setdefault((row["model"], row["field"]), []).append(row["pk"])
    for (label, name), pks in by_table.items():
        model = _model(label)
        attname = _attname(model, name)
        found = set(model._base_manager.filter(pk__in=pks).values_list("pk", flat=True))
        if len(found) != len(set(pks)):
            raise MergeRefused(
                _("A %(what)s moved by this merge has since been deleted, so it cannot be undone exactly.")
                % {"what": model._meta.verbose_name}
            )
        still = set(model._base_manager.filter(pk__in=pks, **{attname: keep.pk}).values_list("pk", flat=True))
        if still != found:
            raise MergeRefused(
                _("A %(what)s moved by this merge has since been changed, so it cannot be undone exactly.")
                % {"what": model._meta.verbose_name}
            )
        model._base_manager.filter(pk__in=pks).update(**{attname: merged.pk})
    for row in merge.removed:
        model = _model(row["model"])
        attname = _attname(model, row["field"])
        for other, value in row["values"].items():
            target = next(f for f in model._meta.concrete_fields if f.attname == other)
            if not target.related_model._base_manager.filter(pk=value).exists():  # type: ignore[union-attr]
                raise MergeRefused(
                    _("A %(what)s linked to the merged person has since been deleted, so it cannot be undone.")
                    % {"what": target.related_model._meta.verbose_name}  # type: ignore[union-attr]
                )
        link = {attname: merged.pk, **row["values"]}
        if not model._base_manager.filter(**link).exists():
            model._base_manager.create(**link)
    merged.merged_into = None
    merged.merged_at = None
    merged.save(update_fields=["merged_into", "merged_at"])
    merge.undone_at = timezone.now()
    merge.undone_by = actor
    merge.save(update_fields=["undone_at", "undone_by"])
    index_record(merged, merged.search_text())
    index_record(keep, keep.search_text())
    record("person.merge_undo", actor=actor, target=merged, kept=keep.pk, merge=merge.pk)
    return merged
