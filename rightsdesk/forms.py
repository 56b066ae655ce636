"""Form pieces shared by every app."""

from typing import Any

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
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


class ListedChoiceIterator(forms.models.ModelChoiceIterator):  # type: ignore[type-arg]
    """A model field's options, read in one ordinary query.

    Django's iterator reads them with .iterator(), which on PostgreSQL opens a server-side cursor:
    three round trips to the database for a list of a few hundred lawyers on every list page.
    """

    def __iter__(self) -> Any:
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        yield from self.options()

    def options(self) -> Any:
        """(value, label) of each option; a subclass may read them some cheaper way."""
        for obj in self.queryset.all():  # a copy: the field's own queryset keeps no rows
            yield self.choice(obj)


class ListedChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    """A model choice read in one query (see ListedChoiceIterator)."""

    iterator = ListedChoiceIterator


class TermChoiceField(ListedChoiceField):
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


class QuickSelect(forms.Select):
    """A single-choice select written in Python, for filters with hundreds of options.

    Through templates, each option costs a few dozen variable look-ups; the
    lawyer filter of a national installation lists every active lawyer, and
    that was most of the case list's rendering time.
    """

    def render(self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None) -> SafeString:
        # The base widget's context (name, value, attributes), not the select's: that one builds every
        # option as a dict for the template, a second pass over the choices (and, for a model field,
        # a second query) that this rendering does not use.
        context = forms.Widget.get_context(self, name, value, attrs)["widget"]
        chosen = {str(v) for v in context["value"]}
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (option_value, " selected" if str(option_value) in chosen else "", label)
                for option_value, label in self.choices
            ),
        )
        return format_html('<select name="{}"{}>{}</select>', name, flatatt(context["attrs"]), options)
