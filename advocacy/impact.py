"""The impact report: what the organisation did in a period, counted within the reader's access.

Every figure is the size of a list (or, for participants, the sum of a column
of one) and links to that list: to the casework list page with filters where
that page counts exactly the same rows, otherwise to the report's own row list
(`rows`), which is built by the very function that computed the figure. Every
list starts from `visible_to(reader)`; only the command line, run by whoever
runs the server, may count for the whole organisation (`reader=None`).

Definitions, for a period [date_from, date_to] and optionally one office:
- consultations: dated in the period; people helped: distinct persons of those
  consultations (anonymous ones are consultations, not people); by vulnerable
  group, legal area, and the region of the consultation's office;
- cases opened: opened in the period; won (won, views adopted by a UN body),
  partly won, lost, closed otherwise: closed in the period by outcome; pending:
  opened by the end of the period and not closed by then;
- strategic cases: active at some time in the period; their outcomes: closed in it;
- violations documented: monitoring events that began in the period, and their
  acts; published: snapshots published in the period and not withdrawn;
  missions: begun in the period; observations: made in it;
- trainings: held in the period, and the participants counted in them by group;
- advocacy actions: dated in the period (by the campaign's lead office);
  recommendations moved: whose follow-up status changed in the period, by the
  latest status reached in it;
- regions: distinct regions of the offices with any of the activity above.
"""

import csv
import io
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

from django.core.exceptions import FieldError
from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from accounts.models import Office
from advocacy import charts
from advocacy.models import (
    ACTION_KIND,
    PARTICIPANT_GROUP,
    AdvocacyAction,
    Campaign,
    FollowUp,
    ParticipantCount,
    Recommendation,
    RecommendationStatus,
    StrategicCase,
    Training,
)
from casework.models import Case, CaseStatus, Consultation
from people.models import Person
from vocabularies.models import Term

if TYPE_CHECKING:
    from accounts.models import User

WON = ("won", "views-adopted")
PARTLY_WON = ("partly-won",)
LOST = ("lost",)


@dataclass(frozen=True)
class Scope:
    """Whose access, which period, which office (None: all offices)."""

    reader: "User | None"
    date_from: date
    date_to: date
    office: Office | None = None
    # What several figures of one report are computed from, computed once (see `remember`).
    _memo: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    def remember(self, key: str, compute: Callable[[], Any]) -> Any:
        if key not in self._memo:
            self._memo[key] = compute()
        return self._memo[key]

    def visible(self, queryset: QuerySet[Any]) -> QuerySet[Any]:
        return queryset if self.reader is None else queryset.visible_to(self.reader)  # type: ignore[attr-defined]

    def in_office(self, queryset: QuerySet[Any], path: str = "office") -> QuerySet[Any]:
        return queryset if self.office is None else queryset.filter(**{path: self.office})

    @property
    def period(self) -> tuple[date, date]:
        return (self.date_from, self.date_to)

    def params(self) -> dict[str, str]:
        params = {"date_from": self.date_from.isoformat(), "date_to": self.date_to.isoformat()}
        if self.office is not None:
            params["office"] = str(self.office.pk)
        return params


@dataclass(frozen=True)
class Row:
    cells: tuple[str, ...]
    href: str = ""
    amount: int | None = None


@dataclass
class Source:
    """The rows one figure counts; the figure is their number, or the sum of their amounts."""

    title: str
    columns: tuple[str, ...]
    items: Any  # a QuerySet or a list
    row: Callable[[Any], Row]
    amount: Callable[[Any], int] | None = None

    def value(self) -> int:
        if self.amount is not None:
            return sum(self.amount(item) for item in self.items)
        return self.items.count() if isinstance(self.items, QuerySet) else len(self.items)

    def rows(self) -> list[Row]:
        return [self.row(item) for item in self.items]


MONITORING_FIGURES = frozenset({"events", "acts", "published", "missions", "observations"})


class UnknownFigure(LookupError):
    pass


# Where the figures come from ---------------------------------------------------


_DIM_LOOKUP = {"group": "groups", "legal_area": "legal_area", "region": "office__region"}


def consultations(scope: Scope) -> QuerySet[Consultation]:
    rows = scope.visible(Consultation.objects.all()).filter(date__range=scope.period)
    return scope.in_office(rows)


def _consultations_by(scope: Scope, by: str, term: Term | None) -> QuerySet[Consultation]:
    rows = consultations(scope)
    if term is None:
        return rows
    return rows.filter(**{_DIM_LOOKUP[by]: term})


@dataclass(frozen=True)
class ConsultationFacts:
    """The period's consultations, read once: each figure of legal aid is a count over them.

    Read from `consultations(scope)` itself, so each count is the size of the list its row page shows.
    """

    ids: set[int]
    people: set[int]
    # dimension ("group", "legal_area", "region") → term pk → (consultation ids, person ids)
    by: dict[str, dict[int, tuple[set[int], set[int]]]]

    @classmethod
    def of(cls, scope: Scope) -> "ConsultationFacts":
        def read() -> ConsultationFacts:
            facts = cls(set(), set(), {dim: {} for dim in _DIM_LOOKUP})
            # One row per consultation and group (the join repeats a consultation with several groups).
            listed = (
                consultations(scope)
                .order_by()
                .values_list("pk", "person_id", "groups", "legal_area_id", "office__region_id")
                .iterator(chunk_size=5000)
            )
            for pk, person, *terms in listed:
                facts.ids.add(pk)
                if person is not None:
                    facts.people.add(person)
                for dim, term in zip(_DIM_LOOKUP, terms, strict=True):
                    if term is None:
                        continue
                    ids, people = facts.by[dim].setdefault(term, (set(), set()))
                    ids.add(pk)
                    if person is not None:
                        people.add(person)
            return facts

        facts: ConsultationFacts = scope.remember("consultations", read)
        return facts


def _cases(scope: Scope) -> QuerySet[Case]:
    return scope.in_office(scope.visible(Case.objects.all()))


def _pending_at_end_q(end: date, prefix: str = "") -> Q:
    closed_by_end = Q(**{f"{prefix}status": CaseStatus.CLOSED}) & (
        Q(**{f"{prefix}closed_on__isnull": True}) | Q(**{f"{prefix}closed_on__lte": end})
    )
    return Q(**{f"{prefix}opened_on__lte": end}) & ~closed_by_end


def _pending_at_end(queryset: QuerySet[Any], end: date, prefix: str = "") -> QuerySet[Any]:
    return queryset.filter(_pending_at_end_q(end, prefix))


def case_conditions(scope: Scope) -> dict[str, Q]:
    """Which of the reader's cases each case figure counts: one definition for the count and its list."""
    closed = Q(status=CaseStatus.CLOSED, closed_on__range=scope.period)
    return {
        "opened": Q(opened_on__range=scope.period),
        "won": closed & Q(outcome__code__in=WON),
        "partly_won": closed & Q(outcome__code__in=PARTLY_WON),
        "lost": closed & Q(outcome__code__in=LOST),
        "closed_other": closed & ~Q(outcome__code__in=(*WON, *PARTLY_WON, *LOST)),
        "closed": closed,
        "pending": _pending_at_end_q(scope.date_to),
    }


def case_counts(scope: Scope) -> dict[str, int]:
    """Every case figure in one pass over the reader's cases."""

    def count() -> dict[str, int]:
        conditions = case_conditions(scope)
        counted: dict[str, int] = _cases(scope).aggregate(
            **{name: Count("pk", filter=condition) for name, condition in conditions.items()}
        )
        return counted

    counts: dict[str, int] = scope.remember("cases", count)
    return counts


def trainings(scope: Scope) -> QuerySet[Training]:
    return scope.in_office(scope.visible(Training.objects.all())).filter(date__range=scope.period)


def advocacy_actions(scope: Scope) -> QuerySet[AdvocacyAction]:
    rows = scope.visible(AdvocacyAction.objects.all()).filter(date__range=scope.period)
    return scope.in_office(rows, "campaign__office")


def strategic_cases(scope: Scope) -> QuerySet[StrategicCase]:
    rows = scope.in_office(scope.visible(StrategicCase.objects.all()), "case__office")
    active = _pending_at_end(rows, scope.date_to, "case__") | rows.filter(
        case__opened_on__lte=scope.date_to, case__closed_on__gte=scope.date_from
    )
    return active.distinct()


def _strategic_rows(scope: Scope, outcome: str = "") -> QuerySet[Case]:
    """The cases of the strategic cases under way; with `outcome`, those closed in the period with it."""
    # Read once per report: strategic cases are few, and finding them through the visibility rules is not cheap.
    ids = scope.remember("strategic_ids", lambda: set(strategic_cases(scope).values_list("case", flat=True)))
    rows = Case.objects.filter(pk__in=ids)
    if outcome:
        rows = rows.filter(case_conditions(scope)["closed"], outcome__code=outcome)
    return rows


def strategic_counts(scope: Scope) -> dict[str, int]:
    """Strategic cases under way ("") and closed in the period by outcome code, in two queries."""

    def count() -> dict[str, int]:
        closed = _strategic_rows(scope).filter(case_conditions(scope)["closed"])
        counts = dict(
            closed.order_by().values_list("outcome__code").annotate(n=Count("pk")).values_list("outcome__code", "n")
        )
        counts[""] = _strategic_rows(scope).count()
        return counts

    counts: dict[str, int] = scope.remember("strategic", count)
    return counts


def recommendations_moved(scope: Scope) -> dict[int, str]:
    """Recommendation pk → the latest follow-up status it reached in the period (only those that moved)."""
    seen = scope.visible(Recommendation.objects.all())
    if scope.office is not None:
        seen = seen.filter(actions__campaign__office=scope.office)
    steps = (
        RecommendationStatus.objects.filter(
            recommendation__in=seen.values("pk"), is_initial=False, on__range=scope.period
        )
        .order_by("on", "recorded_at", "pk")
        .values_list("recommendation_id", "status")
    )
    latest: dict[int, str] = {}
    for recommendation_id, status in steps:
        latest[recommendation_id] = status
    return latest


def monitoring_sources(scope: Scope) -> dict[str, QuerySet[Any] | None]:
    """The one place that knows the monitoring and publishing models.

    They are imported lazily; if a model or a field is renamed, the figures it
    feeds read “not available” and the rest of the report still works.
    """
    found: dict[str, QuerySet[Any] | None] = scope.remember("monitoring", lambda: _monitoring_sources(scope))
    return found


def _monitoring_sources(scope: Scope) -> dict[str, QuerySet[Any] | None]:
    from django.apps import apps

    def model(label: str) -> Any:
        try:
            return apps.get_model(label)
        except (LookupError, ValueError):
            return None

    found: dict[str, QuerySet[Any] | None] = dict.fromkeys(("events", "acts", "published", "missions", "observations"))
    event, act, mission = model("monitoring.Event"), model("monitoring.Act"), model("monitoring.Mission")
    observation, published = model("monitoring.Observation"), model("publishing.PublishedRecord")
    try:
        if event is not None:
            seen = scope.in_office(scope.visible(event.objects.all()))
            found["events"] = seen.filter(started_on__range=scope.period)
            if act is not None:
                found["acts"] = act.objects.filter(event__in=found["events"])
            if published is not None:
                found["published"] = published.objects.filter(
                    event__in=seen, withdrawn_at__isnull=True, published_at__date__range=scope.period
                )
        if mission is not None:
            missions = scope.in_office(scope.visible(mission.objects.all()))
            found["missions"] = missions.filter(starts_on__range=scope.period)
            if observation is not None:
                found["observations"] = observation.objects.filter(
                    mission__in=missions, observed_on__range=scope.period
                )
        for queryset in found.values():
            if queryset is not None:
                str(queryset.query)  # a renamed field fails here, not in the middle of a page
    except (FieldError, AttributeError):
        return dict.fromkeys(found)
    return found


def _office_regions(queryset: QuerySet[Any] | None, path: str) -> set[int]:
    """The regions of the offices (at `path`) of these rows.

    The distinct offices, then their regions from the handful of offices: joining each row to its
    office led SQLite to walk every office's rows of the period (0.5 s for a year's events).
    """
    if queryset is None:
        return set()
    offices = set(queryset.order_by().values_list(path, flat=True).distinct())
    regions = Office.objects.filter(pk__in=offices, region__isnull=False).values_list("region", flat=True)
    return set(regions) if offices else set()


def regions_present(scope: Scope) -> set[int]:
    """Region term pks of the offices with any activity in the period."""
    found: set[int] = scope.remember("regions", lambda: _regions_present(scope))
    return found


def _regions_present(scope: Scope) -> set[int]:
    monitoring = monitoring_sources(scope)
    opened = _cases(scope).filter(case_conditions(scope)["opened"])
    found: set[int] = set(ConsultationFacts.of(scope).by["region"])
    found |= _office_regions(opened, "office")
    found |= _office_regions(trainings(scope), "office")
    found |= _office_regions(advocacy_actions(scope), "campaign__office")
    found |= _office_regions(monitoring["events"], "office")
    found |= _office_regions(monitoring["missions"], "office")
    found.discard(None)  # type: ignore[arg-type]
    return found


# One source per figure -----------------------------------------------------------


def _term(vocabulary: str, code: str) -> Term:
    term = Term.objects.filter(vocabulary=vocabulary, code=code).first()
    if term is None:
        raise UnknownFigure(code)
    return term


_DIM_VOCABULARY = {"group": "vulnerable_group", "legal_area": "legal_area", "region": "region"}


def _link(name: str, *args: Any) -> str:
    return reverse(name, args=args)


def _consultation_row(c: Consultation) -> Row:
    return Row((c.date.isoformat(), str(c.office), c.legal_area.label), _link("casework:consultation_detail", c.pk))


def _case_row(c: Case) -> Row:
    closed = c.closed_on.isoformat() if c.closed_on else ""
    outcome = c.outcome.label if c.outcome else ""
    return Row(
        (c.reference, c.get_status_display(), outcome, str(c.office), c.opened_on.isoformat(), closed),
        _link("casework:case_detail", c.pk),
    )


CASE_COLUMNS = ("reference", "status", "outcome", "office", "opened on", "closed on")


def _source(scope: Scope, figure: str, by: str = "", code: str = "") -> Source:
    term: Term | None = None
    if by and figure in {"consultations", "persons"}:
        if by not in _DIM_VOCABULARY:
            raise UnknownFigure(by)
        term = _term(_DIM_VOCABULARY[by], code)
    if figure == "consultations":
        listed = _consultations_by(scope, by, term).select_related("office", "legal_area")
        return Source(_("Consultations"), (_("date"), _("office"), _("legal area")), listed, _consultation_row)
    if figure == "persons":
        ids = _consultations_by(scope, by, term).exclude(person=None).values("person")
        people = Person.objects.filter(pk__in=ids).select_related("office").order_by("pk")
        readable: set[int] = set()

        def person_row(p: Person) -> Row:
            # Read only when rows are listed: counting the people needs no names.
            if not readable:
                readable.update(
                    people.values_list("pk", flat=True)
                    if scope.reader is None
                    else Person.objects.visible_to(scope.reader).filter(pk__in=ids).values_list("pk", flat=True)
                )
            if p.pk not in readable:
                return Row((_("(not in your access)"), str(p.office)))
            return Row((str(p.full_name), str(p.office)), _link("people:person_detail", p.pk))

        return Source(_("People helped"), (_("person"), _("office")), people, person_row)
    if figure.startswith("cases."):
        condition = case_conditions(scope).get(figure.removeprefix("cases."))
        if condition is None:
            raise UnknownFigure(figure)
        chosen = _cases(scope).filter(condition).select_related("office", "outcome")
        return Source(_("Cases"), CASE_COLUMNS, chosen, _case_row)
    if figure == "strategic":
        if by not in {"", "outcome"}:
            raise UnknownFigure(by)
        strategic_rows = _strategic_rows(scope, code if by == "outcome" else "").select_related("office", "outcome")
        return Source(_("Strategic cases"), CASE_COLUMNS, strategic_rows, _case_row)
    if figure in MONITORING_FIGURES:
        return _monitoring_source(scope, figure)
    if figure == "trainings":
        return Source(
            _("Trainings"),
            (_("date"), _("topic"), _("office"), _("participants")),
            trainings(scope).select_related("office").prefetch_related("participant_counts"),
            _training_row,
        )
    if figure == "participants":
        counts = ParticipantCount.objects.filter(training=OuterRef("pk"))
        if by == "group":
            counts = counts.filter(group=_term(PARTICIPANT_GROUP, code))
        summed = counts.order_by().values("training").annotate(n=Sum("count")).values("n")
        summed_rows: Any = (
            trainings(scope)
            .select_related("office")
            .annotate(n=Coalesce(Subquery(summed, output_field=IntegerField()), 0))
            .filter(n__gt=0)
        )
        return Source(
            _("Participants"),
            (_("date"), _("topic"), _("office"), _("participants")),
            summed_rows,
            lambda t: Row(
                (t.date.isoformat(), t.topic, str(t.office), str(t.n)), _link("advocacy:training_detail", t.pk), t.n
            ),
            amount=lambda t: int(t.n),
        )
    if figure == "actions":
        actions = advocacy_actions(scope).select_related("campaign", "kind")
        if by == "kind":
            actions = actions.filter(kind=_term(ACTION_KIND, code))
        return Source(
            _("Advocacy actions"),
            (_("date"), _("kind"), _("action"), _("campaign")),
            actions,
            lambda a: Row(
                (a.when.iso(), a.kind.label, a.title, a.campaign.title), _link("advocacy:action_detail", a.pk)
            ),
        )
    if figure == "recommendations":
        moved = recommendations_moved(scope)
        if by == "status":
            if code not in FollowUp.values:
                raise UnknownFigure(code)
            moved = {pk: status for pk, status in moved.items() if status == code}
        recs = list(Recommendation.objects.filter(pk__in=list(moved)).select_related("source").order_by("pk"))
        return Source(
            _("Recommendations moved"),
            (_("made by"), _("recommendation"), _("status reached")),
            recs,
            lambda r: Row(
                (r.source.label, str(r), str(FollowUp(moved[r.pk]).label)),
                _link("advocacy:recommendation_detail", r.pk),
            ),
        )
    if figure == "campaigns":
        campaigns = scope.in_office(scope.visible(Campaign.objects.all())).filter(
            Q(starts_on__lte=scope.date_to) & (Q(ends_on__isnull=True) | Q(ends_on__gte=scope.date_from))
        )
        return Source(
            _("Campaigns under way"),
            (_("campaign"), _("started"), _("status")),
            campaigns,
            lambda c: Row((c.title, c.started.iso(), c.get_status_display()), _link("advocacy:campaign_detail", c.pk)),
        )
    if figure == "regions":
        present = regions_present(scope)
        regions = list(Term.objects.of("region").filter(pk__in=present))
        return Source(_("Regions where we were active"), (_("region"),), regions, lambda t: Row((t.label,)))
    raise UnknownFigure(figure)


def _training_row(t: Training) -> Row:
    total = t.participant_total
    return Row((t.date.isoformat(), t.topic, str(t.office), str(total)), _link("advocacy:training_detail", t.pk))


def _monitoring_source(scope: Scope, figure: str) -> Source:
    queryset = monitoring_sources(scope)[figure]
    if queryset is None:
        return Source(_("Not available"), (), [], lambda item: Row(()))

    def row(item: Any) -> Row:
        try:
            if figure == "events":
                return Row((item.started_on.isoformat(), item.title), _link("monitoring:event_detail", item.pk))
            if figure == "acts":
                return Row(
                    (str(item.violation_type), item.event.title), _link("monitoring:event_detail", item.event_id)
                )
            if figure == "published":
                return Row(
                    (item.published_at.date().isoformat(), item.title), _link("publishing:record", item.public_id)
                )
            if figure == "missions":
                return Row((item.starts_on.isoformat(), item.title), _link("monitoring:mission_detail", item.pk))
            return Row((item.observed_on.isoformat(), item.city), _link("monitoring:mission_detail", item.mission_id))
        except Exception:
            return Row((str(item),))

    titles = {
        "events": _("Violations documented (events)"),
        "acts": _("Violations documented (acts)"),
        "published": _("Violations published"),
        "missions": _("Monitoring missions"),
        "observations": _("Observations made on missions"),
    }
    return Source(titles[figure], (_("date"), _("what")), queryset, row)


def rows_for(scope: Scope, figure: str, by: str = "", code: str = "") -> Source:
    """The list a figure counts, for the report's row pages."""
    return _source(scope, figure, by, code)


# The report ----------------------------------------------------------------------


@dataclass
class Figure:
    key: str
    label: str
    value: int | None
    href: str


@dataclass
class Breakdown:
    title: str
    columns: tuple[str, ...]
    rows: list[tuple[str, list[Figure]]]
    chart: SafeString | str = ""


@dataclass
class Section:
    key: str
    title: str
    figures: list[Figure] = field(default_factory=list)
    breakdowns: list[Breakdown] = field(default_factory=list)
    chart: SafeString | str = ""


@dataclass
class ImpactReport:
    scope: Scope
    sections: list[Section]
    regions_present: int
    regions_total: int

    def figures(self) -> Iterator[tuple[Section, str, Figure]]:
        for section in self.sections:
            for figure in section.figures:
                yield section, "", figure
            for breakdown in section.breakdowns:
                for label, cells in breakdown.rows:
                    for figure in cells:
                        yield section, f"{breakdown.title}: {label}", figure

    def figure(self, key: str) -> Figure:
        for _section, _row, figure in self.figures():
            if figure.key == key:
                return figure
        raise KeyError(key)


def _rows_link(scope: Scope, figure: str, by: str = "", code: str = "") -> str:
    params = {"figure": figure, **({"by": by, "code": code} if by else {}), **scope.params()}
    return f"{reverse('advocacy:impact_rows')}?{urlencode(params)}"


def _casework_link(name: str, scope: Scope, **extra: Any) -> str:
    params = {**scope.params(), **{k: str(v) for k, v in extra.items()}}
    return f"{reverse(name)}?{urlencode(params)}"


def _key(figure: str, by: str = "", code: str = "") -> str:
    return "/".join(filter(None, (figure, by, code)))


def _figure(
    scope: Scope, label: str, figure: str, by: str = "", code: str = "", href: str = "", value: int | None = None
) -> Figure:
    """A figure with its link; its value counted from its source unless counted already (with its source's rules)."""
    if value is None:
        value = _source(scope, figure, by, code).value()
    if (
        figure in {"events", "acts", "published", "missions", "observations"}
        and monitoring_sources(scope)[figure] is None
    ):
        return Figure(_key(figure, by, code), label, None, "")
    return Figure(_key(figure, by, code), label, value, href or _rows_link(scope, figure, by, code))


def _people_breakdown(scope: Scope, by: str, title: str, terms: Iterable[Term], casework_param: str) -> Breakdown:
    """Consultations and people per term, from the period's consultations; each cell links to its own list."""
    per_term = ConsultationFacts.of(scope).by[by]
    rows: list[tuple[str, list[Figure]]] = []
    for term in terms:
        consultation_ids, person_ids = per_term.get(term.pk, (set(), set()))
        if not consultation_ids:
            continue
        consultation_href = (
            _casework_link("casework:consultation_list", scope, **{casework_param: term.pk})
            if casework_param
            else _rows_link(scope, "consultations", by, term.code)
        )
        cells = [
            Figure(_key("consultations", by, term.code), _("consultations"), len(consultation_ids), consultation_href),
            Figure(
                _key("persons", by, term.code),
                _("people"),
                len(person_ids),
                _rows_link(scope, "persons", by, term.code),
            ),
        ]
        rows.append((term.label, cells))
    chart = charts.hbars([(label, cells[0].value or 0, cells[0].href) for label, cells in rows], title=title)
    return Breakdown(title, (_("consultations"), _("people")), rows, chart)


def build(scope: Scope) -> ImpactReport:
    legal_aid = Section("legal_aid", _("Legal aid"))
    facts = ConsultationFacts.of(scope)
    legal_aid.figures = [
        _figure(scope, _("People helped"), "persons", value=len(facts.people)),
        _figure(
            scope,
            _("Consultations"),
            "consultations",
            href=_casework_link("casework:consultation_list", scope),
            value=len(facts.ids),
        ),
    ]
    legal_aid.breakdowns = [
        _people_breakdown(scope, "group", _("By vulnerable group"), Term.objects.of("vulnerable_group"), "group"),
        _people_breakdown(scope, "legal_area", _("By legal area"), Term.objects.of("legal_area"), "legal_area"),
        _people_breakdown(scope, "region", _("By region"), Term.objects.of("region"), ""),
    ]

    cases = Section("cases", _("Cases"))
    counted = case_counts(scope)
    cases.figures = [
        _figure(
            scope,
            _("Cases opened"),
            "cases.opened",
            href=_casework_link("casework:case_list", scope),
            value=counted["opened"],
        ),
        _figure(scope, _("Won"), "cases.won", value=counted["won"]),
        _figure(scope, _("Partly won"), "cases.partly_won", value=counted["partly_won"]),
        _figure(scope, _("Lost"), "cases.lost", value=counted["lost"]),
        _figure(scope, _("Closed otherwise"), "cases.closed_other", value=counted["closed_other"]),
        _figure(scope, _("Pending at the end of the period"), "cases.pending", value=counted["pending"]),
    ]
    cases.chart = charts.hbars([(f.label, f.value or 0, f.href) for f in cases.figures], title=_("Cases"))

    strategic = Section("strategic", _("Strategic litigation"))
    strategic_counted = strategic_counts(scope)
    strategic.figures = [_figure(scope, _("Strategic cases under way"), "strategic", value=strategic_counted[""])]
    for outcome in Term.objects.of("case_outcome"):
        if strategic_counted.get(outcome.code):
            strategic.figures.append(
                _figure(
                    scope, outcome.label, "strategic", "outcome", outcome.code, value=strategic_counted[outcome.code]
                )
            )

    monitoring = Section("monitoring", _("Monitoring"))
    monitoring.figures = [
        _figure(scope, _("Violations documented (events)"), "events"),
        _figure(scope, _("Violations documented (acts)"), "acts"),
        _figure(scope, _("Violations published"), "published"),
        _figure(scope, _("Monitoring missions"), "missions"),
        _figure(scope, _("Observations made on missions"), "observations"),
    ]

    education = Section("education", _("Education"))
    education.figures = [
        _figure(scope, _("Trainings"), "trainings"),
        _figure(scope, _("Participants"), "participants"),
    ]
    group_rows = []
    for group in Term.objects.of(PARTICIPANT_GROUP):
        found = _figure(scope, _("participants"), "participants", "group", group.code)
        if found.value:
            group_rows.append((group.label, [found]))
    education.breakdowns = [
        Breakdown(
            _("Participants by group"),
            (_("participants"),),
            group_rows,
            charts.hbars(
                [(label, cells[0].value or 0, cells[0].href) for label, cells in group_rows],
                title=_("Participants by group"),
            ),
        )
    ]

    advocacy = Section("advocacy", _("Advocacy"))
    advocacy.figures = [
        _figure(scope, _("Campaigns under way"), "campaigns"),
        _figure(scope, _("Advocacy actions"), "actions"),
        _figure(scope, _("Recommendations moved"), "recommendations"),
    ]
    for status in FollowUp:
        advocacy.figures.append(
            _figure(scope, _("moved to: %(status)s") % {"status": status.label}, "recommendations", "status", status)
        )
    kind_rows = []
    for kind in Term.objects.of(ACTION_KIND):
        found = _figure(scope, _("actions"), "actions", "kind", kind.code)
        if found.value:
            kind_rows.append((kind.label, [found]))
    advocacy.breakdowns = [
        Breakdown(
            _("Actions by kind"),
            (_("actions"),),
            kind_rows,
            charts.hbars(
                [(label, cells[0].value or 0, cells[0].href) for label, cells in kind_rows], title=_("Actions by kind")
            ),
        )
    ]

    regions = list(Term.objects.of("region"))
    present = regions_present(scope)
    presence = Section("presence", _("Presence"))
    presence.figures = [
        _figure(
            scope,
            _("Regions where we were active (of %(total)d)") % {"total": len(regions)},
            "regions",
            value=len(present),
        )
    ]
    presence.chart = charts.presence(
        [(t.label, t.pk in present) for t in regions], title=_("Regions where we were active")
    )
    return ImpactReport(
        scope, [legal_aid, cases, strategic, monitoring, education, advocacy, presence], len(present), len(regions)
    )


CSV_COLUMNS = ["date_from", "date_to", "office", "section", "breakdown", "key", "label", "value", "link"]


def to_csv(report: ImpactReport, *, base_url: str = "") -> str:
    """Every figure of the report, one a line, with the link to the list it counts."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    office = report.scope.office.code if report.scope.office else ""
    for section, breakdown, figure in report.figures():
        writer.writerow(
            [
                report.scope.date_from.isoformat(),
                report.scope.date_to.isoformat(),
                office,
                section.title,
                breakdown,
                figure.key,
                _csv_safe(figure.label),
                "" if figure.value is None else figure.value,
                f"{base_url}{figure.href}" if figure.href else "",
            ]
        )
    return out.getvalue()


def _csv_safe(text: str) -> str:
    """A cell a spreadsheet would take for a formula is written as text."""
    return "'" + text if text[:1] in {"=", "+", "-", "@"} else text


def render_pdf(html: str) -> bytes:
    """The report's HTML as a PDF with the local DejaVu fonts; nothing is fetched from anywhere."""
    import weasyprint  # type: ignore[import-untyped]
    from django.contrib.staticfiles import finders

    def refuse(url: str, *args: Any, **kwargs: Any) -> Any:
        raise ValueError("the impact report loads nothing from outside")

    css_path = finders.find("advocacy/impact-print.css")
    stylesheets = [weasyprint.CSS(filename=css_path, url_fetcher=refuse)] if css_path else []
    pdf: bytes = weasyprint.HTML(string=html, url_fetcher=refuse, base_url="/").write_pdf(stylesheets=stylesheets)
    return pdf
