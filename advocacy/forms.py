"""Forms of the advocacy pages: they parse input; the actions write."""

from datetime import date
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import Office, Role, User
from advocacy.models import (
    ACTION_KIND,
    PARTICIPANT_GROUP,
    RECOMMENDATION_SOURCE,
    TARGET_KIND,
    CampaignStatus,
    FollowUp,
)
from deathpenalty.models import LegalEvent
from rightsdesk.forms import DateInput, PartialDateField, TermChoiceField
from vocabularies.models import Term

# PartialDateField is given max_length=None: its default length validator would be run on the parsed PartialDate.
STAFF_ROLES = [Role.LAWYER, Role.OFFICE_MANAGER, Role.EDITOR, Role.MONITOR, Role.VIEWER]


class UserMultipleChoiceField(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: User) -> str:  # type: ignore[override]
        return obj.get_full_name() or obj.username


class LegalEventField(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: LegalEvent) -> str:  # type: ignore[override]
        return legal_event_label(obj)


class LegalEventChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: LegalEvent) -> str:  # type: ignore[override]
        return legal_event_label(obj)


def legal_event_label(event: LegalEvent) -> str:
    parts = [event.country.name, event.partial_date.iso(), str(event.get_kind_display())]
    if event.stage:
        parts.append(str(event.get_stage_display()))
    if event.treaty:
        parts.append(str(event.get_treaty_display()))
    return " · ".join(parts)


def legal_events() -> Any:
    return (
        LegalEvent.objects.current()
        .exclude(kind="execution")
        .select_related("country")
        .order_by("country__name_en", "date")
    )


def staff() -> Any:
    return User.objects.filter(is_active=True, role__in=STAFF_ROLES).order_by("last_name", "username")


class CampaignForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    goal = forms.CharField(label=_("Goal"), widget=forms.Textarea(attrs={"rows": 3}))
    legal_change = forms.CharField(
        label=_("Legal change sought"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    started = PartialDateField(label=_("Started"), max_length=None)
    ended = PartialDateField(label=_("Ended"), required=False, max_length=None)
    status = forms.ChoiceField(label=_("Status"), choices=CampaignStatus.choices, initial=CampaignStatus.ACTIVE)
    office = forms.ModelChoiceField(label=_("Lead office"), queryset=Office.objects.filter(active=True))
    team = UserMultipleChoiceField(label=_("Team"), queryset=User.objects.none(), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = staff()  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        started, ended = data.get("started"), data.get("ended")
        if started and ended and ended.value < started.value:
            self.add_error("ended", _("A campaign cannot end before it starts."))
        return data


class ActionForm(forms.Form):
    kind = TermChoiceField(ACTION_KIND, label=_("Kind of action"))
    title = forms.CharField(label=_("Title"), max_length=200)
    when = PartialDateField(label=_("Date"), max_length=None)
    target_kind = TermChoiceField(TARGET_KIND, label=_("Kind of target"), required=False)
    target = forms.CharField(label=_("Target body or official"), max_length=200, required=False)
    staff = UserMultipleChoiceField(label=_("Our people involved"), queryset=User.objects.none(), required=False)
    others_involved = forms.CharField(
        label=_("Others involved"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    notes = forms.CharField(label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    result = forms.CharField(label=_("Result"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    recommendations = forms.ModelMultipleChoiceField(
        label=_("Recommendations pushed"),
        queryset=Term.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    legal_events = LegalEventField(label=_("Legal events"), queryset=LegalEvent.objects.none(), required=False)

    def __init__(self, *args: Any, recommendations: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["staff"].queryset = staff()  # type: ignore[attr-defined]
        self.fields["recommendations"].queryset = recommendations  # type: ignore[attr-defined]
        self.fields["legal_events"].queryset = legal_events()  # type: ignore[attr-defined]


class DocumentForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    url = forms.URLField(label=_("Link"), required=False, max_length=500, assume_scheme="https")
    file = forms.FileField(label=_("File"), required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("url") and not data.get("file"):
            raise forms.ValidationError(_("Give a file or a link."))
        return data


class RecommendationForm(forms.Form):
    source = TermChoiceField(RECOMMENDATION_SOURCE, label=_("Made by"))
    body = forms.CharField(label=_("Body or mandate"), max_length=200, required=False)
    reference = forms.CharField(label=_("Reference"), max_length=120, required=False)
    text = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 4}))
    issued = PartialDateField(label=_("Made on"), max_length=None)
    country = forms.CharField(label=_("Country"), max_length=3, initial="KAZ")


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Follow-up status"), choices=FollowUp.choices)
    since = PartialDateField(label=_("Since"), max_length=None)
    legal_event = LegalEventChoiceField(
        label=_("Legal event that shows it"), queryset=LegalEvent.objects.none(), required=False
    )
    note = forms.CharField(label=_("Assessment"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["legal_event"].queryset = legal_events()  # type: ignore[attr-defined]


class StrategicForm(forms.Form):
    campaign = forms.ModelChoiceField(label=_("Campaign"), queryset=Term.objects.none(), required=False)
    aim = forms.CharField(label=_("What it aims at"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    recommendations = forms.ModelMultipleChoiceField(
        label=_("Recommendations it aims at"),
        queryset=Term.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    legal_events = LegalEventField(label=_("Laws it aims at"), queryset=LegalEvent.objects.none(), required=False)

    def __init__(self, *args: Any, campaigns: Any, recommendations: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["campaign"].queryset = campaigns  # type: ignore[attr-defined]
        self.fields["recommendations"].queryset = recommendations  # type: ignore[attr-defined]
        self.fields["legal_events"].queryset = legal_events()  # type: ignore[attr-defined]


class TrainingForm(forms.Form):
    topic = forms.CharField(label=_("Topic"), max_length=200)
    date = forms.DateField(label=_("Date"), widget=DateInput())
    ends_on = forms.DateField(label=_("Last day"), required=False, widget=DateInput())
    place = forms.CharField(label=_("Place"), max_length=200)
    office = forms.ModelChoiceField(label=_("Office"), queryset=Office.objects.filter(active=True))
    trainers = UserMultipleChoiceField(label=_("Our trainers"), queryset=User.objects.none(), required=False)
    guest_trainers = forms.CharField(label=_("Guest trainers"), required=False)
    materials = forms.CharField(label=_("Materials"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    campaign = forms.ModelChoiceField(label=_("Campaign"), queryset=Term.objects.none(), required=False)

    def __init__(self, *args: Any, campaigns: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["trainers"].queryset = staff()  # type: ignore[attr-defined]
        self.fields["campaign"].queryset = campaigns  # type: ignore[attr-defined]
        self.groups = list(Term.objects.of(PARTICIPANT_GROUP))
        for group in self.groups:
            self.fields[f"count_{group.code}"] = forms.IntegerField(
                label=group.label, min_value=0, required=False, widget=forms.NumberInput(attrs={"class": "count"})
            )

    def count_fields(self) -> list[Any]:
        return [self[f"count_{group.code}"] for group in self.groups]

    def counts(self) -> dict[Term, int]:
        return {group: self.cleaned_data.get(f"count_{group.code}") or 0 for group in self.groups}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("date") and data.get("ends_on") and data["ends_on"] < data["date"]:
            self.add_error("ends_on", _("The last day cannot be before the first."))
        return data


class ParticipantForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    organisation = forms.CharField(label=_("Organisation"), max_length=200, required=False)
    group = TermChoiceField(PARTICIPANT_GROUP, label=_("Group"), required=False)
    consent = forms.BooleanField(label=_("They consented to be named"))
    consent_on = forms.DateField(label=_("Consent given on"), widget=DateInput(), initial=date.today)


class ImpactForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), required=False, min_value=1990, max_value=2100)
    date_from = forms.DateField(label=_("From"), required=False, widget=DateInput())
    date_to = forms.DateField(label=_("To"), required=False, widget=DateInput())
    office = forms.ModelChoiceField(label=_("Office"), queryset=Office.objects.filter(active=True), required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        year = data.get("year")
        if year and not data.get("date_from") and not data.get("date_to"):
            data["date_from"], data["date_to"] = date(year, 1, 1), date(year, 12, 31)
        if not data.get("date_from") or not data.get("date_to"):
            today = date.today()
            data.setdefault("date_from", None)
            data["date_from"] = data["date_from"] or date(today.year, 1, 1)
            data["date_to"] = data.get("date_to") or date(today.year, 12, 31)
        if data["date_to"] < data["date_from"]:
            self.add_error("date_to", _("The period cannot end before it starts."))
        return data
