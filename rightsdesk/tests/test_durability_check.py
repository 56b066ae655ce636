import pytest
from django.db import connection

from rightsdesk.durability import DurabilityError, assert_durable, durability_problems


@pytest.mark.django_db
def test_the_configured_database_is_durable() -> None:
    assert durability_problems() == []


@pytest.mark.django_db(transaction=True)
def test_it_refuses_a_database_that_may_lose_writes() -> None:
    if connection.vendor != "sqlite":
        pytest.skip("PostgreSQL's fsync cannot be turned off from a session; the SQLite pass covers the refusal")
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA synchronous=NORMAL")
    try:
        with pytest.raises(DurabilityError, match="synchronous"):
            assert_durable()
    finally:
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA synchronous=FULL")
