"""Loading the advocacy vocabularies shipped in advocacy/data/ as rows of vocabularies.Term.

Each file `<vocabulary>.csv` has the columns code,label_en,label_ru,label_kk.
Every file is read and checked before anything is written; loading again
updates labels in place and deactivates codes that left a file (never deletes
them: records still point at them).
"""

from pathlib import Path

from django.db import transaction

from advocacy.models import VOCABULARIES
from vocabularies.loading import read_term_file, upsert_terms

DATA_DIR = Path(__file__).resolve().parent / "data"


class AdvocacyDataError(ValueError):
    pass


def read_files(directory: Path = DATA_DIR) -> dict[str, list[dict[str, str]]]:
    terms: dict[str, list[dict[str, str]]] = {}
    errors: list[str] = []
    for vocabulary in VOCABULARIES:
        rows, problems = read_term_file(directory / f"{vocabulary}.csv")
        terms[vocabulary] = rows
        errors += problems
    if errors:
        raise AdvocacyDataError("\n".join(errors))
    return terms


@transaction.atomic
def load_advocacy_vocabularies(directory: Path = DATA_DIR) -> tuple[int, int]:
    """Create or update every term; returns (created, updated)."""
    created = updated = 0
    for vocabulary, rows in read_files(directory).items():
        made, changed = upsert_terms(vocabulary, rows)
        created += made
        updated += changed
    return created, updated
