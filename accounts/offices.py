"""The head office and regional branches, loaded from accounts/data/offices.csv."""

import csv
from pathlib import Path

from django.db import transaction

from accounts.models import Office
from vocabularies.models import Term, Vocabulary

OFFICES_CSV = Path(__file__).resolve().parent / "data" / "offices.csv"


class OfficeFileError(ValueError):
    pass


@transaction.atomic
def load_offices(path: Path = OFFICES_CSV) -> int:
    """Create or update the offices listed in the file (idempotent); needs the region vocabulary."""
    regions = {t.code: t for t in Term.objects.filter(vocabulary=Vocabulary.REGION)}
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    problems = [
        f"line {n}: unknown region {row['region']!r}"
        for n, row in enumerate(rows, start=2)
        if row["region"] not in regions
    ]
    if problems:
        raise OfficeFileError("; ".join(problems))
    for row in rows:
        Office.objects.update_or_create(
            code=row["code"],
            defaults={
                "region": regions[row["region"]],
                "is_head_office": row["is_head_office"] == "yes",
                "name_en": row["name_en"],
                "name_ru": row["name_ru"],
                "name_kk": row["name_kk"],
            },
        )
    return len(rows)
