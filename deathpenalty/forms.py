"""Editors' forms: every fact needs a date as precise as it is known, and a source."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from deathpenalty.counts import Count, CountError
from deathpenalty.models import (
    LAW_KINDS,
    TREATY_KINDS,
    Assessment,
    AssessmentKind,
    Country,
    LegalEvent,
    YearlyFigure,
)
from rightsdesk.partial_dates import PartialDate, PartialDateError

EVENT_FIELDS = ["kind", "stage", "treaty", "description", "source", "note"]


# Unparameterised: ModelForm[...] is not subscriptable at runtime without django_stubs_ext.
class _PartialDateMixin(forms.ModelForm):  # type: ignore[type-arg]
    when = forms.CharField(
        label=_("Date"),
        help_text=_("As precisely as it is known: 2003, 2016-03 or 2016-03-05."),
    )
    date_field = "date"
    precision_field = "date_precision"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["when"] = PartialDate(
                getattr(self.instance, self.date_field), getattr(self.instance, self.precision_field)
            ).iso()

    def clean_when(self) -> PartialDate:
        try:
            return PartialDate.parse(self.cleaned_data["when"])
        except PartialDateError as exc:
            raise forms.ValidationError(str(exc)) from exc

    def _post_clean(self) -> None:
        when = self.cleaned_data.get("when")
        if isinstance(when, PartialDate):
            setattr(self.instance, self.date_field, when.value)
            setattr(self.instance, self.precision_field, when.precision)
        super()._post_clean()  # type: ignore[misc]  # django-stubs omits the private BaseForm._post_clean hook


class LegalEventForm(_PartialDateMixin):
    reason = forms.CharField(label=_("Reason for the correction"), max_length=300, required=False)

    class Meta:
        model = LegalEvent
        fields = EVENT_FIELDS

    def __init__(self, *args: Any, correcting: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["reason"].required = correcting
        if not correcting:
            del self.fields["reason"]

    def clean(self) -> dict[str, Any]:
        super().clean()  # ModelForm.clean() returns self.cleaned_data; the stubs say "| None"
        data = self.cleaned_data
        kind, stage, treaty = data.get("kind"), data.get("stage"), data.get("treaty")
        if kind in TREATY_KINDS and not treaty:
            self.add_error("treaty", _("Say which treaty."))
        if treaty and kind not in TREATY_KINDS:
            self.add_error("treaty", _("Only treaty steps name a treaty."))
        if stage and kind not in LAW_KINDS | TREATY_KINDS:
            self.add_error("stage", _("Only laws are signed and come into force."))
        return data


class AssessmentForm(_PartialDateMixin):
    class Meta:
        model = Assessment
        fields = ["kind", "category", "body", "source", "note"]

    def clean(self) -> dict[str, Any]:
        super().clean()  # ModelForm.clean() returns self.cleaned_data; the stubs say "| None"
        data = self.cleaned_data
        if data.get("kind") == AssessmentKind.PUBLISHED_CATEGORY and not data.get("category"):
            self.add_error("category", _("A published list gives a category."))
        return data


# Unparameterised: ModelForm[...] is not subscriptable at runtime without django_stubs_ext.
class FigureForm(forms.ModelForm):  # type: ignore[type-arg]
    value = forms.CharField(
        label=_("Figure"), help_text=_("12, 12+ (at least 12), + (more than one), 1000s or unknown.")
    )

    class Meta:
        model = YearlyFigure
        fields = ["year", "measure", "source", "note"]

    def __init__(self, *args: Any, country: Country, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.country = country

    def clean_value(self) -> Count:
        try:
            return Count.parse(self.cleaned_data["value"])
        except CountError as exc:
            raise forms.ValidationError(str(exc)) from exc

    def clean(self) -> dict[str, Any]:
        super().clean()  # ModelForm.clean() returns self.cleaned_data; the stubs say "| None"
        data = self.cleaned_data
        year, measure = data.get("year"), data.get("measure")
        # Without a valid year and measure there is nothing to compare against.
        if (
            year is not None
            and measure is not None
            and YearlyFigure.objects.filter(country=self.country, year=year, measure=measure).exists()
        ):
            raise forms.ValidationError(_("There is already a figure for this year; correct it instead."))
        return data

    def _post_clean(self) -> None:
        count = self.cleaned_data.get("value")
        if isinstance(count, Count):
            self.instance.count_kind = count.kind
            self.instance.number = count.number
        self.instance.country = self.country
        super()._post_clean()  # type: ignore[misc]  # django-stubs omits the private BaseForm._post_clean hook
