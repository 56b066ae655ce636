"""Form pieces shared by every app."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from rightsdesk.partial_dates import PartialDate, PartialDateError
from vocabularies.models import Term


class PartialDateField(forms.CharField):
    """A date known to the year, the month or the day: 2003, 2016-03, 2016-03-05."""

    def __init__(self, **kwargs: Any) -> None:
        # No max_length validator: it would run on the parsed PartialDate, not on the text.
        kwargs.pop("max_length", None)
        kwargs.setdefault("help_text", _("YYYY, YYYY-MM or YYYY-MM-DD"))
        super().__init__(**kwargs)
        self.widget.attrs["maxlength"] = "10"

    def prepare_value(self, value: Any) -> Any:
        return value.iso() if isinstance(value, PartialDate) else value

    def to_python(self, value: Any) -> PartialDate | None:  # type: ignore[override]
        text = super().to_python(value)
        if not text:
            return None
        try:
            return PartialDate.parse(text)
        except PartialDateError as exc:
            raise forms.ValidationError(str(exc)) from exc


EMPTY_CHOICE = "—"


class TermChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def __init__(self, vocabulary: str, **kwargs: Any) -> None:
        kwargs.setdefault("empty_label", EMPTY_CHOICE)
        super().__init__(queryset=Term.objects.of(vocabulary), **kwargs)

    def label_from_instance(self, obj: Term) -> str:  # type: ignore[override]
        return obj.label


class TermMultipleChoiceField(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    def __init__(self, vocabulary: str, **kwargs: Any) -> None:
        kwargs.setdefault("widget", forms.CheckboxSelectMultiple)
        kwargs.setdefault("required", False)
        super().__init__(queryset=Term.objects.of(vocabulary), **kwargs)

    def label_from_instance(self, obj: Term) -> str:  # type: ignore[override]
        return obj.label


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("format", "%Y-%m-%d")
        super().__init__(**kwargs)
