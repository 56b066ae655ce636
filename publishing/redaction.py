"""Redaction rules: what of an internal record may reach the public, and in what form.

- A victim is named only if their consent to be named is recorded for this
  event; otherwise they appear under a pseudonym.
- Exact places, addresses, phone numbers and e-mail addresses are never
  published: the snapshot has no field for them, and free text is scanned for
  them.
- Free text (title, summary, institution names, source titles) is scanned for
  the registered names of protected persons, in any script or spelling: every
  person in the registry except those who consented to be named in this
  event. The editor is told what was found and either redacts or is refused.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from monitoring.models import Event, Involvement, InvolvementRole
from monitoring.names import name_tokens, spellings, word_spans
from people.models import Person

WITHHELD = "[…]"
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+", re.UNICODE)
# Seven or more digits, allowing the spaces, dots, dashes and brackets phone numbers are written with.
_PHONE = re.compile(r"\+?\d[\d\s().-]{5,}\d")


@dataclass(frozen=True)
class Finding:
    where: str
    found: str
    kind: str  # "name", "contact", "place"
    replacement: str


@dataclass
class ProtectedName:
    tokens: tuple[str, ...]
    replacement: str
    own: bool  # involved in this event: even one word of the name is enough


@dataclass
class Protected:
    names: list[ProtectedName] = field(default_factory=list)
    places: list[tuple[str, str]] = field(default_factory=list)  # (literal text, replacement)


def letter(index: int) -> str:
    letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    return letters[index % 26] + ("" if index < 26 else str(index // 26))


def public_labels(event: Event) -> dict[int, str]:
    """For each person involved in the event: the label the public sees (name with consent, else a pseudonym)."""
    labels: dict[int, str] = {}
    counter: dict[str, int] = {}
    involvements = event.involvements.select_related("person").order_by("pk")
    consenting = {i.person_id for i in involvements if i.consent_to_publish and i.consent_date is not None}
    pseudonyms = {i.person_id: i.pseudonym for i in involvements if i.pseudonym}
    for involvement in involvements:
        person = involvement.person
        if person.pk in labels:
            continue
        if person.pk in consenting:
            labels[person.pk] = person.full_name
        elif person.pk in pseudonyms:
            labels[person.pk] = pseudonyms[person.pk]
        else:
            n = counter.get(involvement.role, 0)
            counter[involvement.role] = n + 1
            labels[person.pk] = _role_pseudonym(involvement.role, letter(n))
    return labels


def _role_pseudonym(role: str, mark: str) -> str:
    if role == InvolvementRole.VICTIM:
        return _("Victim %(mark)s") % {"mark": mark}
    if role == InvolvementRole.WITNESS:
        return _("Witness %(mark)s") % {"mark": mark}
    if role == InvolvementRole.PERPETRATOR:
        return _("Official %(mark)s") % {"mark": mark}
    return _("Person %(mark)s") % {"mark": mark}


def protected_for(event: Event, labels: dict[int, str]) -> Protected:
    consenting = set(
        Involvement.objects.filter(event=event, consent_to_publish=True, consent_date__isnull=False).values_list(
            "person_id", flat=True
        )
    )
    involved = set(event.involvements.values_list("person_id", flat=True))
    protected = Protected()
    people = Person.objects.exclude(pk__in=consenting).only(
        "pk", "full_name", "other_names", "address", "phone", "email"
    )
    for person in people.iterator():
        own = person.pk in involved
        replacement = labels.get(person.pk, WITHHELD)
        for spelling in spellings(person.full_name, person.other_names):
            tokens = tuple(name_tokens(spelling))
            if tokens:
                protected.names.append(ProtectedName(tokens, replacement, own))
        if own:
            for literal in (person.address, person.phone, person.email):
                if literal and len(literal.strip()) >= 5:
                    protected.places.append((literal.strip(), WITHHELD))
    if event.place.strip():
        protected.places.append((event.place.strip(), WITHHELD))
    return protected


def _name_hits(text: str, names: Iterable[ProtectedName]) -> list[tuple[int, int, ProtectedName]]:
    words = word_spans(text)
    folded = [w[2] for w in words]
    by_token: dict[str, list[ProtectedName]] = {}
    for name in names:
        for token in set(name.tokens):
            by_token.setdefault(token, []).append(name)
    hits: list[tuple[int, int, ProtectedName]] = []
    i = 0
    while i < len(words):
        best: tuple[int, ProtectedName] | None = None
        for name in by_token.get(folded[i], []):
            tokens = set(name.tokens)
            # The longest run of consecutive words that are all words of this name.
            j = i
            while j < len(words) and folded[j] in tokens:
                j += 1
            run = j - i
            enough = run >= min(2, len(tokens)) or (name.own and len(folded[i]) >= 4)
            if enough and (best is None or run > best[0]):
                best = (run, name)
        if best is None:
            i += 1
            continue
        run, name = best
        hits.append((words[i][0], words[i + run - 1][1], name))
        i += run
    return hits


def scan(where: str, text: str, protected: Protected) -> list[Finding]:
    findings: list[Finding] = []
    for start, end, name in _name_hits(text, protected.names):
        findings.append(Finding(where, text[start:end], "name", name.replacement))
    for literal, replacement in protected.places:
        for match in re.finditer(re.escape(literal), text, re.IGNORECASE):
            findings.append(Finding(where, match.group(), "place", replacement))
    for pattern in (_EMAIL, _PHONE):
        for match in pattern.finditer(text):
            if sum(ch.isdigit() for ch in match.group()) >= 7 or pattern is _EMAIL:
                findings.append(Finding(where, match.group(), "contact", WITHHELD))
    return findings


def redact(text: str, protected: Protected) -> str:
    """The text with every protected name, place and contact replaced."""
    for literal, replacement in protected.places:
        text = re.sub(re.escape(literal), replacement, text, flags=re.IGNORECASE)
    text = _EMAIL.sub(WITHHELD, text)
    text = _PHONE.sub(lambda m: WITHHELD if sum(ch.isdigit() for ch in m.group()) >= 7 else m.group(), text)
    hits = _name_hits(text, protected.names)
    for start, end, name in reversed(hits):
        text = text[:start] + name.replacement + text[end:]
    return text
