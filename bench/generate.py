"""A deterministic synthetic data set at a chosen scale, written in bulk.

Per-row actions would take days at national scale, so rows are prepared in
Python and written with bulk_create: encrypted fields are encrypted by the
field itself (EncryptedTextField.get_prep_value), search bodies are the same
keyed hashes as search.index.searchable (checked by a test), the audit chain
is hashed with audit.chain.entry_hash in order. Primary keys are assigned
here, so every run with the same seed writes the same records.

Everything is fictional; the generator runs only on a fresh database.
"""

import csv
import importlib
import io
import random
import re
import time
from bisect import bisect
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from itertools import accumulate
from typing import Any

from django.contrib.auth.hashers import make_password
from django.core.management import call_command
from django.db import connection, models, transaction
from django.utils import timezone

from accounts.models import Office, Role, User
from audit.chain import GENESIS_HASH, entry_hash
from audit.models import AuditEntry
from bench import vocabulary as v
from bench.scales import Scale
from casework.models import Case, CaseStatus, Consultation, Deadline, Proceeding
from casework.references import prefix_for
from people.models import Gender, Person
from rightsdesk import crypto
from search.index import join_body
from search.models import SearchDocument
from vocabularies.models import Term

SEED = 20260601
CHUNK = 10_000
BENCH_USERNAME = "bench.lawyer"
BENCH_PASSWORD = "bench-password-not-secret-2026"  # noqa: S105 - a synthetic account on a throwaway database
FIRST_YEAR = 1996

_WORD = re.compile(r"\w+", re.UNICODE)


# The search index, as search.index.searchable computes it, with the keyed hash of each word cached.


@lru_cache(maxsize=500_000)
def _word_tokens(word: str) -> tuple[str, tuple[str, ...]]:
    folded = crypto.normalise(word)
    whole = crypto.blind_token(folded)
    prefixes = [crypto.blind_token(folded[:n]) for n in range(crypto.MIN_PREFIX, len(folded))]
    with_prefixes = (*prefixes, whole)
    return whole, with_prefixes


def searchable(text: str) -> str:
    """Exactly search.index.searchable(text), a hundred times faster on repetitive text."""
    tokens = [_word_tokens(w) for w in _WORD.findall(text)]
    whole = [t[0] for t in tokens]
    seen = set(whole)
    prefixes = [p for t in tokens for p in t[1] if p not in seen]
    return join_body(whole, prefixes)


@lru_cache(maxsize=200_000)
def _name_key(name: str) -> str:
    from people.models import name_key

    return name_key(name)


class Weighted:
    """Draw from a list with fixed weights, fast (cumulative weights and bisect)."""

    def __init__(self, items: Sequence[Any], weights: Sequence[float]) -> None:
        self.items = list(items)
        self.cumulative = list(accumulate(weights))
        self.total = self.cumulative[-1]

    def __call__(self, rng: random.Random) -> Any:
        return self.items[bisect(self.cumulative, rng.random() * self.total)]


def zipf(items: Sequence[Any], s: float = 1.0) -> Weighted:
    return Weighted(items, [1 / (rank**s) for rank in range(1, len(items) + 1)])


@dataclass
class Manifest:
    """What the load scenarios need to know about the generated data."""

    scale: str
    seed: int
    bench_username: str = BENCH_USERNAME
    bench_password: str = BENCH_PASSWORD
    head_office_id: int = 0
    person_ids: list[int] = field(default_factory=list)
    searches: dict[str, str] = field(default_factory=dict)
    export_query: str = ""
    export_rows: int = 0
    import_rows: int = 0
    counts: dict[str, int] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)
    rows_per_second: dict[str, float] = field(default_factory=dict)


def _bulk(model: type[models.Model], rows: list[Any]) -> None:
    if rows:
        model.objects.bulk_create(rows, batch_size=2000)  # type: ignore[attr-defined]


def _chunks(total: int, size: int = CHUNK) -> Iterator[range]:
    for start in range(0, total, size):
        yield range(start, min(start + size, total))


class Generator:
    def __init__(self, scale: Scale, *, seed: int = SEED, log: Callable[[str], None] = print) -> None:
        self.scale = scale
        self.rng = random.Random(seed)  # noqa: S311 - seeded on purpose: the same data every run
        self.log = log
        self.manifest = Manifest(scale=scale.name, seed=seed)
        self.today = timezone.localdate()
        self.now = timezone.now()
        self.search_id = 0

    # Reference data, loaded by the product's own commands.

    def reference_data(self) -> None:
        started = time.perf_counter()
        call_command("migrate", interactive=False, verbosity=0)
        call_command("load_vocabularies", verbosity=0)
        call_command("load_offices", verbosity=0)
        call_command("deathpenalty", "load", "data/death_penalty", verbosity=0)
        try:
            call_command("load_monitoring_vocabularies", verbosity=0)
        except Exception as exc:  # monitoring is being built; the bench runs without it
            self.log(f"monitoring vocabularies not loaded: {exc}")
        self.manifest.seconds["reference_data"] = round(time.perf_counter() - started, 2)

    def terms(self, vocabulary: str) -> dict[str, Term]:
        return {t.code: t for t in Term.objects.filter(vocabulary=vocabulary)}

    # The whole data set.

    def run(self) -> Manifest:
        self.reference_data()
        self.offices = {o.code: o for o in Office.objects.all()}
        codes = [c for c in v.OFFICE_WEIGHTS if c in self.offices]
        self.office_draw = Weighted(codes, [v.OFFICE_WEIGHTS[c] for c in codes])
        self.manifest.head_office_id = self.offices["almaty-ho"].pk
        self._timed("users", self.users)
        with _search_index_paused():
            self._timed("people", self.people)
            self._timed("cases", self.cases)
            self._timed("consultations", self.consultations)
            self._timed("events", self.monitoring)
        self._timed("audit", self.audit)
        self._timed("analyze", _analyze)
        self.searches()
        total_rows = sum(self.manifest.counts.values())
        total_seconds = sum(s for k, s in self.manifest.seconds.items() if k != "reference_data")
        self.manifest.rows_per_second["all"] = round(total_rows / max(total_seconds, 1e-9))
        return self.manifest

    def _timed(self, name: str, step: Callable[[], int | None]) -> None:
        started = time.perf_counter()
        rows = step()
        elapsed = time.perf_counter() - started
        self.manifest.seconds[name] = round(elapsed, 2)
        if rows:
            self.manifest.counts[name] = rows
            self.manifest.rows_per_second[name] = round(rows / max(elapsed, 1e-9))
        self.log(f"  {name}: {rows or 0} rows in {elapsed:.1f} s")

    # Staff.

    def users(self) -> int:
        password = make_password(BENCH_PASSWORD)
        rows = []
        for code in self.offices:
            for n in range(self.scale.lawyers_per_office):
                name = BENCH_USERNAME if (code == "almaty-ho" and n == 0) else f"bench.{code}.lawyer{n}"
                rows.append(User(username=name, role=Role.LAWYER, office=self.offices[code], password=password))
            rows.append(User(username=f"bench.{code}.manager", role=Role.OFFICE_MANAGER, office=self.offices[code]))
            rows.append(User(username=f"bench.{code}.monitor", role=Role.MONITOR, office=self.offices[code]))
        rows.append(User(username="bench.editor", role=Role.EDITOR, office=self.offices["almaty-ho"]))
        for row in rows:
            if not row.password:
                row.set_unusable_password()
        _bulk(User, rows)
        staff = User.objects.filter(username__startswith="bench.")
        self.lawyers: dict[int, list[int]] = defaultdict(list)
        self.monitors: dict[int, int] = {}
        for user in staff:
            if user.role == Role.LAWYER:
                self.lawyers[user.office_id].append(user.pk)  # type: ignore[index]
            elif user.role == Role.MONITOR:
                self.monitors[user.office_id] = user.pk  # type: ignore[index]
            elif user.role == Role.EDITOR:
                self.editor_id = user.pk
        for ids in self.lawyers.values():
            ids.sort()
        self.bench_user = User.objects.get(username=BENCH_USERNAME)
        return len(rows)

    # People.

    def _name(self) -> tuple[str, str, str]:
        rng = self.rng
        female = rng.random() < 0.5
        origin = rng.random()
        if origin < 0.55:
            surname, latin = self.kazakh_surname(rng)
            given, given_latin = rng.choice(v.KAZAKH_GIVEN_F if female else v.KAZAKH_GIVEN_M)
        elif origin < 0.85:
            surname, latin = self.russian_surname(rng)
            given, given_latin = rng.choice(v.RUSSIAN_GIVEN_F if female else v.RUSSIAN_GIVEN_M)
        else:
            latin, surname = self.foreign_surname(rng)
            given_latin, given = rng.choice(v.FOREIGN_GIVEN_F if female else v.FOREIGN_GIVEN_M)
            if female and latin.endswith(("ov", "ev")):
                latin, surname = latin + "a", surname + "а"
            return f"{latin} {given_latin}", f"{surname} {given}", Gender.FEMALE if female else Gender.MALE
        if female and surname.endswith(("ов", "ев", "ёв", "ин")):
            surname, latin = surname + "а", latin + "a"
        return f"{surname} {given}", f"{latin} {given_latin}", Gender.FEMALE if female else Gender.MALE

    kazakh_surname = zipf(v.KAZAKH_SURNAMES, 1.1)
    russian_surname = zipf(v.RUSSIAN_SURNAMES, 1.1)
    foreign_surname = zipf(v.FOREIGN_SURNAMES, 1.0)

    def people(self) -> int:
        rng = self.rng
        groups = self.terms("vulnerable_group")
        languages = self.terms("language")
        group_draw = Weighted([groups[c] for c in v.GROUP_WEIGHTS], list(v.GROUP_WEIGHTS.values()))
        Groups = Person.groups.through
        Languages = Person.languages.through
        self.people_by_office: dict[int, list[int]] = defaultdict(list)
        self.person_groups: dict[int, int] = {}
        for chunk in _chunks(self.scale.people):
            persons, group_rows, language_rows, docs = [], [], [], []
            for i in chunk:
                pk = i + 1
                office = self.offices[self.office_draw(rng)]
                full_name, other, gender = self._name()
                city = v.CITIES_BY_OFFICE.get(office.code, ("Алматы", "Almaty"))[0]
                born = date(rng.randint(1940, 2006), rng.randint(1, 12), rng.randint(1, 28))
                precision = rng.choice(["day", "day", "day", "month", "year"])
                person = Person(
                    pk=pk,
                    full_name=full_name,
                    name_key=_name_key(full_name),
                    other_names=other,
                    gender=gender,
                    birth_date=born,
                    birth_date_precision=precision,
                    citizenship="" if rng.random() < 0.2 else rng.choice(["KAZ", "KAZ", "KAZ", "UZB", "AFG", "KGZ"]),
                    is_stateless=rng.random() < 0.12,
                    phone=f"+7 7{rng.randint(0, 99):02d} {rng.randint(100, 999)} {rng.randint(10, 99)} "
                    f"{rng.randint(10, 99)}",
                    email=f"client{pk}@example.kz" if rng.random() < 0.3 else "",
                    address=f"г. {city}, ул. {rng.choice(v.STREETS)}, д. {rng.randint(1, 200)}"
                    if rng.random() < 0.7
                    else "",
                    consent_to_processing=True,
                    consent_date=date(2020, 1, 1) + timedelta(days=rng.randint(0, 2000)),
                    office=office,
                    created_by_id=rng.choice(self.lawyers[office.pk]),
                )
                persons.append(person)
                self.people_by_office[office.pk].append(pk)
                group = group_draw(rng)
                self.person_groups[pk] = group.pk
                group_rows.append(Groups(person_id=pk, term_id=group.pk))
                if rng.random() < 0.2:
                    other_group = group_draw(rng)
                    if other_group.pk != group.pk:
                        group_rows.append(Groups(person_id=pk, term_id=other_group.pk))
                language = languages[rng.choice(["ru", "ru", "kk"]) if other != full_name else "en"]
                language_rows.append(Languages(person_id=pk, term_id=language.pk))
                docs.append(self._doc("person", pk, f"{full_name} {other}"))
            with transaction.atomic():
                _bulk(Person, persons)
                _bulk(Groups, group_rows)
                _bulk(Languages, language_rows)
                _bulk(SearchDocument, docs)
        return self.scale.people

    def _doc(self, kind: str, pk: int, text: str) -> SearchDocument:
        self.search_id += 1
        return SearchDocument(pk=self.search_id, kind=kind, object_id=pk, body=searchable(text))

    # Dates over thirty years, more in recent years (the organisation grew).

    def _year_draw(self) -> Weighted:
        years = list(range(FIRST_YEAR, self.today.year + 1))
        return Weighted(years, [(y - FIRST_YEAR + 3) ** 1.3 for y in years])

    def _date_in(self, year: int) -> date:
        last = self.today if year == self.today.year else date(year, 12, 31)
        first = date(year, 1, 1)
        return first + timedelta(days=self.rng.randint(0, (last - first).days))

    # Cases, with their proceedings and deadlines.

    def cases(self) -> int:
        rng = self.rng
        areas = self.terms("legal_area")
        area_draw = Weighted([areas[c] for c in v.LEGAL_AREA_WEIGHTS], list(v.LEGAL_AREA_WEIGHTS.values()))
        case_types = list(self.terms("case_type").values())
        outcomes = list(self.terms("case_outcome").values())
        body_kinds = self.terms("body_kind")
        instances = list(self.terms("court_instance").values())
        year_draw = self._year_draw()
        Team = Case.team.through
        Clients = Case.clients.through
        numbers: dict[str, int] = defaultdict(int)
        self.cases_by_office: dict[int, list[int]] = defaultdict(list)
        self.confidential_cases: set[int] = set()
        recent = self.today.year - 3
        proceeding_id = 0
        rows = 0
        for chunk in _chunks(self.scale.cases):
            cases, team, clients, proceedings, deadlines, docs = [], [], [], [], [], []
            for i in chunk:
                pk = i + 1
                office = self.offices[self.office_draw(rng)]
                year = year_draw(rng)
                opened = self._date_in(year)
                prefix = prefix_for(office, year)
                numbers[prefix] += 1
                reference = f"{prefix}{numbers[prefix]:04d}"
                if year < recent:
                    status = CaseStatus.CLOSED if rng.random() < 0.9 else CaseStatus.IN_COURT
                else:
                    status = Weighted(
                        [CaseStatus.INTAKE, CaseStatus.OPEN, CaseStatus.IN_COURT, CaseStatus.AWAITING_DECISION, "c"],
                        [10, 40, 25, 10, 15],
                    )(rng)
                    status = CaseStatus.CLOSED if status == "c" else status
                closed = status == CaseStatus.CLOSED
                lawyers = self.lawyers[office.pk]
                lawyer = rng.choice(lawyers)
                title = rng.choice(v.CASE_TITLES)
                confidential = rng.random() < 0.05
                if confidential:
                    self.confidential_cases.add(pk)
                cases.append(
                    Case(
                        pk=pk,
                        reference=reference,
                        title=title,
                        case_type=rng.choice(case_types),
                        legal_area=area_draw(rng),
                        status=status,
                        outcome=rng.choice(outcomes) if closed else None,
                        opened_on=opened,
                        closed_on=min(opened + timedelta(days=rng.randint(30, 900)), self.today) if closed else None,
                        office=office,
                        responsible_lawyer_id=lawyer,
                        confidential=confidential,
                        description=self._summary(),
                        created_by_id=lawyer,
                    )
                )
                self.cases_by_office[office.pk].append(pk)
                for member in {rng.choice(lawyers) for _ in range(rng.choice([0, 0, 1, 2]))} - {lawyer}:
                    team.append(Team(case_id=pk, user_id=member))
                people = self.people_by_office[office.pk] or self.people_by_office[self.manifest.head_office_id]
                for person in {rng.choice(people) for _ in range(rng.choice([1, 1, 1, 2]))}:
                    clients.append(Clients(case_id=pk, person_id=person))
                city, _city_en = v.CITIES_BY_OFFICE.get(office.code, ("Алматы", "Almaty"))
                if status != CaseStatus.INTAKE:
                    for n in range(rng.choice([1, 1, 2])):
                        proceeding_id += 1
                        proceedings.append(
                            Proceeding(
                                pk=proceeding_id,
                                case_id=pk,
                                body_kind=body_kinds["court"],
                                body_name=rng.choice(v.COURTS).format(city=city),
                                instance=instances[min(n, len(instances) - 1)],
                                number=f"{rng.randint(2, 7)}-{rng.randint(1, 9999)}/{year % 100:02d}",
                                filed_on=opened + timedelta(days=rng.randint(5, 120)),
                            )
                        )
                due = self.today + timedelta(days=rng.randint(-10, 40)) if not closed else opened + timedelta(30)
                deadlines.append(
                    Deadline(
                        case_id=pk,
                        title=rng.choice(["Подать апелляцию", "Submit observations", "Ответ на запрос суда"]),
                        due_on=due,
                        owner_id=lawyer,
                        done_at=self.now if closed else None,
                    )
                )
                docs.append(self._doc("case", pk, f"{reference} {title} {cases[-1].description}"))
            with transaction.atomic():
                _bulk(Case, cases)
                _bulk(Team, team)
                _bulk(Clients, clients)
                _bulk(Proceeding, proceedings)
                _bulk(Deadline, deadlines)
                _bulk(SearchDocument, docs)
            rows += len(cases) + len(team) + len(clients) + len(proceedings) + len(deadlines)
        self.manifest.counts["proceedings"] = proceeding_id
        return self.scale.cases

    def _summary(self) -> str:
        rng = self.rng
        language = rng.random()
        pool = v.SUMMARY_RU if language < 0.6 else v.SUMMARY_EN if language < 0.85 else v.SUMMARY_KK
        sentences = rng.sample(pool, rng.choice([1, 1, 2]))
        return " ".join(sentences)

    # Consultations: most of the records.

    def consultations(self) -> int:
        rng = self.rng
        areas = self.terms("legal_area")
        area_draw = Weighted([areas[c] for c in v.LEGAL_AREA_WEIGHTS], list(v.LEGAL_AREA_WEIGHTS.values()))
        channel_draw = Weighted(list(self.terms("consultation_channel").values()), [50, 30, 15, 5])
        outcomes = list(self.terms("consultation_outcome").values())
        groups = self.terms("vulnerable_group")
        group_ids = [groups[c].pk for c in v.GROUP_WEIGHTS]
        group_draw = Weighted(group_ids, list(v.GROUP_WEIGHTS.values()))
        year_draw = self._year_draw()
        Groups = Consultation.groups.through
        head = self.manifest.head_office_id
        head_dates: list[date] = []
        for chunk in _chunks(self.scale.consultations):
            consultations, group_rows, docs = [], [], []
            for i in chunk:
                pk = i + 1
                office = self.offices[self.office_draw(rng)]
                lawyer = rng.choice(self.lawyers[office.pk])
                people = self.people_by_office[office.pk]
                person = rng.choice(people) if people and rng.random() < 0.8 else None
                when = self._date_in(year_draw(rng))
                cases = self.cases_by_office[office.pk]
                case = rng.choice(cases) if cases and rng.random() < 0.1 else None
                summary = self._summary()
                follow_up = rng.choice(v.FOLLOW_UP) if rng.random() < 0.3 else ""
                consultations.append(
                    Consultation(
                        pk=pk,
                        date=when,
                        office=office,
                        lawyer_id=lawyer,
                        person_id=person,
                        channel=channel_draw(rng),
                        legal_area=area_draw(rng),
                        summary=summary,
                        outcome=rng.choice(outcomes) if rng.random() < 0.9 else None,
                        follow_up_on=when + timedelta(days=14) if follow_up else None,
                        follow_up=follow_up,
                        case_id=case,
                        created_by_id=lawyer,
                    )
                )
                group = self.person_groups[person] if person else group_draw(rng)
                group_rows.append(Groups(consultation_id=pk, term_id=group))
                if office.pk == head and (case is None or case not in self.confidential_cases):
                    head_dates.append(when)
                docs.append(self._doc("consultation", pk, f"{summary} {follow_up}"))
            with transaction.atomic():
                _bulk(Consultation, consultations)
                _bulk(Groups, group_rows)
                _bulk(SearchDocument, docs)
        # The export filter: the head office's consultations since the date that gives about export_rows rows.
        head_dates.sort(reverse=True)
        wanted = min(self.scale.export_rows, len(head_dates))
        since = head_dates[wanted - 1] if wanted else self.today
        self.manifest.export_query = f"date_from={since.isoformat()}"
        self.manifest.export_rows = sum(1 for d in head_dates if d >= since)
        return self.scale.consultations

    # Monitoring: events with their acts, and the published snapshots of some.

    def monitoring(self) -> int | None:
        try:
            from monitoring.models import Act, Event, ReviewStatus
            from publishing.models import PublishedFacet, PublishedRecord
        except ImportError as exc:
            self.log(f"monitoring or publishing not importable, no events generated: {exc}")
            return None
        try:
            return self._monitoring(Act, Event, ReviewStatus, PublishedRecord, PublishedFacet)
        except Exception as exc:  # the monitoring models are still moving; everything else stands
            self.log(f"events not generated: {type(exc).__name__}: {exc}")
            return None

    def _monitoring(self, Act: Any, Event: Any, ReviewStatus: Any, PublishedRecord: Any, PublishedFacet: Any) -> int:
        rng = self.rng
        violations = list(Term.objects.filter(vocabulary="violation_type"))
        perpetrators = list(Term.objects.filter(vocabulary="perpetrator_kind"))
        methods = list(Term.objects.filter(vocabulary="method"))
        if not violations:
            raise RuntimeError("no violation_type vocabulary")
        violation_draw = zipf(violations, 0.8)
        regions = {o.pk: o.region for o in self.offices.values()}
        years = list(range(2005, self.today.year + 1))
        year_draw = Weighted(years, [(y - 2003) for y in years])
        status_draw = Weighted([ReviewStatus.APPROVED, ReviewStatus.VERIFIED, ReviewStatus.DRAFT], [40, 20, 40])
        all_people = self.scale.people
        extra_acts = max(self.scale.acts - self.scale.events, 0)
        act_id = 0
        published = 0
        for chunk in _chunks(self.scale.events):
            events, acts, records, facets, docs = [], [], [], [], []
            # Acts beyond the first of each event fall on random events of this chunk.
            extra_here = extra_acts * len(chunk) // self.scale.events
            extra_of: dict[int, int] = defaultdict(int)
            for _ in range(extra_here):
                extra_of[rng.choice(chunk) + 1] += 1
            for i in chunk:
                pk = i + 1
                office = self.offices[self.office_draw(rng)]
                city, city_en = v.CITIES_BY_OFFICE.get(office.code, ("Алматы", "Almaty"))
                started = self._date_in(year_draw(rng))
                status = status_draw(rng)
                title = rng.choice(v.EVENT_TITLES).format(city=city, city_en=city_en)
                description = self._summary()
                events.append(
                    Event(
                        pk=pk,
                        title=title,
                        description=description,
                        started_on=started,
                        country="KAZ",
                        region=regions[office.pk],
                        city=city,
                        office=office,
                        status=status,
                        created_by_id=self.monitors[office.pk],
                    )
                )
                docs.append(self._doc("event", pk, f"{title} {description} {city}"))
                event_acts = []
                for _ in range(1 + extra_of.get(pk, 0)):
                    act_id += 1
                    act = Act(
                        pk=act_id,
                        event_id=pk,
                        violation_type=violation_draw(rng),
                        victim_id=rng.randint(1, all_people) if all_people and rng.random() < 0.5 else None,
                        perpetrator_kind=rng.choice(perpetrators) if perpetrators else None,
                        perpetrator_body=rng.choice(v.EVENT_BODIES).format(city=city),
                        method=rng.choice(methods) if methods and rng.random() < 0.7 else None,
                        created_by_id=self.monitors[office.pk],
                    )
                    acts.append(act)
                    event_acts.append(act)
                if status == ReviewStatus.APPROVED and rng.random() < 0.6:
                    published += 1
                    codes = list(dict.fromkeys(a.violation_type.code for a in event_acts))
                    act_json = [
                        {
                            "violation": a.violation_type.code,
                            "victim": f"Person {chr(65 + n % 26)}" if a.victim_id else "",
                            "perpetrator_kind": a.perpetrator_kind.code if a.perpetrator_kind else "",
                            "perpetrator_body": a.perpetrator_body,
                            "consequences": [],
                        }
                        for n, a in enumerate(event_acts)
                    ]
                    record = PublishedRecord(
                        pk=published,
                        event_id=pk,
                        public_id=f"{rng.getrandbits(48):012x}",
                        title=title,
                        summary=description,
                        occurred_on=started,
                        year=started.year,
                        country="KAZ",
                        region_code=regions[office.pk].code,
                        city=city,
                        violation_codes=codes,
                        acts=act_json,
                        victims=sorted({a["victim"] for a in act_json if a["victim"]}),
                        published_at=self.now,
                        published_by_id=self.editor_id,
                    )
                    records.append(record)
                    facets += [PublishedFacet(record_id=published, facet="violation", code=c) for c in codes]
                    facets += [
                        PublishedFacet(record_id=published, facet="perpetrator", code=c)
                        for c in sorted({a["perpetrator_kind"] for a in act_json if a["perpetrator_kind"]})
                    ]
                    docs.append(self._doc("publishedrecord", published, record.search_text()))
            with transaction.atomic():
                _bulk(Event, events)
                _bulk(Act, acts)
                _bulk(PublishedRecord, records)
                _bulk(PublishedFacet, facets)
                _bulk(SearchDocument, docs)
        self.manifest.counts["acts"] = act_id
        self.manifest.counts["published_records"] = published
        return self.scale.events

    # The audit log: years of who did and saw what, one hash chain.

    def audit(self) -> int:
        rng = self.rng
        last = AuditEntry.objects.order_by("-seq").only("seq", "hash").first()
        seq = last.seq if last else 0
        prev = last.hash if last else GENESIS_HASH
        actions = Weighted(
            [
                ("case.view", "casework.case"),
                ("consultation.record", "casework.consultation"),
                ("person.view", "people.person"),
                ("consultation.view", "casework.consultation"),
                ("login.password_ok", "accounts.user"),
                ("person.register", "people.person"),
                ("case.update", "casework.case"),
                ("deadline.add", "casework.case"),
                ("case.open", "casework.case"),
                ("export.consultations", ""),
            ],
            [25, 15, 15, 10, 10, 8, 8, 5, 3, 1],
        )
        sizes = {
            "casework.case": self.scale.cases,
            "casework.consultation": self.scale.consultations,
            "people.person": self.scale.people,
        }
        actors = [pk for ids in self.lawyers.values() for pk in ids]
        start = datetime(2016, 1, 1, tzinfo=UTC)
        span = (self.now - timedelta(days=1) - start).total_seconds()
        total = self.scale.audit
        for chunk in _chunks(total, 20_000):
            rows = []
            for i in chunk:
                seq += 1
                action, object_type = actions(rng)
                actor = rng.choice(actors)
                if object_type == "accounts.user":
                    object_id = str(actor)
                elif object_type:
                    object_id = str(rng.randint(1, max(sizes[object_type], 1)))
                else:
                    object_id = ""
                detail: dict[str, Any] = {"rows": rng.randint(1, 5000), "format": "csv"} if not object_type else {}
                at = start + timedelta(seconds=span * i / total + rng.random())
                digest = entry_hash(
                    seq=seq,
                    at=at,
                    actor_id=actor,
                    action=action,
                    object_type=object_type,
                    object_id=object_id,
                    detail=detail,
                    prev_hash=prev,
                )
                rows.append(
                    AuditEntry(
                        seq=seq,
                        at=at,
                        actor_id=actor,
                        action=action,
                        object_type=object_type,
                        object_id=object_id,
                        detail=detail,
                        prev_hash=prev,
                        hash=digest,
                    )
                )
                prev = digest
            with transaction.atomic():
                _bulk(AuditEntry, rows)
        return total

    # What the load scenarios will search for, and the file they will import.

    def searches(self) -> None:
        head = self.manifest.head_office_id
        visible = (
            Case.objects.filter(office_id=head, confidential=False).order_by("pk").values_list("reference", flat=True)
        )
        reference = visible[len(visible) // 2] if visible.exists() else "ALM-2020-0001"
        self.manifest.searches = {
            "search_rare_case_number": reference,
            "search_common_surname_cyrillic": "Ахметов",
            "search_common_surname_latin": "Akhmetov",
            "search_two_words_cyrillic": "паспорт гражданства",
            "search_two_words_latin": "passport citizenship",
            "search_phrase_cyrillic": '"мирном собрании"',
            "search_phrase_latin": '"peaceful assembly"',
            "search_prefix_cyrillic": "Нурл",
            "search_prefix_latin": "Nurl",
        }
        people = self.people_by_office[head]
        step = max(len(people) // 200, 1)
        self.manifest.person_ids = people[::step][:200]
        self.manifest.import_rows = self.scale.import_rows


def import_csv(manifest: Manifest, rows: int, *, seed: int = SEED) -> bytes:
    """A valid consultations file of `rows` rows for the bench lawyer's office."""
    rng = random.Random(seed + 1)  # noqa: S311 - seeded on purpose
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["date", "person_id", "channel", "legal_area", "groups", "summary", "outcome", "follow_up"])
    people = manifest.person_ids or [0]
    today = date.today()
    for n in range(rows):
        summary = rng.choice(v.SUMMARY_RU + v.SUMMARY_EN + v.SUMMARY_KK)
        writer.writerow(
            [
                (today - timedelta(days=rng.randint(1, 3000))).isoformat(),
                rng.choice(people) if people[0] and rng.random() < 0.5 else "",
                rng.choice(["in-person", "phone", "online"]),
                rng.choice(list(v.LEGAL_AREA_WEIGHTS)),
                rng.choice(list(v.GROUP_WEIGHTS)),
                f"{summary} (обращение {n + 1})",
                rng.choice(["advice-given", "referred", "follow-up"]),
                "",
            ]
        )
    return out.getvalue().encode("utf-8")


per_kind = importlib.import_module("search.migrations.0005_tsvector_index_per_kind")


class _search_index_paused:
    """Bulk loading is faster with the full-text index built once at the end (bench databases only)."""

    def __enter__(self) -> None:
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute("DROP INDEX IF EXISTS search_document_body_fts")
                cursor.execute("DROP INDEX IF EXISTS search_document_body_tsv")
                for kind in per_kind.KINDS:
                    # The kinds are the migration's own constants.
                    # nosemgrep: no-sql-built-from-strings
                    cursor.execute(f"DROP INDEX IF EXISTS search_document_tsv_{kind}")
            else:
                cursor.execute("DROP TRIGGER IF EXISTS search_fts_insert")

    def __exit__(self, *exc: object) -> None:
        migration = importlib.import_module("search.migrations.0004_fts_rowid_by_kind")
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                for statement in per_kind.per_kind_indexes():
                    cursor.execute(statement)
            else:
                # The insert trigger again, then every document indexed in one pass.
                for statement in migration.SQLITE_FORWARD:
                    if "TRIGGER search_fts_insert" in statement or statement.startswith("INSERT INTO search_fts"):
                        cursor.execute(statement)


def _analyze() -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            models_ = (Person, Case, Consultation, Deadline, Proceeding, SearchDocument, AuditEntry)
            for table in [m._meta.db_table for m in models_] + _extra_tables():
                # Explicit ids were written: move each sequence past them.
                quoted = connection.ops.quote_name(table)
                # nosemgrep: no-sql-built-from-strings
                cursor.execute(
                    f"SELECT setval(pg_get_serial_sequence(%s, 'id'), coalesce(max(id), 1)) FROM {quoted}",  # noqa: S608  # nosec B608
                    [table],
                )
            cursor.execute("VACUUM ANALYZE")
        else:
            cursor.execute("ANALYZE")


def _extra_tables() -> list[str]:
    tables = []
    for label in ("monitoring.Event", "monitoring.Act", "publishing.PublishedRecord"):
        try:
            from django.apps import apps

            tables.append(apps.get_model(label)._meta.db_table)
        except LookupError:
            continue
    return tables
