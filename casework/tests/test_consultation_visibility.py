"""The consultation rule's first test on a row's own columns changes no answer (casework/access.py)."""

from typing import Any

import pytest

from casework import actions
from casework.access import consultation_office_rule, consultation_own_rule, office_shared_by
from casework.models import Consultation


@pytest.mark.django_db
def test_every_user_sees_the_same_consultations_with_and_without_the_column_test(
    make: Any, alice: Any, bob: Any, dana: Any, carol: Any, victor: Any, charlie: Any, mona: Any, adam: Any
) -> None:
    ordinary = make.case(alice)
    confidential = make.case(alice, confidential=True)
    actions.update_case(confidential, team=[bob], actor=alice)
    karaganda = make.case(charlie)
    actions.update_case(karaganda, team=[dana], actor=charlie)

    def given(lawyer: Any, case: Any = None) -> int:
        consultation = make.consultation(lawyer)
        Consultation.objects.filter(pk=consultation.pk).update(case=case)
        return int(consultation.pk)

    made = {
        given(alice),
        given(bob),
        given(charlie),
        given(alice, ordinary),
        given(alice, confidential),
        given(charlie, karaganda),
        # Given in Karaganda, in an Almaty case: Almaty sees it through the case.
        given(charlie, ordinary),
        # Given in Almaty, in a Karaganda case: Almaty sees it by its office.
        given(dana, karaganda),
    }

    for user in (alice, bob, dana, carol, victor, charlie, mona, adam):
        office = office_shared_by(user)
        rule = consultation_own_rule(user)
        if office is not None:
            rule |= consultation_office_rule(office)
        expected = set(Consultation.objects.filter(rule).values_list("pk", flat=True))
        assert set(Consultation.objects.visible_to(user).values_list("pk", flat=True)) == expected, user.username

    # The shapes above are not all visible or all hidden to everyone: the comparison means something.
    assert set(Consultation.objects.visible_to(dana).values_list("pk", flat=True)) not in (set(), made)
    assert Consultation.objects.visible_to(charlie).count() == 4
