"""Filters for lists, exports and the API: the same rules everywhere."""

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from accounts.models import Office, User
from casework.models import CaseStatus
from rightsdesk.forms import (
    EMPTY_CHOICE,
    DateInput,
    ListedChoiceField,
    ListedChoiceIterator,
    QuickSelect,
    TermChoiceField,
)
from search.query import filter_matching


class _LawyerChoices(ListedChoiceIterator):
    """The lawyer filter's options from four columns a user, without a model instance for each of a few hundred."""

    def options(self) -> Any:
        for pk, first_name, last_name, username in self.queryset.values_list(
            "pk", "first_name", "last_name", "username"
        ):
            yield (pk, User.display_name(first_name, last_name, username))


class LawyerChoiceField(ListedChoiceField):
    iterator = _LawyerChoices


class ListFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False)
    office = ListedChoiceField(
        queryset=Office.objects.filter(active=True),
        required=False,
        label=_("Office"),
        empty_label=EMPTY_CHOICE,
        widget=QuickSelect,
    )
    lawyer = LawyerChoiceField(
        queryset=User.objects.filter(is_active=True),
        required=False,
        label=_("Lawyer"),
        empty_label=EMPTY_CHOICE,
        widget=QuickSelect,
    )
    status = forms.ChoiceField(choices=[("", "—"), *CaseStatus.choices], required=False, label=_("Status"))
    group = TermChoiceField("vulnerable_group", required=False, label=_("Group"), widget=QuickSelect)
    legal_area = TermChoiceField("legal_area", required=False, label=_("Legal area"), widget=QuickSelect)
    date_from = forms.DateField(required=False, label=_("From"), widget=DateInput())
    date_to = forms.DateField(required=False, label=_("To"), widget=DateInput())

    def __init__(self, *args: Any, fields: tuple[str, ...], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in list(self.fields):
            if name not in fields:
                del self.fields[name]


# The filters that narrow a list by other columns than its order (dates only cut a range of it).
_NARROWING = ("office", "lawyer", "status", "group", "legal_area")


def _search(queryset: QuerySet[Any], data: dict[str, Any], kind: str) -> QuerySet[Any]:
    return filter_matching(queryset, data["q"], kind, alone=not any(data.get(name) for name in _NARROWING))


def filter_cases(queryset: QuerySet[Any], data: dict[str, Any]) -> QuerySet[Any]:
    if data.get("q"):
        queryset = _search(queryset, data, "case")
    if data.get("office"):
        queryset = queryset.filter(office=data["office"])
    if data.get("lawyer"):
        queryset = queryset.filter(responsible_lawyer=data["lawyer"])
    if data.get("status"):
        queryset = queryset.filter(status=data["status"])
    if data.get("group"):
        queryset = queryset.filter(clients__groups=data["group"]).distinct()
    if data.get("legal_area"):
        queryset = queryset.filter(legal_area=data["legal_area"])
    if data.get("date_from"):
        queryset = queryset.filter(opened_on__gte=data["date_from"])
    if data.get("date_to"):
        queryset = queryset.filter(opened_on__lte=data["date_to"])
    return queryset


def filter_consultations(queryset: QuerySet[Any], data: dict[str, Any]) -> QuerySet[Any]:
    if data.get("q"):
        queryset = _search(queryset, data, "consultation")
    if data.get("office"):
        queryset = queryset.filter(office=data["office"])
    if data.get("lawyer"):
        queryset = queryset.filter(lawyer=data["lawyer"])
    if data.get("group"):
        queryset = queryset.filter(groups=data["group"])
    if data.get("legal_area"):
        queryset = queryset.filter(legal_area=data["legal_area"])
    if data.get("date_from"):
        queryset = queryset.filter(date__gte=data["date_from"])
    if data.get("date_to"):
        queryset = queryset.filter(date__lte=data["date_to"])
    return queryset


def filter_people(queryset: QuerySet[Any], data: dict[str, Any]) -> QuerySet[Any]:
    if data.get("q"):
        queryset = _search(queryset, data, "person")
    if data.get("office"):
        queryset = queryset.filter(office=data["office"])
    if data.get("group"):
        queryset = queryset.filter(groups=data["group"])
    return queryset


CASE_FILTERS = ("q", "office", "lawyer", "status", "group", "legal_area", "date_from", "date_to")
CONSULTATION_FILTERS = ("q", "office", "lawyer", "group", "legal_area", "date_from", "date_to")
PERSON_FILTERS = ("q", "office", "group")
