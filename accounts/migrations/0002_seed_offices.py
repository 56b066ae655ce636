"""Seed the head office and the regional branches from accounts/data/offices.csv."""

import csv
from pathlib import Path

from django.db import migrations

OFFICES_CSV = Path(__file__).resolve().parent.parent / "data" / "offices.csv"


def seed(apps, schema_editor):
    Office = apps.get_model("accounts", "Office")
    Term = apps.get_model("vocabularies", "Term")
    with OFFICES_CSV.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            region, _ = Term.objects.get_or_create(
                vocabulary="region", code=row["region"], defaults={"label_en": row["region"]}
            )
            Office.objects.update_or_create(
                code=row["code"],
                defaults={
                    "region": region,
                    "is_head_office": row["is_head_office"] == "yes",
                    "name_en": row["name_en"],
                    "name_ru": row["name_ru"],
                    "name_kk": row["name_kk"],
                },
            )


def unseed(apps, schema_editor):
    Office = apps.get_model("accounts", "Office")
    with OFFICES_CSV.open(encoding="utf-8") as handle:
        codes = [row["code"] for row in csv.DictReader(handle)]
    Office.objects.filter(code__in=codes, staff__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("accounts", "0001_initial"), ("vocabularies", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
