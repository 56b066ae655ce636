"""The dashboard's consultation counts: exactly the consultations the user may see, cached per office."""

import datetime as dt
from collections import Counter
from collections.abc import Callable
from typing import Any

import pytest
from django.core.cache import caches
from django.test import override_settings

from casework import dashboard
from casework.models import Consultation

SINCE = dt.date(2026, 1, 1)


@pytest.fixture
def world(make: Any, alice: Any, bob: Any, dana: Any, carol: Any, victor: Any, charlie: Any) -> None:
    """Consultations in both offices, some linked to ordinary, confidential and cross-office cases."""
    stateless = make.term("vulnerable_group", "stateless")
    karaganda_lawyer = make.user("kira", "lawyer", office=make.karaganda)
    for month in (1, 2, 3):
        day = dt.date(2026, month, 10)
        make.consultation(alice, date=day, groups=[stateless])
        make.consultation(dana, date=day)
        make.consultation(charlie, date=day, groups=[stateless])
    make.consultation(alice, date=dt.date(2025, 6, 1))  # before the dashboard's year
    secret = make.case(alice, confidential=True, team=[bob])
    ordinary = make.case(dana)
    from casework.actions import update_consultation

    for case, author in ((secret, alice), (ordinary, dana)):
        consultation = make.consultation(author, date=dt.date(2026, 2, 20), groups=[stateless])
        update_consultation(consultation, actor=author)
        Consultation.objects.filter(pk=consultation.pk).update(case=case)
    # A Karaganda consultation about an Almaty case: Almaty's staff see it through the case.
    cross = make.consultation(karaganda_lawyer, date=dt.date(2026, 3, 1))
    Consultation.objects.filter(pk=cross.pk).update(case=ordinary)
    # A Karaganda consultation about Almaty's confidential case: only the team sees it.
    hidden = make.consultation(karaganda_lawyer, date=dt.date(2026, 3, 2))
    Consultation.objects.filter(pk=hidden.pk).update(case=secret)


def brute_force(user: Any, key: Callable[[Consultation], tuple[Any, ...] | list[tuple[Any, ...]]]) -> Counter[Any]:
    found: Counter[Any] = Counter()
    for consultation in Consultation.objects.visible_to(user).filter(date__gte=SINCE).select_related("office"):
        keys = key(consultation)
        for k in keys if isinstance(keys, list) else [keys]:
            found[k] += 1
    return found


PERSONAS = ["alice", "bob", "dana", "carol", "victor", "charlie", "mona", "adam"]


@pytest.mark.parametrize("persona", PERSONAS)
def test_counts_equal_the_consultations_the_user_may_see(world: None, persona: str, request: Any) -> None:
    user = request.getfixturevalue(persona)
    by_month = {
        (row["month"], row["office__name_en"]): row["n"]
        for row in dashboard.consultations_per_month_per_office(user, SINCE)
    }
    expected = brute_force(user, lambda c: (c.date.replace(day=1), c.office.name_en))
    assert by_month == dict(expected)

    by_group = {bar.label: bar.value for bar in dashboard.consultations_per_group(user, SINCE) if bar.value}
    expected_groups = brute_force(user, lambda c: [(g.label,) for g in c.groups.all()])
    assert by_group == {label: n for (label,), n in expected_groups.items()}


def test_the_office_part_is_not_everything(world: None, bob: Any, dana: Any) -> None:
    """bob, on the confidential case's team, sees two more consultations than dana in the same office."""
    bob_total = sum(row["n"] for row in dashboard.consultations_per_month_per_office(bob, SINCE))
    dana_total = sum(row["n"] for row in dashboard.consultations_per_month_per_office(dana, SINCE))
    assert bob_total == dana_total + 2


@pytest.fixture
def counts_cache() -> Any:
    with override_settings(CACHES={"counts": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}):
        caches["counts"].clear()
        yield caches["counts"]


def total(user: Any) -> int:
    return sum(row["n"] for row in dashboard.consultations_per_month_per_office(user, SINCE))


def test_a_new_consultation_shows_at_once_despite_the_cache(
    world: None, counts_cache: Any, make: Any, dana: Any, carol: Any, django_capture_on_commit_callbacks: Any
) -> None:
    before = total(carol)
    with django_capture_on_commit_callbacks(execute=True):
        make.consultation(dana, date=dt.date(2026, 3, 5))
    assert total(carol) == before + 1


def test_the_office_part_is_served_from_the_cache_until_something_changes(
    world: None, counts_cache: Any, carol: Any
) -> None:
    total(carol)
    Consultation.objects.update(date=dt.date(2020, 1, 1))  # behind the actions' back
    # Still the cached office figures (a change outside the actions waits for the entry to expire)...
    assert total(carol) > 0
    counts_cache.clear()
    # ...and the true ones once it has.
    assert total(carol) == 0
