"""Reading every country's facts once, as `classification.History` values.

Five queries whatever the number of countries or dates, so the status of
199 countries for every year since 1990 computes in well under a second.
"""

import datetime as dt
from collections import defaultdict
from itertools import chain

from django.utils.translation import gettext as _

from deathpenalty import classification as c
from deathpenalty.counts import Count
from deathpenalty.models import (
    Assessment,
    AssessmentKind,
    Country,
    EventKind,
    LegalEvent,
    Measure,
    Outcome,
    SentenceCase,
    Stage,
    YearlyFigure,
)
from rightsdesk.partial_dates import PartialDate, Precision

_EVENT_KINDS = {
    EventKind.ABOLITION_ALL: c.ABOLITION_ALL,
    EventKind.ABOLITION_ORDINARY: c.ABOLITION_ORDINARY,
    EventKind.REINSTATEMENT: c.REINSTATEMENT,
    EventKind.EXECUTION: c.EXECUTION,
    EventKind.MORATORIUM_DECLARED: c.MORATORIUM_DECLARED,
    EventKind.MORATORIUM_LIFTED: c.MORATORIUM_LIFTED,
}


def dated(fact: str, date: PartialDate) -> str:
    """'abolished for all crimes in 2022-01' or '… on 2021-12-29': never an invented day."""
    if date.precision == Precision.DAY:
        return _("%(fact)s on %(date)s") % {"fact": fact, "date": date.iso()}
    return _("%(fact)s in %(date)s") % {"fact": fact, "date": date.iso()}


def event_label(event: LegalEvent) -> str:
    facts = {
        EventKind.ABOLITION_ALL: _("abolished for all crimes"),
        EventKind.ABOLITION_ORDINARY: _("abolished for ordinary crimes"),
        EventKind.REINSTATEMENT: _("death penalty reinstated"),
        EventKind.EXECUTION: _("execution"),
        EventKind.MORATORIUM_DECLARED: _("moratorium on executions declared"),
        EventKind.MORATORIUM_LIFTED: _("moratorium lifted"),
    }
    fact = facts.get(event.kind) or str(EventKind(event.kind).label)  # type: ignore[call-overload]
    text = dated(fact, event.partial_date)
    if event.stage == Stage.SIGNED:
        text = _("%(fact)s (law signed)") % {"fact": text}
    elif event.stage == Stage.IN_FORCE:
        text = _("%(fact)s (law in force)") % {"fact": text}
    return text


def happening_for_event(event: LegalEvent) -> c.Happening | None:
    kind = _EVENT_KINDS.get(event.kind)  # type: ignore[call-overload]
    if kind is None:
        return None
    if event.stage == Stage.SIGNED:
        if kind not in c.LAW_CHANGES:
            return None
        kind = c.LAW_SIGNED
    return c.Happening(kind, event.partial_date, event_label(event), event.source)


def happening_for_figure(figure: YearlyFigure) -> c.Happening | None:
    count = Count(figure.count_kind, figure.number)
    if figure.measure != Measure.EXECUTIONS or not count.shows_any:
        return None
    return c.Happening(
        c.EXECUTION,
        PartialDate(dt.date(figure.year, 1, 1), Precision.YEAR),
        _("executions recorded in %(year)s (%(count)s)") % {"year": figure.year, "count": count.text()},
        figure.source,
    )


def happening_for_case(case: SentenceCase) -> c.Happening | None:
    when = case.outcome_date
    if case.outcome != Outcome.EXECUTED or when is None:
        return None
    return c.Happening(c.EXECUTION, when, dated(_("execution"), when), case.source)


def happening_for_assessment(assessment: Assessment) -> c.Happening | None:
    date = PartialDate(assessment.date, assessment.date_precision)
    if assessment.kind == AssessmentKind.PRACTICE_ESTABLISHED:
        label = _("%(body)s, %(date)s: established practice of not executing")
        kind = c.PRACTICE_ESTABLISHED
    elif assessment.kind == AssessmentKind.PRACTICE_ENDED:
        label = _("%(body)s, %(date)s: not abolitionist in practice")
        kind = c.PRACTICE_ENDED
    else:
        return None
    return c.Happening(kind, date, label % {"body": assessment.body, "date": date.iso()}, assessment.source)


def load_histories(iso3: str | None = None) -> dict[str, c.History]:
    """Every country's history (or one country's), keyed by ISO alpha-3 code."""
    countries = Country.objects.all()
    events = LegalEvent.objects.current()
    figures = YearlyFigure.objects.current().filter(measure=Measure.EXECUTIONS)
    cases = SentenceCase.objects.current().filter(outcome=Outcome.EXECUTED)
    assessments = Assessment.objects.current()
    if iso3 is not None:
        countries = countries.filter(iso3=iso3)
        events = events.filter(country__iso3=iso3)
        figures = figures.filter(country__iso3=iso3)
        cases = cases.filter(country__iso3=iso3)
        assessments = assessments.filter(country__iso3=iso3)

    happenings: dict[int, list[c.Happening]] = defaultdict(list)
    listings: dict[int, list[c.Listing]] = defaultdict(list)
    converted = chain(
        ((event.country_id, happening_for_event(event)) for event in events),
        ((figure.country_id, happening_for_figure(figure)) for figure in figures),
        ((case.country_id, happening_for_case(case)) for case in cases),
    )
    for country_id, happening in converted:
        if happening is not None:
            happenings[country_id].append(happening)
    for assessment in assessments:
        if assessment.kind == AssessmentKind.PUBLISHED_CATEGORY:
            listings[assessment.country_id].append(
                c.Listing(
                    assessment.category,
                    PartialDate(assessment.date, assessment.date_precision),
                    assessment.body,
                    assessment.source,
                )
            )
        else:
            happening = happening_for_assessment(assessment)
            if happening is not None:
                happenings[assessment.country_id].append(happening)
    return {
        country.iso3: c.History(
            iso3=country.iso3,
            name=country.name,
            happenings=tuple(happenings[country.pk]),
            listings=tuple(listings[country.pk]),
            counted_from=country.counted_from,
        )
        for country in countries
    }
