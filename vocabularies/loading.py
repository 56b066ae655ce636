"""Loading vocabularies from their versioned CSV files.

Each file `<vocabulary>.csv` has the columns code,label_en,label_ru,label_kk
(an app may ask for more columns of its own). Every file is validated before
anything is written, and loading is idempotent: labels are updated in place,
codes no longer in a file are deactivated (never deleted, because records
still point at them).

`read_term_file` and `upsert_terms` are the shared pieces: the monitoring and
advocacy apps load their own vocabulary files through them.
"""

import csv
from collections.abc import Mapping, Sequence
from pathlib import Path

from django.db import transaction

from vocabularies.models import Term, Vocabulary

DATA_DIR = Path(__file__).resolve().parent / "data"
COLUMNS = ["code", "label_en", "label_ru", "label_kk"]


class VocabularyFileError(ValueError):
    pass


def read_term_file(path: Path, *, extra_columns: Sequence[str] = ()) -> tuple[list[dict[str, str]], list[str]]:
    """The rows of one vocabulary file, and every problem found in it (with its line)."""
    expected = [*COLUMNS, *extra_columns]
    if not path.exists():
        return [], [f"{path.name}: missing"]
    rows: list[dict[str, str]] = []
    errors: list[str] = []
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        if reader.fieldnames != expected:
            return [], [f"{path.name}: columns must be {','.join(expected)}"]
        seen: set[str] = set()
        for line, record in enumerate(reader, start=2):
            code = (record["code"] or "").strip()
            if not code or not (record["label_en"] or "").strip():
                errors.append(f"{path.name} line {line}: code and label_en are required")
            elif code in seen:
                errors.append(f"{path.name} line {line}: duplicate code {code!r}")
            else:
                seen.add(code)
                rows.append({key: (value or "").strip() for key, value in record.items()})
    return rows, errors


def upsert_terms(vocabulary: str, rows: Sequence[Mapping[str, str]]) -> tuple[int, int]:
    """Create or update the terms of one vocabulary in file order; returns (created, updated)."""
    created = updated = 0
    for order, row in enumerate(rows, start=1):
        values = {
            "label_en": row["label_en"],
            "label_ru": row["label_ru"],
            "label_kk": row["label_kk"],
            "sort_order": order,
            "active": True,
        }
        term, was_created = Term.objects.get_or_create(vocabulary=vocabulary, code=row["code"], defaults=values)
        if was_created:
            created += 1
        elif any(getattr(term, key) != value for key, value in values.items()):
            Term.objects.filter(pk=term.pk).update(**values)
            updated += 1
    codes = [row["code"] for row in rows]
    updated += Term.objects.filter(vocabulary=vocabulary, active=True).exclude(code__in=codes).update(active=False)
    return created, updated


def read_vocabulary_files(directory: Path = DATA_DIR) -> dict[str, list[dict[str, str]]]:
    terms: dict[str, list[dict[str, str]]] = {}
    errors: list[str] = []
    known = set(Vocabulary.values)
    for path in sorted(directory.glob("*.csv")):
        if path.stem not in known:
            errors.append(f"{path.name}: unknown vocabulary {path.stem!r}")
            continue
        rows, problems = read_term_file(path)
        terms[path.stem] = rows
        errors += problems
    if errors:
        raise VocabularyFileError("\n".join(errors))
    return terms


@transaction.atomic
def load_vocabularies(directory: Path = DATA_DIR) -> tuple[int, int]:
    """Create or update every term; returns (created, updated)."""
    created = updated = 0
    for vocabulary, rows in read_vocabulary_files(directory).items():
        made, changed = upsert_terms(vocabulary, rows)
        created += made
        updated += changed
    return created, updated
