"""The figures on a user's dashboard, all within what the user may see.

The consultation counts of the last year, and the open cases by status, are
the sum of two disjoint parts: what everyone of the user's office sees
(casework.access.consultation_office_rule, case_office_rule), and what the user
sees beyond that (their own consultations and cases, and those of their cases
elsewhere). The office part is the same for all the office's staff and is the
expensive one at national scale (hundreds of thousands of rows). Both parts are
kept in the shared "counts" cache until a consultation or case changes
(casework.counts) or ten minutes pass.
"""

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db.models import Count, Q
from django.db.models.functions import TruncMonth

from accounts.models import User
from casework import counts
from casework.access import (
    case_office_rule,
    case_own_rule,
    case_rule,
    consultation_office_rule,
    consultation_own_rule,
    office_shared_by,
)
from casework.models import Case, CaseStatus, Consultation, Deadline


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    share: int  # percent of the largest bar, for drawing


def _bars(rows: list[tuple[str, int]]) -> list[Bar]:
    top = max((value for _label, value in rows), default=0) or 1
    return [Bar(label, value, round(100 * value / top)) for label, value in rows]


DEADLINES_SHOWN = 25


def my_deadlines_this_week(user: User, today: date) -> Any:
    """Pending deadlines up to the end of the week, overdue first (the page shows DEADLINES_SHOWN of them)."""
    end = today + timedelta(days=7 - today.weekday())
    return (
        Deadline.objects.pending()
        .filter(case_rule(user, via="case__"), owner=user, due_on__lt=end)
        .select_related("case")
        .defer("case__description")  # long, encrypted, and not shown here
        .order_by("due_on")
    )


def my_open_cases(user: User) -> Any:
    team = Case.team.through.objects.filter(user_id=user.pk).values("case_id")
    return (
        Case.objects.visible_to(user)
        .open()
        .filter(Q(responsible_lawyer=user) | Q(pk__in=team))
        .defer("description")
        .order_by("-opened_on", "-pk")
    )


def _seen_by[K](
    user: User,
    name: tuple[str, ...],
    count: Callable[[Q], Counter[K]],
    own: Q,
    office_rule: Callable[[int], Q],
) -> Counter[K]:
    """`count` over what the user sees, as two disjoint parts each cached under the casework version.

    The office's part is the same for all its staff; the user's own part beyond it is cached too: a
    lawyer of thirty years has tens of thousands of consultations of their own. (Administrators,
    whose emergency accesses expire by the clock, have no office part and are counted live.)
    """
    office = office_shared_by(user)
    if office is None:
        return count(own)
    shared = counts.cached((*name, office), lambda: count(office_rule(office)))
    beyond = counts.cached((*name, "beyond", user.pk, office), lambda: count(own & ~office_rule(office)))
    return Counter(shared) + Counter(beyond)


def _consultation_counts(user: User, since: date, key: tuple[str, ...]) -> Counter[tuple[Any, ...]]:
    """Consultations since `since` that the user sees, counted by the `key` columns."""

    def count(rule: Q) -> Counter[tuple[Any, ...]]:
        rows = Consultation.objects.filter(rule, date__gte=since)
        if "month" in key:
            rows = rows.annotate(month=TruncMonth("date"))
        rows = rows.values(*key).annotate(n=Count("pk", distinct=True)).values_list(*key, "n")
        return Counter({tuple(row[:-1]): row[-1] for row in rows})

    return _seen_by(
        user, ("consultations", since.isoformat(), *key), count, consultation_own_rule(user), consultation_office_rule
    )


def consultations_per_month_per_office(user: User, since: date) -> list[dict[str, Any]]:
    found = _consultation_counts(user, since, ("month", "office__name_en"))
    return [{"month": month, "office__name_en": office, "n": n} for (month, office), n in sorted(found.items())]


def consultations_per_group(user: User, since: date) -> list[Bar]:
    from vocabularies.models import Term

    found = _consultation_counts(user, since, ("groups",))
    rows: list[tuple[str, int]] = []
    for term in Term.objects.of("vulnerable_group"):
        rows.append((term.label, found.get((term.pk,), 0)))
    return _bars(rows)


def open_cases_by_status(user: User) -> list[Bar]:
    def count(rule: Q) -> Counter[str]:
        return Counter(dict(Case.objects.filter(rule).open().values_list("status").annotate(n=Count("pk"))))

    found = _seen_by(user, ("open-cases",), count, case_own_rule(user), case_office_rule)
    return _bars(
        [(str(label), found.get(value, 0)) for value, label in CaseStatus.choices if value != CaseStatus.CLOSED]
    )


def month_table(rows: list[dict[str, Any]]) -> tuple[list[date], list[tuple[str, list[int]]]]:
    """Pivot (month, office, n) rows into a table: months as columns, offices as rows."""
    months = sorted({row["month"] for row in rows})
    offices = sorted({row["office__name_en"] for row in rows})
    cell = {(row["office__name_en"], row["month"]): row["n"] for row in rows}
    return months, [(office, [cell.get((office, m), 0) for m in months]) for office in offices]
