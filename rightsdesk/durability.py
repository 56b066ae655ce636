"""The server refuses to start on a database that may lose acknowledged writes."""

from django.db import connection


class DurabilityError(RuntimeError):
    pass


def durability_problems() -> list[str]:
    problems: list[str] = []
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("PRAGMA journal_mode")
            mode = str(cursor.fetchone()[0]).lower()
            cursor.execute("PRAGMA synchronous")
            synchronous = int(cursor.fetchone()[0])
            if mode != "wal":
                problems.append(f"SQLite journal_mode is {mode}, not wal")
            if synchronous < 2:  # 2 = FULL, 3 = EXTRA
                problems.append(f"SQLite synchronous is {synchronous}, not FULL (2)")
        elif connection.vendor == "postgresql":
            shows = {
                "fsync": "SHOW fsync",
                "full_page_writes": "SHOW full_page_writes",
                "synchronous_commit": "SHOW synchronous_commit",
            }
            for setting, statement in shows.items():
                cursor.execute(statement)
                value = str(cursor.fetchone()[0]).lower()
                if value in {"off", "false"}:
                    problems.append(f"PostgreSQL {setting} is {value}")
    return problems


def assert_durable() -> None:
    problems = durability_problems()
    if problems:
        raise DurabilityError("refusing to start: " + "; ".join(problems))
