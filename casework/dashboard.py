"""The figures on a user's dashboard, all within what the user may see."""

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db.models import Count, Q
from django.db.models.functions import TruncMonth

from accounts.models import User
from casework.models import Case, CaseStatus, Consultation, Deadline


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    share: int  # percent of the largest bar, for drawing


def _bars(rows: list[tuple[str, int]]) -> list[Bar]:
    top = max((value for _label, value in rows), default=0) or 1
    return [Bar(label, value, round(100 * value / top)) for label, value in rows]


def my_deadlines_this_week(user: User, today: date) -> Any:
    end = today + timedelta(days=7 - today.weekday())
    return (
        Deadline.objects.pending()
        .filter(owner=user, due_on__lt=end, case__in=Case.objects.visible_to(user))
        .select_related("case")
        .order_by("due_on")
    )


def my_open_cases(user: User) -> Any:
    return (
        Case.objects.visible_to(user)
        .open()
        .filter(Q(responsible_lawyer=user) | Q(team=user))
        .distinct()
        .order_by("-opened_on")
    )


def consultations_per_month_per_office(user: User, since: date) -> list[dict[str, Any]]:
    rows = (
        Consultation.objects.visible_to(user)
        .filter(date__gte=since)
        .annotate(month=TruncMonth("date"))
        .values("month", "office__name_en")
        .annotate(n=Count("pk"))
        .order_by("month", "office__name_en")
    )
    return [dict(row) for row in rows]


def consultations_per_group(user: User, since: date) -> list[Bar]:
    from vocabularies.models import Term

    counts = dict(
        Consultation.objects.visible_to(user)
        .filter(date__gte=since)
        .values_list("groups")
        .annotate(n=Count("pk", distinct=True))
        .values_list("groups", "n")
    )
    rows: list[tuple[str, int]] = []
    for term in Term.objects.of("vulnerable_group"):
        rows.append((term.label, counts.get(term.pk, 0)))
    return _bars(rows)


def open_cases_by_status(user: User) -> list[Bar]:
    counts = dict(
        Case.objects.visible_to(user).open().values_list("status").annotate(n=Count("pk")).values_list("status", "n")
    )
    return _bars(
        [(str(label), counts.get(value, 0)) for value, label in CaseStatus.choices if value != CaseStatus.CLOSED]
    )


def month_table(rows: list[dict[str, Any]]) -> tuple[list[date], list[tuple[str, list[int]]]]:
    """Pivot (month, office, n) rows into a table: months as columns, offices as rows."""
    months = sorted({row["month"] for row in rows})
    offices = sorted({row["office__name_en"] for row in rows})
    cell = {(row["office__name_en"], row["month"]): row["n"] for row in rows}
    return months, [(office, [cell.get((office, m), 0) for m in months]) for office in offices]
