import pytest

from monitoring.duplicates import same_name, similar_people
from monitoring.names import name_key
from people.models import Person


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Сейткали Нурлан", "Seitkali Nurlan"),
        ("Сейткали Нурлан", "Seytkaly Nurlan"),
        ("Seitkali Nurlan", "Nurlan Seytkali"),
        ("Жанболатов Ерлан", "Zhanbolatov Yerlan"),
        ("Қасымова Әсел", "Kasymova Asel"),
        ("Сейткали Нурлан Ержанович", "Nurlan Seitkali"),
    ],
)
def test_it_sees_one_name_across_scripts_and_spellings(a, b):
    assert same_name(a, b)


@pytest.mark.parametrize(
    ("a", "b"), [("Сейткали Нурлан", "Сейткали Айгуль"), ("Ivanov Petr", "Petrov Ivan Sergeevich")]
)
def test_it_keeps_different_people_apart(a, b):
    assert not same_name(a, b)


def test_keys_are_order_and_script_free():
    assert name_key("Нурлан Сейткали") == name_key("SEYTKALY  nurlan")


def test_it_finds_a_registered_person_by_another_spelling(mona, mon):
    mon.person(mona, "Seitkali Nurlan")
    mon.person(mona, "Ахметова Динара", other_names="Akhmetova Dinara")
    found = similar_people("Seytkaly Nurlan", Person.objects.all())
    assert [p.full_name for p in found] == ["Seitkali Nurlan"]
    assert similar_people("Ахметова Динара", Person.objects.all())[0].full_name == "Ахметова Динара"
