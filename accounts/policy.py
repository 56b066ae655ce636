"""Who must use a second factor."""

from django.conf import settings
from django.http import HttpRequest
from django_otp import user_has_device

from accounts.models import ROLES_REQUIRING_2FA, User


def second_factor_required(user: User) -> bool:
    return user.role in ROLES_REQUIRING_2FA or settings.RIGHTSDESK_REQUIRE_2FA_FOR_ALL


def needs_verification(user: User) -> bool:
    """True while a signed-in user still owes their second factor."""
    if user.is_verified():  # type: ignore[attr-defined]
        return False
    return user_has_device(user, confirmed=True) or second_factor_required(user)


_OWED = "_rightsdesk_owes_second_factor"


def request_owes_second_factor(request: HttpRequest) -> bool:
    """needs_verification for the request's signed-in user, looked up once per request.

    The middleware asks before the view and the navigation asks again while the page renders: two
    look-ups of the user's devices on every page. A view that verifies the second factor (setting up
    an authenticator) may render its page in the same request, so a debt is checked again against
    the verification itself, which costs no query.
    """
    owed = getattr(request, _OWED, None)
    if owed is None:
        user = request.user
        owed = bool(user.is_authenticated and needs_verification(user))  # type: ignore[arg-type]
    elif owed and request.user.is_verified():  # type: ignore[union-attr]
        owed = False
    setattr(request, _OWED, owed)
    return owed
