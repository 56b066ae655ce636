from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from monitoring.checklists import answer_fields
from monitoring.models import (
    Checklist,
    Confidentiality,
    InvolvementRole,
    Mission,
    MissionKind,
    Reliability,
    ReviewStatus,
)
from people.models import Person
from rightsdesk.forms import DateInput, PartialDateField, TermChoiceField, TermMultipleChoiceField


class PersonChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Person) -> str:  # type: ignore[override]
        born = f" ({obj.birth.iso()})" if obj.birth else ""
        return f"{obj.full_name}{born}"


class EventForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    # max_length=None: rightsdesk.forms.PartialDateField's length validator would be run on the parsed PartialDate.
    started = PartialDateField(label=_("Date"), max_length=None)
    ended = PartialDateField(label=_("Until"), required=False, max_length=None)
    region = TermChoiceField("region", label=_("Region"), required=False)
    city = forms.CharField(label=_("City or district"), max_length=120, required=False)
    place = forms.CharField(
        label=_("Exact place"),
        max_length=300,
        required=False,
        help_text=_("Street, building, institution. Never published."),
    )
    latitude = forms.DecimalField(label=_("Latitude"), required=False, max_digits=9, decimal_places=6)
    longitude = forms.DecimalField(label=_("Longitude"), required=False, max_digits=9, decimal_places=6)
    tags = TermMultipleChoiceField("event_tag", label=_("Thematic tags"))
    description = forms.CharField(label=_("Description"), widget=forms.Textarea({"rows": 6}), required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        started, ended = data.get("started"), data.get("ended")
        if started and ended and ended.value < started.value:
            self.add_error("ended", _("The end is before the start."))
        return data


class NewPersonMixin(forms.Form):
    def _person(self, field: str, new_field: str) -> None:
        data = self.cleaned_data
        if data.get(field) and data.get(new_field):
            self.add_error(new_field, _("Choose a person from the registry or register a new one, not both."))


class ActForm(NewPersonMixin):
    violation_type = TermChoiceField("violation_type", label=_("Violation"))
    victim = PersonChoiceField(queryset=Person.objects.none(), label=_("Victim (from the registry)"), required=False)
    victim_new = forms.CharField(
        label=_("…or register the victim"),
        max_length=200,
        required=False,
        help_text=_("Full name; you will be warned if the registry already has someone similar."),
    )
    perpetrator_kind = TermChoiceField("perpetrator_kind", label=_("Alleged perpetrator"), required=False)
    perpetrator_body = forms.CharField(label=_("Institution or unit"), max_length=200, required=False)
    perpetrator = PersonChoiceField(
        queryset=Person.objects.none(), label=_("Alleged perpetrator (person)"), required=False
    )
    method = TermChoiceField("method", label=_("Method"), required=False)
    consequences = TermMultipleChoiceField("consequence", label=_("Consequences"))
    notes = forms.CharField(label=_("Notes"), widget=forms.Textarea({"rows": 3}), required=False)

    def __init__(self, *args: Any, people: "QuerySet[Person]", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["victim"].queryset = people  # type: ignore[attr-defined]
        self.fields["perpetrator"].queryset = people  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        self._person("victim", "victim_new")
        return data


class InvolvementForm(NewPersonMixin):
    person = PersonChoiceField(queryset=Person.objects.none(), label=_("Person (from the registry)"), required=False)
    person_new = forms.CharField(label=_("…or register the person"), max_length=200, required=False)
    role = forms.ChoiceField(label=_("Role"), choices=InvolvementRole.choices)
    notes = forms.CharField(label=_("Notes"), widget=forms.Textarea({"rows": 2}), required=False)

    def __init__(self, *args: Any, people: "QuerySet[Person]", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        self._person("person", "person_new")
        if not data.get("person") and not data.get("person_new"):
            self.add_error("person", _("Choose a person or register one."))
        return data


class ConsentForm(forms.Form):
    consent_to_publish = forms.BooleanField(label=_("Consents to be named in publications"), required=False)
    consent_date = forms.DateField(label=_("Date of consent"), required=False, widget=DateInput())
    pseudonym = forms.CharField(label=_("Pseudonym"), max_length=80, required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("consent_to_publish") and not data.get("consent_date"):
            self.add_error("consent_date", _("Give the date the consent to be named was recorded."))
        return data


class SourceForm(forms.Form):
    kind = TermChoiceField("source_kind", label=_("Kind"))
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(label=_("Description"), widget=forms.Textarea({"rows": 2}), required=False)
    url = forms.URLField(label=_("Link"), required=False, max_length=500, assume_scheme="https")
    reliability = forms.ChoiceField(label=_("Reliability"), choices=Reliability.choices, initial=Reliability.UNKNOWN)
    confidentiality = forms.ChoiceField(
        label=_("Confidentiality"),
        choices=Confidentiality.choices,
        initial=Confidentiality.INTERNAL,
        help_text=_("Confidential sources are seen only by editors and by you."),
    )
    given_by = PersonChoiceField(queryset=Person.objects.none(), label=_("Received from"), required=False)
    collected_on = forms.DateField(label=_("Collected on"), widget=DateInput())
    upload = forms.FileField(label=_("File"), required=False)

    def __init__(self, *args: Any, people: "QuerySet[Person]", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["given_by"].queryset = people  # type: ignore[attr-defined]


class TransferForm(forms.Form):
    to = forms.CharField(label=_("Handed over to"), max_length=200)
    note = forms.CharField(label=_("Note"), max_length=300, required=False)


class InterventionForm(forms.Form):
    kind = TermChoiceField("intervention_kind", label=_("What was done"))
    on = forms.DateField(label=_("Date"), widget=DateInput())
    description = forms.CharField(label=_("Details"), widget=forms.Textarea({"rows": 2}), required=False)
    case_reference = forms.CharField(
        label=_("Legal-aid case reference"),
        max_length=40,
        required=False,
        help_text=_("For example ALM-2026-0001; only a case you can see."),
    )


class StatusForm(forms.Form):
    status = forms.ChoiceField(choices=ReviewStatus.choices)


class EventFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False)
    status = forms.ChoiceField(label=_("Status"), required=False, choices=[("", "—"), *ReviewStatus.choices])
    violation_type = TermChoiceField("violation_type", label=_("Violation"), required=False)
    region = TermChoiceField("region", label=_("Region"), required=False)


class MissionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=MissionKind.choices)
    title = forms.CharField(label=_("Title"), max_length=200)
    starts_on = forms.DateField(label=_("From"), widget=DateInput())
    ends_on = forms.DateField(label=_("Until"), required=False, widget=DateInput())
    checklist = forms.ModelChoiceField(label=_("Checklist"), queryset=Checklist.objects.filter(active=True))
    observers = forms.ModelMultipleChoiceField(
        label=_("Observers"), queryset=User.objects.none(), required=False, widget=forms.CheckboxSelectMultiple
    )
    description = forms.CharField(label=_("Description"), widget=forms.Textarea({"rows": 3}), required=False)

    def __init__(self, *args: Any, staff: "QuerySet[User]", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["observers"].queryset = staff  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        checklist = data.get("checklist")
        if checklist is not None and checklist.kind != data.get("kind"):
            self.add_error("checklist", _("This checklist is for another kind of mission."))
        return data


class ObservationForm(forms.Form):
    observed_on = forms.DateField(label=_("Date"), widget=DateInput())
    region = TermChoiceField("region", label=_("Region"), required=False)
    city = forms.CharField(label=_("City"), max_length=120)
    place = forms.CharField(label=_("Place"), max_length=200, required=False)
    notes = forms.CharField(label=_("Notes"), widget=forms.Textarea({"rows": 2}), required=False)

    def __init__(self, *args: Any, mission: Mission, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields.update(answer_fields(mission.checklist))

    def answers(self) -> dict[str, Any]:
        return {k.removeprefix("answer_"): v for k, v in self.cleaned_data.items() if k.startswith("answer_")}


class ImportForm(forms.Form):
    file = forms.FileField(label=_("CSV or XLSX file"))
