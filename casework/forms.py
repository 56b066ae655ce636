from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import Office, Role, User
from casework.models import CaseStatus, DecisionResult, Proceeding
from casework.workflow import next_statuses
from people.models import Person
from rightsdesk.forms import EMPTY_CHOICE, DateInput, TermChoiceField, TermMultipleChoiceField


class PersonPickField(forms.ModelChoiceField):  # type: ignore[type-arg]
    """A person chosen by id from the search-as-you-type box; the queryset is what the user may see."""

    widget = forms.HiddenInput


class ConsultationForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=DateInput())
    person = PersonPickField(queryset=Person.objects.none(), required=False, label=_("Person"))
    new_person_name = forms.CharField(
        label=_("…or a new person's full name"),
        max_length=200,
        required=False,
        help_text=_("Leave both empty for an anonymous consultation."),
    )
    channel = TermChoiceField("consultation_channel", label=_("Channel"))
    legal_area = TermChoiceField("legal_area", label=_("Legal area"))
    groups = TermMultipleChoiceField("vulnerable_group", label=_("Groups"))
    summary = forms.CharField(label=_("Summary"), widget=forms.Textarea(attrs={"rows": 4}))
    outcome = TermChoiceField("consultation_outcome", label=_("Outcome"), required=False)
    follow_up_on = forms.DateField(label=_("Follow up on"), required=False, widget=DateInput())
    follow_up = forms.CharField(label=_("Follow-up"), max_length=300, required=False)

    def __init__(self, *args: Any, people: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if people is not None:
            self.fields["person"].queryset = people  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("person") and data.get("new_person_name"):
            self.add_error("new_person_name", _("Choose an existing person or type a new name, not both."))
        return data


def lawyers_of(office: Office | None) -> Any:
    users = User.objects.filter(is_active=True, role__in=[Role.LAWYER, Role.OFFICE_MANAGER])
    return users.filter(office=office) if office is not None else users


class UserChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("empty_label", EMPTY_CHOICE)
        super().__init__(*args, **kwargs)

    def label_from_instance(self, obj: User) -> str:  # type: ignore[override]
        return obj.get_full_name() or obj.username


class UserMultipleChoiceField(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: User) -> str:  # type: ignore[override]
        return obj.get_full_name() or obj.username


class PersonMultipleChoiceField(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    widget = forms.MultipleHiddenInput


class CaseForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    case_type = TermChoiceField("case_type", label=_("Case type"))
    legal_area = TermChoiceField("legal_area", label=_("Legal area"))
    responsible_lawyer = UserChoiceField(queryset=User.objects.none(), label=_("Responsible lawyer"))
    team = UserMultipleChoiceField(
        queryset=User.objects.none(), required=False, label=_("Team"), widget=forms.CheckboxSelectMultiple
    )
    clients = PersonMultipleChoiceField(queryset=Person.objects.none(), required=False, label=_("Clients"))
    confidential = forms.BooleanField(label=_("Confidential (only the case team may see it)"), required=False)
    opened_on = forms.DateField(label=_("Opened on"), widget=DateInput())
    description = forms.CharField(label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(
        self, *args: Any, office: Office | None, people: Any, require_clients: bool = True, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.require_clients = require_clients
        staff = lawyers_of(office)
        self.fields["responsible_lawyer"].queryset = staff  # type: ignore[attr-defined]
        self.fields["team"].queryset = User.objects.filter(is_active=True).exclude(role=Role.ADMIN)  # type: ignore[attr-defined]
        self.fields["clients"].queryset = people  # type: ignore[attr-defined]

    def chosen_clients(self) -> Any:
        """The clients to show as chosen: what was posted, or the case's clients."""
        if self.is_bound:
            ids = [v for v in self.data.getlist("clients") if str(v).isdigit()]  # type: ignore[attr-defined]
        else:
            ids = [p.pk for p in self.initial.get("clients", [])]
        return self.fields["clients"].queryset.filter(pk__in=ids)  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.require_clients and not data.get("clients"):
            self.add_error("clients", _("Add at least one client."))
        return data


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"), choices=CaseStatus.choices)
    outcome = TermChoiceField("case_outcome", label=_("Outcome (when closing)"), required=False)

    def __init__(self, *args: Any, current: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        allowed = set(next_statuses(current))
        self.fields["status"].choices = [(v, label) for v, label in CaseStatus.choices if v in allowed]  # type: ignore[attr-defined]


class ProceedingForm(forms.Form):
    body_kind = TermChoiceField("body_kind", label=_("Kind of body"))
    body_name = forms.CharField(
        label=_("Court or body"),
        max_length=200,
        help_text=_("For example: Almaty City Court; UN Human Rights Committee"),
    )
    instance = TermChoiceField("court_instance", label=_("Instance"))
    number = forms.CharField(label=_("Case number there"), max_length=80, required=False)
    filed_on = forms.DateField(label=_("Filed on"), required=False, widget=DateInput())
    appeal_of = forms.ModelChoiceField(
        queryset=Proceeding.objects.none(), required=False, label=_("Appeal of"), empty_label=EMPTY_CHOICE
    )
    notes = forms.CharField(label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, case: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["appeal_of"].queryset = case.proceedings.all()  # type: ignore[attr-defined]


class HearingForm(forms.Form):
    proceeding = forms.ModelChoiceField(queryset=Proceeding.objects.none(), label=_("Proceeding"))
    starts_at = forms.DateTimeField(
        label=_("Date and time"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    place = forms.CharField(label=_("Place"), max_length=200, required=False)
    notes = forms.CharField(label=_("Notes"), required=False)

    def __init__(self, *args: Any, case: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["proceeding"].queryset = case.proceedings.all()  # type: ignore[attr-defined]


class DecisionForm(forms.Form):
    proceeding = forms.ModelChoiceField(queryset=Proceeding.objects.none(), label=_("Proceeding"))
    decided_on = forms.DateField(label=_("Decided on"), widget=DateInput())
    result = forms.ChoiceField(label=_("Result"), choices=DecisionResult.choices)
    summary = forms.CharField(label=_("Summary"), required=False)

    def __init__(self, *args: Any, case: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["proceeding"].queryset = case.proceedings.all()  # type: ignore[attr-defined]


class DeadlineForm(forms.Form):
    title = forms.CharField(label=_("What is due"), max_length=200)
    due_on = forms.DateField(label=_("Due on"), widget=DateInput())
    owner = UserChoiceField(queryset=User.objects.none(), label=_("Owner"))

    def __init__(self, *args: Any, case: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        ids = {case.responsible_lawyer_id, *case.team.values_list("pk", flat=True)}
        self.fields["owner"].queryset = User.objects.filter(pk__in=ids, is_active=True)  # type: ignore[attr-defined]


class NoteForm(forms.Form):
    text = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 3}))


class DocumentForm(forms.Form):
    file = forms.FileField(label=_("File"))
    title = forms.CharField(label=_("Title"), max_length=200, required=False)
    doc_type = TermChoiceField("document_type", label=_("Type of document"))


class EmergencyAccessForm(forms.Form):
    reference = forms.CharField(label=_("Case reference"), max_length=40)
    reason = forms.CharField(label=_("Why you must open this case"), widget=forms.Textarea(attrs={"rows": 3}))


class ImportForm(forms.Form):
    file = forms.FileField(label=_("CSV or XLSX file"))
