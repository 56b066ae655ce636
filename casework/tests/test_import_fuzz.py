"""Importers fuzzed: whatever bytes arrive, the answer is an import or a clear
refusal, and a refusal changes nothing."""

from typing import Any

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from casework.imports import ImportRejected, import_consultations, import_people
from casework.models import Consultation
from people.models import Person

PEOPLE_COLUMNS = [
    "full_name",
    "other_names",
    "gender",
    "birth_date",
    "citizenship",
    "groups",
    "consent_to_processing",
    "consent_date",
]
CONSULTATION_COLUMNS = ["date", "person_id", "channel", "legal_area", "groups", "summary", "outcome"]
FUZZ = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)

cell = st.one_of(
    st.text(max_size=30),
    st.sampled_from(
        [
            "",
            "2026-02-30",
            "1984",
            "1991-04",
            "KAZ",
            "stateless",
            "yes",
            "no",
            "maybe",
            "=cmd()",
            "phone",
            "citizenship",
            "journalist;activist",
            "Сейткали",
            "\x00",
            '"',
            "\r\n",
            "99999999999999999999",
        ]
    ),
)


def _csv(header: list[str], rows: list[list[str]]) -> bytes:
    def quote(value: str) -> str:
        return '"' + value.replace('"', '""') + '"'

    lines = [",".join(header)] + [",".join(quote(v) for v in row) for row in rows]
    return ("\n".join(lines) + "\n").encode("utf-8", errors="surrogatepass")


def _outcome(importer: Any, content: bytes, actor: Any) -> tuple[int, ImportRejected | None]:
    """Run an import: rows imported, or the refusal (any other exception fails the test)."""
    try:
        return importer(content, office=actor.office, actor=actor), None
    except ImportRejected as refused:
        return 0, refused


def _counts() -> tuple[int, int]:
    return Person.objects.count(), Consultation.objects.count()


@FUZZ
@given(st.binary(max_size=2000))
@example(b"\xef\xbb\xbffull_name\n\xff\xfe")
@example(b"PK\x03\x04" + b"\x00" * 100)
def test_random_bytes_are_imported_or_refused_cleanly(alice: Any, content: bytes) -> None:
    for importer in (import_people, import_consultations):
        before = _counts()
        _imported, refused = _outcome(importer, content, alice)
        if refused is not None:
            assert refused.errors
            assert all(isinstance(line, int) and message for line, message in refused.errors)
            assert _counts() == before


@FUZZ
@given(
    st.lists(st.sampled_from(PEOPLE_COLUMNS), min_size=1, max_size=8, unique=True),
    st.lists(st.lists(cell, min_size=8, max_size=8), min_size=1, max_size=6),
)
def test_people_tables_with_random_cells(alice: Any, header: list[str], rows: list[list[str]]) -> None:
    content = _csv(header, [row[: len(header)] for row in rows])
    before = _counts()
    imported, refused = _outcome(import_people, content, alice)
    if refused is not None:
        assert refused.errors
        assert _counts() == before
    else:
        assert _counts()[0] == before[0] + imported


@FUZZ
@given(
    st.lists(st.sampled_from(CONSULTATION_COLUMNS), min_size=1, max_size=7, unique=True),
    st.lists(st.lists(cell, min_size=7, max_size=7), min_size=1, max_size=6),
)
def test_consultation_tables_with_random_cells(alice: Any, header: list[str], rows: list[list[str]]) -> None:
    content = _csv(header, [row[: len(header)] for row in rows])
    before = _counts()
    imported, refused = _outcome(import_consultations, content, alice)
    if refused is not None:
        assert _counts() == before
    else:
        assert _counts()[1] == before[1] + imported
