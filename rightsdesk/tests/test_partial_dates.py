import datetime as dt

import pytest

from rightsdesk.partial_dates import PartialDate, PartialDateError, Precision


@pytest.mark.parametrize(
    ("text", "value", "precision", "iso"),
    [
        ("2003", dt.date(2003, 1, 1), Precision.YEAR, "2003"),
        ("2016-03", dt.date(2016, 3, 1), Precision.MONTH, "2016-03"),
        ("2016-03-05", dt.date(2016, 3, 5), Precision.DAY, "2016-03-05"),
        ("03.2016", dt.date(2016, 3, 1), Precision.MONTH, "2016-03"),
        ("05.03.2016", dt.date(2016, 3, 5), Precision.DAY, "2016-03-05"),
    ],
)
def test_it_reads_a_date_with_its_precision(text: str, value: dt.date, precision: str, iso: str) -> None:
    parsed = PartialDate.parse(text)
    assert parsed.value == value
    assert parsed.precision == precision
    assert parsed.iso() == iso


def test_it_never_shows_an_invented_day() -> None:
    assert PartialDate.parse("2003").display() == "2003"
    assert "1" not in PartialDate.parse("2016-03").display().replace("2016", "")


@pytest.mark.parametrize("text", ["2016-13", "2016-02-30", "yesterday", "16-03-2016", ""])
def test_it_refuses_what_is_not_a_date(text: str) -> None:
    with pytest.raises(PartialDateError):
        PartialDate.parse(text)
