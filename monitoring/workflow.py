"""The review workflow of a violation record: draft → verified → approved for publication.

Only an editor moves a record forward; any move back returns it to draft, so
a changed record is verified and approved again before it is published.
"""

from django.utils.translation import gettext as _

from monitoring.models import ReviewStatus

MOVES: dict[str, frozenset[str]] = {
    ReviewStatus.DRAFT: frozenset({ReviewStatus.VERIFIED}),
    ReviewStatus.VERIFIED: frozenset({ReviewStatus.APPROVED, ReviewStatus.DRAFT}),
    ReviewStatus.APPROVED: frozenset({ReviewStatus.DRAFT}),
}


class WorkflowError(ValueError):
    pass


def next_statuses(current: str) -> list[str]:
    return [s for s in ReviewStatus.values if s in MOVES.get(current, frozenset())]


def check_move(current: str, wanted: str) -> None:
    if wanted not in MOVES.get(current, frozenset()):
        raise WorkflowError(
            _("A record that is %(current)s cannot become %(wanted)s.")
            % {"current": ReviewStatus(current).label, "wanted": ReviewStatus(wanted).label}
            if wanted in ReviewStatus.values
            else _("Unknown review status.")
        )
