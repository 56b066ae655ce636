"""Sharing, unsharing, reassigning and marking cases confidential at random:
who can see each case always follows the written rule (casework/access.py)."""

from typing import Any

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import Bundle, RuleBasedStateMachine, initialize, invariant, rule, run_state_machine_as_test

from accounts.models import CASEWORK_ROLES
from casework import actions
from casework.models import Case


def expected_visible(user: Any, case: Case, team: set[int], responsible: int, confidential: bool) -> bool:
    """The rule, written independently of the query that implements it."""
    if user.pk == responsible or user.pk in team:
        return True
    return user.role in CASEWORK_ROLES and user.office_id == case.office_id and not confidential


@pytest.mark.django_db
def test_visibility_follows_the_rules_whatever_happens(
    make: Any, alice: Any, bob: Any, dana: Any, carol: Any, victor: Any, charlie: Any, mona: Any, adam: Any
) -> None:
    everyone = [alice, bob, dana, carol, victor, charlie, mona, adam]
    lawyers = [alice, bob, dana, charlie, carol]
    client = make.person(alice, "Ахмедова Зарина")

    class Sharing(RuleBasedStateMachine):
        cases = Bundle("cases")

        @initialize()
        def start(self) -> None:
            self.state: dict[int, dict[str, Any]] = {}

        @rule(target=cases, who=st.sampled_from(lawyers), confidential=st.booleans())
        def open_case(self, who: Any, confidential: bool) -> int:
            case = make.case(who, clients=[client], confidential=confidential)
            self.state[case.pk] = {"team": set(), "responsible": who.pk, "confidential": confidential}
            return case.pk

        @rule(case_id=cases, member=st.sampled_from(everyone))
        def share(self, case_id: int, member: Any) -> None:
            case = Case.objects.get(pk=case_id)
            state = self.state[case_id]
            team = {*state["team"], member.pk} - {state["responsible"]}
            actions.update_case(case, team=[u for u in everyone if u.pk in team], actor=alice)
            state["team"] = team

        @rule(case_id=cases, member=st.sampled_from(everyone))
        def unshare(self, case_id: int, member: Any) -> None:
            case = Case.objects.get(pk=case_id)
            state = self.state[case_id]
            state["team"] = state["team"] - {member.pk}
            actions.update_case(case, team=[u for u in everyone if u.pk in state["team"]], actor=alice)

        @rule(case_id=cases, lawyer=st.sampled_from(lawyers))
        def reassign(self, case_id: int, lawyer: Any) -> None:
            case = Case.objects.get(pk=case_id)
            state = self.state[case_id]
            actions.update_case(case, responsible_lawyer=lawyer, actor=alice)
            state["responsible"] = lawyer.pk
            state["team"] = state["team"] - {lawyer.pk}
            actions.update_case(case, team=[u for u in everyone if u.pk in state["team"]], actor=alice)

        @rule(case_id=cases, confidential=st.booleans())
        def mark(self, case_id: int, confidential: bool) -> None:
            actions.update_case(Case.objects.get(pk=case_id), confidential=confidential, actor=alice)
            self.state[case_id]["confidential"] = confidential

        @invariant()
        def everyone_sees_exactly_what_the_rule_allows(self) -> None:
            if not getattr(self, "state", None):
                return
            cases = {c.pk: c for c in Case.objects.filter(pk__in=self.state)}
            for user in everyone:
                seen = set(Case.objects.visible_to(user).filter(pk__in=self.state).values_list("pk", flat=True))
                allowed = {
                    pk
                    for pk, s in self.state.items()
                    if expected_visible(user, cases[pk], s["team"], s["responsible"], s["confidential"])
                }
                assert seen == allowed, (user.username, seen, allowed)

    run_state_machine_as_test(
        Sharing,
        settings=settings(
            max_examples=25,
            stateful_step_count=12,
            deadline=None,
            derandomize=True,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
        ),
    )
