from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from monitoring.models import Event, Source
from publishing.snapshot import publishable_files
from rightsdesk.forms import DateInput, TermChoiceField


class SourceFileChoiceField(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Source) -> str:
        return f"{obj.title} · {obj.original_name}"


class PublishForm(forms.Form):
    title = forms.CharField(label=_("Public title"), max_length=200)
    summary = forms.CharField(
        label=_("Public summary"),
        widget=forms.Textarea({"rows": 8}),
        required=False,
        help_text=_("What the public reads. It is checked for names of protected people, places and contacts."),
    )
    apply_redaction = forms.BooleanField(
        label=_("Replace what was found with pseudonyms and […]"),
        required=False,
    )
    evidence_files = SourceFileChoiceField(
        label=_("Files to publish with it"),
        queryset=Source.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Pictures (JPEG, PNG, WebP) and PDFs of the sources marked “may be published”. A cleaned copy is "
            "published, without EXIF, GPS, authors or other metadata; the evidence file itself is not changed. "
            "What the picture or the pages show is published as it is: look at it first."
        ),
    )

    def __init__(self, *args: Any, event: Event, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = publishable_files(event)
        if not choices.exists():
            del self.fields["evidence_files"]
        elif isinstance(field := self.fields["evidence_files"], SourceFileChoiceField):
            field.queryset = choices


class ReportForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    period_start = forms.DateField(label=_("From"), widget=DateInput())
    period_end = forms.DateField(label=_("Until"), widget=DateInput())
    violation = TermChoiceField("violation_type", label=_("Violation"), required=False, to_field_name="code")
    right = TermChoiceField("right", label=_("Right"), required=False, to_field_name="code")
    tag = TermChoiceField("event_tag", label=_("Theme"), required=False, to_field_name="code")
    region = TermChoiceField("region", label=_("Region"), required=False, to_field_name="code")
    introduction = forms.CharField(label=_("Introduction"), widget=forms.Textarea({"rows": 5}), required=False)
    include_missions = forms.BooleanField(
        label=_("Include the figures of our monitoring missions in this period"), required=False
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("period_start"), data.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", _("The end is before the start."))
        return data

    def filters(self) -> dict[str, str]:
        return {
            key: self.cleaned_data[key].code
            for key in ("violation", "right", "tag", "region")
            if self.cleaned_data.get(key) is not None
        }


class PortalFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    violation = TermChoiceField("violation_type", label=_("Violation"), required=False, to_field_name="code")
    right = TermChoiceField("right", label=_("Right"), required=False, to_field_name="code")
    tag = TermChoiceField("event_tag", label=_("Theme"), required=False, to_field_name="code")
    region = TermChoiceField("region", label=_("Region"), required=False, to_field_name="code")
    year = forms.IntegerField(label=_("Year"), required=False, min_value=1990, max_value=2100)

    def filters(self) -> dict[str, Any]:
        if not self.is_valid():
            return {}
        data = self.cleaned_data
        found: dict[str, Any] = {"q": data.get("q") or "", "year": data.get("year")}
        for key in ("violation", "right", "tag", "region"):
            if data.get(key) is not None:
                found[key] = data[key].code
        return found
