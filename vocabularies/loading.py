"""Loading vocabularies from their versioned CSV files.

Each file `data/<vocabulary>.csv` has the columns code,label_en,label_ru,label_kk.
Loading validates every file before writing anything and is idempotent:
labels are updated in place, codes no longer in a file are deactivated
(never deleted, because records still point at them).
"""

import csv
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from vocabularies.models import Term, Vocabulary

DATA_DIR = Path(__file__).resolve().parent / "data"
COLUMNS = ["code", "label_en", "label_ru", "label_kk"]


@dataclass(frozen=True)
class VocabularyRow:
    vocabulary: str
    code: str
    label_en: str
    label_ru: str
    label_kk: str
    sort_order: int


class VocabularyFileError(ValueError):
    pass


def read_vocabulary_files(directory: Path = DATA_DIR) -> list[VocabularyRow]:
    rows: list[VocabularyRow] = []
    errors: list[str] = []
    known = set(Vocabulary.values)
    for path in sorted(directory.glob("*.csv")):
        vocabulary = path.stem
        if vocabulary not in known:
            errors.append(f"{path.name}: unknown vocabulary {vocabulary!r}")
            continue
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            if reader.fieldnames != COLUMNS:
                errors.append(f"{path.name}: columns must be {','.join(COLUMNS)}")
                continue
            seen: set[str] = set()
            for index, record in enumerate(reader, start=2):
                code = (record["code"] or "").strip()
                if not code or not record["label_en"]:
                    errors.append(f"{path.name} line {index}: code and label_en are required")
                    continue
                if code in seen:
                    errors.append(f"{path.name} line {index}: duplicate code {code!r}")
                    continue
                seen.add(code)
                rows.append(
                    VocabularyRow(
                        vocabulary,
                        code,
                        record["label_en"].strip(),
                        (record["label_ru"] or "").strip(),
                        (record["label_kk"] or "").strip(),
                        index - 1,
                    )
                )
    if errors:
        raise VocabularyFileError("\n".join(errors))
    return rows


@transaction.atomic
def load_vocabularies(directory: Path = DATA_DIR) -> tuple[int, int]:
    """Create or update every term; returns (created, updated)."""
    rows = read_vocabulary_files(directory)
    created = updated = 0
    listed: dict[str, set[str]] = {}
    for row in rows:
        listed.setdefault(row.vocabulary, set()).add(row.code)
        values = {
            "label_en": row.label_en,
            "label_ru": row.label_ru,
            "label_kk": row.label_kk,
            "sort_order": row.sort_order,
            "active": True,
        }
        term, was_created = Term.objects.get_or_create(vocabulary=row.vocabulary, code=row.code, defaults=values)
        if was_created:
            created += 1
            continue
        if any(getattr(term, key) != value for key, value in values.items()):
            Term.objects.filter(pk=term.pk).update(**values)
            updated += 1
    for vocabulary, codes in listed.items():
        updated += Term.objects.filter(vocabulary=vocabulary, active=True).exclude(code__in=codes).update(active=False)
    return created, updated
