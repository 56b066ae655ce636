"""Likely duplicate people: the same person written in Cyrillic and Latin, or transliterated differently.

Names are encrypted, so the database cannot compare them. The people a user
may see are read once (most recent first, at most `MAX_COMPARED`), their names
and other spellings folded across scripts (`people.names`), and only people
sharing a folded word are compared, so the work grows with the number of
people, not its square. A few thousand people take well under a second; above
`MAX_COMPARED` the oldest records are left out and the page says so.

Two people are a likely pair when one spelling of each is the same name
(`same_name`) and their dates of birth do not contradict each other. These are
hints for a person to judge, never merges done by themselves.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db.models import QuerySet

from accounts.models import Office
from people.models import Person
from people.names import name_key, name_tokens, spellings

if TYPE_CHECKING:
    from accounts.models import User

MAX_COMPARED = 5000
# A folded word shared by more people than this (a common first name) does not make candidates by itself.
_COMMON_WORD = 200


def same_name(a: str, b: str) -> bool:
    """Two spellings of one name: the same folded words, or one's words all within the other's."""
    return _same_words(_words(a), _words(b))


def _words(name: str) -> tuple[str, frozenset[str]]:
    return name_key(name), frozenset(name_tokens(name))


def _same_words(a: tuple[str, frozenset[str]], b: tuple[str, frozenset[str]]) -> bool:
    (key_a, ta), (key_b, tb) = a, b
    if not ta or not tb:
        return False
    return key_a == key_b or (min(len(ta), len(tb)) >= 2 and (ta <= tb or tb <= ta))


def births_agree(a: Person, b: Person) -> bool | None:
    """Whether two dates of birth agree as far as both are known; None if either is unknown."""
    if a.birth_date is None or b.birth_date is None:
        return None
    precisions = {a.birth_date_precision or "day", b.birth_date_precision or "day"}
    if a.birth_date.year != b.birth_date.year:
        return False
    if "year" in precisions:
        return True
    if a.birth_date.month != b.birth_date.month:
        return False
    return "month" in precisions or a.birth_date.day == b.birth_date.day


@dataclass
class DuplicatePair:
    first: Person
    second: Person
    same_birth: bool | None
    same_office: bool
    shared_cases: list[object] = field(default_factory=list)
    shared_events: list[object] = field(default_factory=list)

    @property
    def strength(self) -> int:
        return (
            (2 if self.same_birth else 0)
            + (1 if self.same_office else 0)
            + (1 if self.shared_cases or self.shared_events else 0)
        )


def find_duplicates(people: "QuerySet[Person]") -> tuple[list[DuplicatePair], bool]:
    """Likely duplicate pairs among `people`, strongest first, and whether the set was cut at MAX_COMPARED."""
    rows = list(
        people.only("pk", "full_name", "other_names", "birth_date", "birth_date_precision", "office_id", "created_at")[
            : MAX_COMPARED + 1
        ]
    )
    truncated = len(rows) > MAX_COMPARED
    rows = rows[:MAX_COMPARED]
    names: dict[int, list[tuple[str, frozenset[str]]]] = {}
    by_word: dict[str, list[int]] = defaultdict(list)
    for index, person in enumerate(rows):
        names[index] = [_words(n) for n in spellings(str(person.full_name), str(person.other_names or ""))]
        for word in {w for _, words in names[index] for w in words}:
            by_word[word].append(index)
    candidates: set[tuple[int, int]] = set()
    for members in by_word.values():
        if len(members) < 2 or len(members) > _COMMON_WORD:
            continue
        for i, a in enumerate(members):
            for b in members[i + 1 :]:
                candidates.add((a, b))
    pairs = []
    for a, b in candidates:
        first, second = rows[a], rows[b]
        agree = births_agree(first, second)
        if agree is False:
            continue
        if not any(_same_words(x, y) for x in names[a] for y in names[b]):
            continue
        if first.pk > second.pk:
            first, second = second, first
        pairs.append(DuplicatePair(first, second, agree, first.office_id == second.office_id))
    pairs.sort(key=lambda p: (-p.strength, p.first.pk, p.second.pk))
    offices = {o.pk: o for o in Office.objects.filter(pk__in={p.office_id for p in rows})}
    for pair in pairs:
        for person in (pair.first, pair.second):
            person.office = offices[person.office_id]
    return pairs, truncated


def add_shared_records(pairs: list[DuplicatePair], user: "User") -> None:
    """Fill in, for each pair, the cases and events the user sees in which both people appear."""
    from casework.models import Case
    from monitoring.models import Event

    for pair in pairs:
        pair.shared_cases = list(
            Case.objects.visible_to(user).filter(clients=pair.first).filter(clients=pair.second).distinct()[:10]
        )
        pair.shared_events = list(
            Event.objects.visible_to(user)
            .filter(involvements__person=pair.first)
            .filter(involvements__person=pair.second)
            .distinct()[:10]
        )
