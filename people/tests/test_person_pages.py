from django.urls import reverse

from accounts.testing import as_user
from people.models import Person


def test_registering_a_person_with_a_partial_birth_date(alice: object, make: object) -> None:
    response = as_user(alice).post(
        reverse("people:person_create"),
        {
            "full_name": "Рахими Марьям",
            "gender": "female",
            "birth": "2001-02",
            "citizenship": "",
            "is_stateless": "on",
            "groups": [make.term("vulnerable_group", "refugee").pk],
        },
    )
    person = Person.objects.named("Рахими Марьям").get()
    assert response["Location"] == reverse("people:person_detail", args=[person.pk])
    assert person.birth.iso() == "2001-02"
    assert person.is_stateless


def test_a_stateless_person_with_a_citizenship_is_refused_with_a_message(alice: object) -> None:
    response = as_user(alice).post(
        reverse("people:person_create"),
        {
            "full_name": "X",
            "gender": "unknown",
            "birth": "1990-13",
            "citizenship": "KAZ",
            "is_stateless": "on",
        },
    )
    body = response.content.decode()
    assert "not a real date" in body
    assert "A stateless person has no citizenship" in body
    assert not Person.objects.exists()
