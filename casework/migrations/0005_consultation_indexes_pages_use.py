"""Consultations keep only the indexes a page reads (see the comment on the model's fields).

The single-column indexes Django gave the office, lawyer, channel, outcome and created_by keys are
dropped: office and lawyer lead (office, date) and (lawyer, date), and nothing looks rows up by the
others. Each cost every insert. The fields' state changes as AlterField would; the database change is
written out because AlterField rebuilds the whole table on SQLite (a million rows, once per field) and
left the indexes in place on PostgreSQL.
"""

from typing import Any

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def _single_column_indexes(schema_editor: Any, table: str) -> dict[str, str]:
    """Column → name of the plain index on that column alone."""
    with schema_editor.connection.cursor() as cursor:
        constraints = schema_editor.connection.introspection.get_constraints(cursor, table)
    return {
        info["columns"][0]: name
        for name, info in constraints.items()
        if info["index"] and not info["unique"] and not info["primary_key"] and len(info["columns"]) == 1
    }


def drop(apps: Any, schema_editor: Any) -> None:
    table = apps.get_model("casework", "Consultation")._meta.db_table
    found = _single_column_indexes(schema_editor, table)
    for column in COLUMNS:
        if column in found:
            schema_editor.execute(f"DROP INDEX {schema_editor.quote_name(found[column])}")


def restore(apps: Any, schema_editor: Any) -> None:
    model = apps.get_model("casework", "Consultation")
    found = _single_column_indexes(schema_editor, model._meta.db_table)
    for field in model._meta.concrete_fields:
        if field.column in COLUMNS and field.column not in found:
            schema_editor.execute(schema_editor._create_index_sql(model, fields=[field]))


# The fields as AlterField leaves them; their columns are the ones whose indexes go.
STATE = [
    migrations.AlterField(
        model_name="consultation",
        name="channel",
        field=models.ForeignKey(
            db_index=False,
            limit_choices_to={"active": True, "vocabulary": "consultation_channel"},
            on_delete=django.db.models.deletion.PROTECT,
            related_name="+",
            to="vocabularies.term",
            verbose_name="channel",
        ),
    ),
    migrations.AlterField(
        model_name="consultation",
        name="created_by",
        field=models.ForeignKey(
            db_index=False,
            on_delete=django.db.models.deletion.PROTECT,
            related_name="+",
            to=settings.AUTH_USER_MODEL,
        ),
    ),
    migrations.AlterField(
        model_name="consultation",
        name="lawyer",
        field=models.ForeignKey(
            db_index=False,
            on_delete=django.db.models.deletion.PROTECT,
            related_name="consultations",
            to=settings.AUTH_USER_MODEL,
            verbose_name="lawyer",
        ),
    ),
    migrations.AlterField(
        model_name="consultation",
        name="office",
        field=models.ForeignKey(
            db_index=False,
            on_delete=django.db.models.deletion.PROTECT,
            related_name="consultations",
            to="accounts.office",
            verbose_name="office",
        ),
    ),
    migrations.AlterField(
        model_name="consultation",
        name="outcome",
        field=models.ForeignKey(
            blank=True,
            db_index=False,
            limit_choices_to={"active": True, "vocabulary": "consultation_outcome"},
            null=True,
            on_delete=django.db.models.deletion.PROTECT,
            related_name="+",
            to="vocabularies.term",
            verbose_name="outcome",
        ),
    ),
]
COLUMNS = tuple(f"{operation.name}_id" for operation in STATE)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("casework", "0004_case_list_walks_office_status_index"),
        ("vocabularies", "0002_monitoring_vocabularies"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=STATE,
            database_operations=[migrations.RunPython(drop, restore)],
        ),
    ]
