from typing import Any

import pycountry
from django import forms
from django.utils.translation import gettext_lazy as _

from people.models import Gender
from rightsdesk.forms import DateInput, PartialDateField, TermMultipleChoiceField


def country_choices() -> list[tuple[str, str]]:
    countries = sorted(pycountry.countries, key=lambda c: c.name)
    return [("", "—")] + [(c.alpha_3, c.name) for c in countries]


class PersonForm(forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=200)
    other_names = forms.CharField(label=_("Other names and spellings"), max_length=400, required=False)
    gender = forms.ChoiceField(label=_("Gender"), choices=Gender.choices, initial=Gender.UNKNOWN)
    birth = PartialDateField(label=_("Date of birth"), required=False)
    citizenship = forms.ChoiceField(label=_("Citizenship"), required=False, choices=country_choices)
    is_stateless = forms.BooleanField(label=_("Stateless"), required=False)
    groups = TermMultipleChoiceField("vulnerable_group", label=_("Groups"))
    languages = TermMultipleChoiceField("language", label=_("Languages"))
    phone = forms.CharField(label=_("Phone"), max_length=60, required=False)
    email = forms.EmailField(label=_("Email"), required=False)
    address = forms.CharField(label=_("Address"), max_length=300, required=False)
    consent_to_processing = forms.BooleanField(label=_("Consents to data processing"), required=False)
    consent_date = forms.DateField(label=_("Date of consent"), required=False, widget=DateInput())

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("is_stateless") and data.get("citizenship"):
            self.add_error("citizenship", _("A stateless person has no citizenship; clear one of the two."))
        if data.get("consent_to_processing") and not data.get("consent_date"):
            self.add_error("consent_date", _("Give the date consent was given."))
        return data


def initial_from(person: Any) -> dict[str, Any]:
    return {
        "full_name": person.full_name,
        "other_names": person.other_names,
        "gender": person.gender,
        "birth": person.birth,
        "citizenship": person.citizenship,
        "is_stateless": person.is_stateless,
        "groups": list(person.groups.all()),
        "languages": list(person.languages.all()),
        "phone": person.phone,
        "email": person.email,
        "address": person.address,
        "consent_to_processing": person.consent_to_processing,
        "consent_date": person.consent_date,
    }
