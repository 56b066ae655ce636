"""Who must use a second factor."""

from django.conf import settings
from django_otp import user_has_device

from accounts.models import ROLES_REQUIRING_2FA, User


def second_factor_required(user: User) -> bool:
    return user.role in ROLES_REQUIRING_2FA or settings.RIGHTSDESK_REQUIRE_2FA_FOR_ALL


def needs_verification(user: User) -> bool:
    """True while a signed-in user still owes their second factor."""
    if user.is_verified():  # type: ignore[attr-defined]
        return False
    return user_has_device(user, confirmed=True) or second_factor_required(user)
