"""Loading the advocacy vocabularies shipped in advocacy/data/ as rows of vocabularies.Term.

Each file `<vocabulary>.csv` has the columns code,label_en,label_ru,label_kk.
Every file is read and checked before anything is written; loading again
updates labels in place and deactivates codes that left a file (never deletes
them: records still point at them).
"""

import csv
from pathlib import Path

from django.db import transaction

from advocacy.models import VOCABULARIES
from vocabularies.models import Term

DATA_DIR = Path(__file__).resolve().parent / "data"
COLUMNS = ["code", "label_en", "label_ru", "label_kk"]


class AdvocacyDataError(ValueError):
    pass


def read_files(directory: Path = DATA_DIR) -> dict[str, list[dict[str, str]]]:
    terms: dict[str, list[dict[str, str]]] = {}
    errors: list[str] = []
    for vocabulary in VOCABULARIES:
        path = directory / f"{vocabulary}.csv"
        if not path.exists():
            errors.append(f"{path.name}: missing")
            continue
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            if reader.fieldnames != COLUMNS:
                errors.append(f"{path.name}: columns must be {','.join(COLUMNS)}")
                continue
            rows: list[dict[str, str]] = []
            seen: set[str] = set()
            for line, row in enumerate(reader, start=2):
                code = (row["code"] or "").strip()
                if not code or not (row["label_en"] or "").strip():
                    errors.append(f"{path.name} line {line}: code and label_en are required")
                elif code in seen:
                    errors.append(f"{path.name} line {line}: duplicate code {code!r}")
                else:
                    seen.add(code)
                    rows.append({key: (value or "").strip() for key, value in row.items()})
            terms[vocabulary] = rows
    if errors:
        raise AdvocacyDataError("\n".join(errors))
    return terms


@transaction.atomic
def load_advocacy_vocabularies(directory: Path = DATA_DIR) -> tuple[int, int]:
    """Create or update every term; returns (created, updated)."""
    created = updated = 0
    for vocabulary, rows in read_files(directory).items():
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
