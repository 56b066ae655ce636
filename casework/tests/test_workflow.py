import pytest

from casework.models import CaseStatus
from casework.workflow import WorkflowError, check_move, next_statuses


def test_it_moves_a_case_from_intake_to_court_and_back_to_waiting() -> None:
    check_move(CaseStatus.INTAKE, CaseStatus.OPEN, outcome_given=False)
    check_move(CaseStatus.OPEN, CaseStatus.IN_COURT, outcome_given=False)
    check_move(CaseStatus.IN_COURT, CaseStatus.AWAITING_DECISION, outcome_given=False)
    check_move(CaseStatus.AWAITING_DECISION, CaseStatus.IN_COURT, outcome_given=False)  # an appeal


def test_it_requires_an_outcome_to_close() -> None:
    with pytest.raises(WorkflowError, match="outcome"):
        check_move(CaseStatus.OPEN, CaseStatus.CLOSED, outcome_given=False)
    check_move(CaseStatus.OPEN, CaseStatus.CLOSED, outcome_given=True)


def test_it_refuses_a_jump_from_intake_into_court() -> None:
    with pytest.raises(WorkflowError, match="cannot go"):
        check_move(CaseStatus.INTAKE, CaseStatus.IN_COURT, outcome_given=False)


def test_a_closed_case_can_only_be_reopened() -> None:
    assert next_statuses(CaseStatus.CLOSED) == [CaseStatus.OPEN]
