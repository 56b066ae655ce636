"""The case status workflow: which moves are allowed and what each needs."""

from django.utils.translation import gettext as _

from casework.models import CaseStatus

ALLOWED_MOVES: dict[str, frozenset[str]] = {
    CaseStatus.INTAKE: frozenset({CaseStatus.OPEN, CaseStatus.CLOSED}),
    CaseStatus.OPEN: frozenset({CaseStatus.IN_COURT, CaseStatus.AWAITING_DECISION, CaseStatus.CLOSED}),
    CaseStatus.IN_COURT: frozenset({CaseStatus.AWAITING_DECISION, CaseStatus.OPEN, CaseStatus.CLOSED}),
    # An appeal takes a case from waiting back into court.
    CaseStatus.AWAITING_DECISION: frozenset({CaseStatus.IN_COURT, CaseStatus.OPEN, CaseStatus.CLOSED}),
    # A closed case is reopened when new facts or a new decision arrive.
    CaseStatus.CLOSED: frozenset({CaseStatus.OPEN}),
}


class WorkflowError(ValueError):
    pass


def next_statuses(current: str) -> list[str]:
    return [s for s in CaseStatus.values if s in ALLOWED_MOVES[current]]


def check_move(current: str, target: str, *, outcome_given: bool) -> None:
    """Raise WorkflowError with a message a lawyer understands if the move is not allowed."""
    if target not in CaseStatus.values:
        raise WorkflowError(_("Unknown status."))
    if target not in ALLOWED_MOVES[current]:
        raise WorkflowError(
            _("A case cannot go from “%(current)s” to “%(target)s”.")
            % {"current": CaseStatus(current).label, "target": CaseStatus(target).label}
        )
    if target == CaseStatus.CLOSED and not outcome_given:
        raise WorkflowError(_("Give the outcome when closing a case."))
