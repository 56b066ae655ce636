"""Imports validate the whole file first and write nothing when any row is bad."""

import io

import pytest
from django.test import Client
from django.urls import reverse

from accounts.testing import as_user
from casework.imports import ImportRejected, import_consultations, import_people
from casework.models import Consultation
from people.models import Person

PEOPLE_HEADER = "full_name,other_names,gender,birth_date,citizenship,groups,languages,phone,email,address,consent_to_processing,consent_date\n"
GOOD_PEOPLE = (
    PEOPLE_HEADER
    + "Сейткали Нурлан,Seitkali,male,1984,KAZ,activist,kk;ru,,,,yes,2026-01-10\n"
    + "Ахмедова Зарина,,female,1991-04,stateless,stateless,ru,,,,no,\n"
)


def _counts() -> tuple[int, int]:
    return Person.objects.count(), Consultation.objects.count()


def test_it_imports_people_with_partial_dates_and_statelessness(alice: object) -> None:
    assert import_people(GOOD_PEOPLE.encode(), office=alice.office, actor=alice) == 2
    zarina = Person.objects.named("Ахмедова Зарина").get()
    assert zarina.is_stateless
    assert zarina.birth.iso() == "1991-04"
    assert [g.code for g in zarina.groups.all()] == ["stateless"]


@pytest.mark.parametrize(
    ("content", "line", "fragment"),
    [
        (GOOD_PEOPLE.encode("cp1251"), 0, "not UTF-8"),
        (b"name,phone\nIvanov,123\n", 1, "Missing column(s): full_name"),
        ((PEOPLE_HEADER + "Ivanov,,male,1984-13,KAZ,,,,,,no,\n").encode(), 2, "not a real date"),
        ((PEOPLE_HEADER + "Ivanov,,male,31/12/1984,KAZ,,,,,,no,\n").encode(), 2, "YYYY"),
        ((PEOPLE_HEADER + "Ivanov,,male,,XXX,,,,,,no,\n").encode(), 2, "ISO 3166"),
        ((PEOPLE_HEADER + "Ivanov,,male,,KAZ,martian,,,,,no,\n").encode(), 2, "unknown code"),
        ((PEOPLE_HEADER + "Ivanov,,male,,KAZ,,,,,,yes,\n").encode(), 2, "consent_date is required"),
        # after the two good rows, the repeated row is line 5, a copy of line 4
        ((PEOPLE_HEADER + "Ivanov,,,,,,,,,,,\nIvanov,,,,,,,,,,,\n").encode(), 3, "duplicate of line 4"),
        (PEOPLE_HEADER.encode(), 0, "no rows"),
        (b"", 0, "empty"),
        (b"PK\x03\x04not really a workbook", 0, "not a readable XLSX"),
    ],
)
def test_a_bad_people_file_is_refused_whole_with_its_line(
    alice: object, content: bytes, line: int, fragment: str
) -> None:
    before = _counts()
    content = (GOOD_PEOPLE.encode() + content[len(PEOPLE_HEADER) :]) if line >= 2 else content
    with pytest.raises(ImportRejected) as refused:
        import_people(content, office=alice.office, actor=alice)
    if line >= 2:
        line += 2  # the two good rows come first
    assert any(n == line and fragment in message for n, message in refused.value.errors), refused.value.errors
    assert _counts() == before


def test_every_bad_row_is_reported_not_only_the_first(alice: object) -> None:
    content = (PEOPLE_HEADER + "A,,robot,,,,,,,,,\nB,,male,2020-02-31,,,,,,,,\nC,,male,,,,,,,,maybe,\n").encode()
    with pytest.raises(ImportRejected) as refused:
        import_people(content, office=alice.office, actor=alice)
    assert sorted({n for n, _ in refused.value.errors}) == [2, 3, 4]


def test_ten_megabytes_of_junk_is_refused_with_a_clear_message(alice: object, client: Client) -> None:
    junk = bytes(range(256)) * (10 * 1024 * 1024 // 256)
    before = _counts()
    response = as_user(alice).post(
        reverse("casework:import", args=["people"]), {"file": io.BytesIO(junk)}, format="multipart"
    )
    assert response.status_code == 200
    assert "larger than 5 MB" in response.content.decode()
    assert _counts() == before


CONSULTATION_HEADER = "date,person_id,channel,legal_area,groups,summary,outcome,follow_up_on,follow_up,lawyer\n"


def test_it_imports_consultations_and_refuses_a_file_with_one_bad_row(alice: object, make: object) -> None:
    person = make.person(alice)
    good = f"2026-03-01,{person.pk},phone,citizenship,stateless,Passport advice,advice-given,,,\n"
    assert import_consultations((CONSULTATION_HEADER + good).encode(), office=alice.office, actor=alice) == 1
    before = _counts()
    bad = "2026-03-02,,fax,citizenship,,Advice,,,,\n2026-03-03,999999,phone,citizenship,,Advice,,,,\n"
    with pytest.raises(ImportRejected) as refused:
        import_consultations(
            (CONSULTATION_HEADER + good.replace("03-01", "03-05") + bad).encode(), office=alice.office, actor=alice
        )
    messages = dict(refused.value.errors)
    assert "channel" in messages[3]
    assert "person_id 999999" in messages[4]
    assert _counts() == before


@pytest.mark.parametrize(
    ("cell", "fragment"),
    [
        ("12345678901234567890123456789", "is not a person you can see"),  # more digits than any id
        ("²", "must be a number"),  # a digit to Unicode, not to int()
        ("-3", "must be a number"),
    ],
)
def test_a_person_id_that_no_record_could_have_is_refused_with_a_message(
    alice: object, cell: str, fragment: str
) -> None:
    before = _counts()
    content = (CONSULTATION_HEADER + f"2026-03-02,{cell},phone,citizenship,,Advice,,,,\n").encode()
    with pytest.raises(ImportRejected) as refused:
        import_consultations(content, office=alice.office, actor=alice)
    assert [(line, fragment in message) for line, message in refused.value.errors] == [(2, True)]
    assert _counts() == before


def test_the_import_page_lists_every_problem_and_writes_nothing(alice: object) -> None:
    before = _counts()
    content = (CONSULTATION_HEADER + "tomorrow,,phone,citizenship,,x,,,,\n2026-01-01,,phone,nowhere,,x,,,,\n").encode()
    response = as_user(alice).post(
        reverse("casework:import", args=["consultations"]), {"file": io.BytesIO(content)}, format="multipart"
    )
    body = response.content.decode()
    assert "2 problems; nothing was imported." in body
    assert "is not a date" in body
    assert "legal_area" in body
    assert _counts() == before


def test_an_xlsx_file_imports_like_a_csv(alice: object) -> None:
    import tablib

    data = tablib.Dataset(headers=["full_name", "birth_date", "citizenship"])
    data.append(["Омаров Фарход", "1988", "UZB"])
    assert import_people(data.export("xlsx"), office=alice.office, actor=alice) == 1
    assert Person.objects.named("Омаров Фарход").get().citizenship == "UZB"
