"""Who may see and change advocacy and education records: the only way to reach them.

- Advocacy is coordinated by the head office: its staff see every campaign and
  training; staff of a regional office see those their office leads, and
  anyone sees the campaigns whose team they are on and the trainings they gave.
- Recommendations are organisation-wide reference (mostly public UN text):
  every staff member who reads advocacy sees them.
- A strategic case is seen exactly by those who see its casework case.
- Lawyers, office managers and editors change what they see; viewers and
  monitors read; administrators administer and do not read advocacy.
- Anyone else gets 404, never 403, so a record's existence does not leak.
"""

from typing import TYPE_CHECKING

from django.db.models import Q
from django.http import Http404

from accounts.models import Role
from advocacy.models import AdvocacyAction, Campaign, Recommendation, StrategicCase, Training

if TYPE_CHECKING:
    from accounts.models import User
    from casework.models import Case

NOTHING = Q(pk__in=[])
READ_ROLES = frozenset({Role.OFFICE_MANAGER, Role.LAWYER, Role.VIEWER, Role.MONITOR, Role.EDITOR})
EDIT_ROLES = frozenset({Role.OFFICE_MANAGER, Role.LAWYER, Role.EDITOR})


def _active(user: "User") -> bool:
    return bool(user.is_authenticated and user.is_active)


def reads_advocacy(user: "User") -> bool:
    return _active(user) and user.role in READ_ROLES


def changes_advocacy(user: "User") -> bool:
    return _active(user) and user.role in EDIT_ROLES and user.office_id is not None


def _in_head_office(user: "User") -> bool:
    return user.office_id is not None and user.office is not None and user.office.is_head_office


def campaign_visibility(user: "User") -> Q:
    if not reads_advocacy(user):
        return NOTHING
    if _in_head_office(user):
        return Q(pk__isnull=False)
    mine = Campaign.objects.filter(Q(team=user) | Q(created_by=user)).values("pk")
    rule = Q(pk__in=mine)
    if user.office_id is not None:
        rule |= Q(office_id=user.office_id)
    return rule


def recommendation_visibility(user: "User") -> Q:
    return Q(pk__isnull=False) if reads_advocacy(user) else NOTHING


def training_visibility(user: "User") -> Q:
    if not reads_advocacy(user):
        return NOTHING
    if _in_head_office(user):
        return Q(pk__isnull=False)
    mine = Training.objects.filter(Q(trainers=user) | Q(created_by=user)).values("pk")
    rule = Q(pk__in=mine)
    if user.office_id is not None:
        rule |= Q(office_id=user.office_id)
    return rule


def get_campaign_for_user(user: "User", pk: int | str) -> Campaign:
    campaign = Campaign.objects.visible_to(user).filter(pk=pk).select_related("office").first()
    if campaign is None:
        raise Http404("No such campaign")
    return campaign


def get_action_for_user(user: "User", pk: int | str) -> AdvocacyAction:
    action = (
        AdvocacyAction.objects.visible_to(user).filter(pk=pk).select_related("campaign", "kind", "target_kind").first()
    )
    if action is None:
        raise Http404("No such action")
    return action


def get_recommendation_for_user(user: "User", pk: int | str) -> Recommendation:
    recommendation = Recommendation.objects.visible_to(user).filter(pk=pk).select_related("source").first()
    if recommendation is None:
        raise Http404("No such recommendation")
    return recommendation


def get_strategic_case_for_user(user: "User", pk: int | str) -> StrategicCase:
    strategic = StrategicCase.objects.visible_to(user).filter(pk=pk).select_related("case", "campaign").first()
    if strategic is None:
        raise Http404("No such strategic case")
    return strategic


def get_training_for_user(user: "User", pk: int | str) -> Training:
    training = Training.objects.visible_to(user).filter(pk=pk).select_related("office", "campaign").first()
    if training is None:
        raise Http404("No such training")
    return training


def can_start_campaigns(user: "User") -> bool:
    return changes_advocacy(user)


def can_edit_campaign(user: "User", campaign: Campaign) -> bool:
    """Whoever may change advocacy and sees the campaign (its office, its team, the head office) works on it."""
    return changes_advocacy(user) and Campaign.objects.visible_to(user).filter(pk=campaign.pk).exists()


def can_edit_recommendations(user: "User") -> bool:
    return changes_advocacy(user)


def can_mark_strategic(user: "User", case: "Case") -> bool:
    from casework.access import can_edit_case

    return changes_advocacy(user) and can_edit_case(user, case)


def can_record_trainings(user: "User") -> bool:
    return changes_advocacy(user)


def can_edit_training(user: "User", training: Training) -> bool:
    return changes_advocacy(user) and Training.objects.visible_to(user).filter(pk=training.pk).exists()


def can_read_impact(user: "User") -> bool:
    """The impact report counts within the reader's own access, so any staff member who reads advocacy may run it."""
    return reads_advocacy(user)
