"""Loading the monitoring vocabularies and checklists shipped in monitoring/data/.

The vocabularies are rows of `vocabularies.Term` like every other controlled
vocabulary; violation_type.csv carries one more column, `rights`, the codes
of the rights (right.csv) each violation concerns. Every file is read and
checked before anything is written; loading again updates labels in place and
deactivates codes that left a file.
"""

import json
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction

from monitoring.models import AnswerType, Checklist, ChecklistItem, MissionKind, ViolationRight
from vocabularies.loading import read_term_file, upsert_terms
from vocabularies.models import Term

DATA_DIR = Path(__file__).resolve().parent / "data"
VOCABULARIES = (
    "right",
    "violation_type",
    "perpetrator_kind",
    "method",
    "consequence",
    "source_kind",
    "intervention_kind",
    "event_tag",
)


class MonitoringDataError(ValueError):
    pass


@dataclass
class Loaded:
    terms: dict[str, list[dict[str, str]]] = field(default_factory=dict)
    rights: list[tuple[str, str]] = field(default_factory=list)
    checklists: list[dict[str, object]] = field(default_factory=list)


def read_files(directory: Path = DATA_DIR) -> Loaded:
    loaded = Loaded()
    errors: list[str] = []
    for vocabulary in VOCABULARIES:
        extra = ["rights"] if vocabulary == "violation_type" else []
        rows, problems = read_term_file(directory / f"{vocabulary}.csv", extra_columns=extra)
        loaded.terms[vocabulary] = rows
        errors += problems
    known_rights = {row["code"] for row in loaded.terms.get("right", [])}
    for row in loaded.terms.get("violation_type", []):
        for right in filter(None, (r.strip() for r in row.get("rights", "").split(";"))):
            if right not in known_rights:
                errors.append(f"violation_type.csv {row['code']}: unknown right {right!r}")
            loaded.rights.append((row["code"], right))
    checklists = json.loads((directory / "checklists.json").read_text(encoding="utf-8"))
    for checklist in checklists:
        if checklist.get("kind") not in MissionKind.values:
            errors.append(f"checklists.json {checklist.get('code')}: unknown kind")
        for item in checklist.get("items", []):
            if item.get("answer_type") not in AnswerType.values:
                errors.append(f"checklists.json {checklist.get('code')}.{item.get('code')}: unknown answer_type")
    loaded.checklists = checklists
    if errors:
        raise MonitoringDataError("\n".join(errors))
    return loaded


@transaction.atomic
def load_monitoring_vocabularies(directory: Path = DATA_DIR) -> tuple[int, int]:
    """Create or update every term, mapping and checklist; returns (created, updated) terms."""
    loaded = read_files(directory)
    created = updated = 0
    for vocabulary, rows in loaded.terms.items():
        made, changed = upsert_terms(vocabulary, rows)
        created += made
        updated += changed
    terms = {(t.vocabulary, t.code): t for t in Term.objects.filter(vocabulary__in=["violation_type", "right"])}
    for violation, right in loaded.rights:
        ViolationRight.objects.get_or_create(
            violation_type=terms[("violation_type", violation)], right=terms[("right", right)]
        )
    for spec in loaded.checklists:
        checklist, _ = Checklist.objects.update_or_create(
            code=str(spec["code"]), defaults={"name": str(spec["name"]), "kind": str(spec["kind"])}
        )
        items = spec.get("items", [])
        assert isinstance(items, list)
        for order, item in enumerate(items, start=1):
            ChecklistItem.objects.update_or_create(
                checklist=checklist,
                code=item["code"],
                defaults={
                    "question": item["question"],
                    "answer_type": item["answer_type"],
                    "choices": item.get("choices", ""),
                    "sort_order": order,
                },
            )
    return created, updated
