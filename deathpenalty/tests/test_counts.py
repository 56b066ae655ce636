import pytest

from deathpenalty.counts import Count, CountError, minimum_total
from deathpenalty.models import CountKind


@pytest.mark.parametrize(
    ("text", "kind", "number", "minimum"),
    [
        ("12", CountKind.EXACT, 12, 12),
        ("12+", CountKind.AT_LEAST, 12, 12),
        ("+", CountKind.MORE_THAN_ONE, None, 2),
        ("1000s", CountKind.THOUSANDS, None, 0),
        ("unknown", CountKind.UNKNOWN, None, 0),
        ("0", CountKind.EXACT, 0, 0),
    ],
)
def test_it_reads_monitors_counts(text: str, kind: str, number: int | None, minimum: int) -> None:
    count = Count.parse(text)
    assert (count.kind, count.number, count.minimum) == (kind, number, minimum)
    assert count.text() == text


@pytest.mark.parametrize("text", ["12++", "++", "-3", "about 5", "12 +", "1,000"])
def test_it_refuses_what_is_not_a_count(text: str) -> None:
    with pytest.raises(CountError):
        Count.parse(text)


def test_world_minimum_follows_the_documented_rule() -> None:
    total = minimum_total(
        [
            ("AAA", Count.parse("10"), 0),
            ("BBB", Count.parse("5+"), 0),
            ("CCC", Count.parse("+"), 0),
            ("CHN", Count.parse("1000s"), 0),
            ("DDD", Count.parse("unknown"), 0),
            ("EEE", Count.parse("1"), 3),  # three individual cases on file
        ]
    )
    assert total.minimum == 10 + 5 + 2 + 0 + 3
    assert total.text() == "20+"
    assert total.withheld == ("CHN",)


def test_an_all_exact_total_is_exact() -> None:
    assert minimum_total([("AAA", Count.parse("3"), 0), ("BBB", Count.parse("4"), 0)]).text() == "7"
