"""Configurable observation forms: turning a checklist into form fields and answers, and mission figures."""

from dataclasses import dataclass
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from monitoring.models import AnswerType, Checklist, ChecklistItem, Mission, Observation

YES_NO = [("", "—"), ("yes", gettext_lazy("yes")), ("no", gettext_lazy("no"))]


def field_for(item: ChecklistItem) -> forms.Field:
    if item.answer_type == AnswerType.NUMBER:
        return forms.IntegerField(label=item.question, required=False, min_value=0)
    if item.answer_type == AnswerType.YES_NO:
        return forms.ChoiceField(label=item.question, required=False, choices=YES_NO)
    if item.answer_type == AnswerType.CHOICE:
        return forms.ChoiceField(
            label=item.question, required=False, choices=[("", "—"), *((c, c) for c in item.choice_list())]
        )
    return forms.CharField(label=item.question, required=False, max_length=1000, widget=forms.Textarea({"rows": 2}))


def answer_fields(checklist: Checklist) -> dict[str, forms.Field]:
    return {f"answer_{item.code}": field_for(item) for item in checklist.items.all()}


def clean_answers(checklist: Checklist, answers: dict[str, Any]) -> dict[str, Any]:
    """Keep only the checklist's questions, with values of the right type; raise on a bad value."""
    cleaned: dict[str, Any] = {}
    errors = []
    for item in checklist.items.all():
        value = answers.get(item.code)
        if value in (None, ""):
            continue
        if item.answer_type == AnswerType.NUMBER:
            try:
                number = int(value)
            except (TypeError, ValueError):
                errors.append(_("%(question)s: give a number") % {"question": item.question})
                continue
            if number < 0:
                errors.append(_("%(question)s: give a number") % {"question": item.question})
                continue
            cleaned[item.code] = number
        elif item.answer_type == AnswerType.YES_NO:
            if value not in ("yes", "no"):
                errors.append(_("%(question)s: answer yes or no") % {"question": item.question})
                continue
            cleaned[item.code] = value
        elif item.answer_type == AnswerType.CHOICE:
            if value not in item.choice_list():
                errors.append(_("%(question)s: choose one of the options") % {"question": item.question})
                continue
            cleaned[item.code] = value
        else:
            cleaned[item.code] = str(value)[:1000]
    if errors:
        raise forms.ValidationError(errors)
    return cleaned


@dataclass(frozen=True)
class MissionFigures:
    """What a mission observed, in the words a report uses."""

    kind: str
    observations: int
    cities: list[str]
    detentions: int
    observations_with_detentions: int
    yes_counts: dict[str, int]

    @property
    def city_count(self) -> int:
        return len(self.cities)


def mission_figures(mission: Mission) -> MissionFigures:
    return figures_of(mission.kind, mission.checklist, mission.observations.all())


def figures_of(kind: str, checklist: Checklist, observations: "QuerySet[Observation]") -> MissionFigures:
    rows = list(observations)
    cities = sorted({o.city.strip() for o in rows if o.city.strip()}, key=str.casefold)
    detentions = [int(o.answers.get("detentions") or 0) for o in rows]
    yes_counts = {
        item.question: sum(1 for o in rows if o.answers.get(item.code) == "yes")
        for item in checklist.items.filter(answer_type=AnswerType.YES_NO)
    }
    return MissionFigures(
        kind=kind,
        observations=len(rows),
        cities=cities,
        detentions=sum(detentions),
        observations_with_detentions=sum(1 for d in detentions if d > 0),
        yes_counts=yes_counts,
    )
