from typing import Any

from django.http import HttpRequest

from accounts.policy import needs_verification


def navigation(request: HttpRequest) -> dict[str, Any]:
    """Staff navigation only once sign-in, second factor included, is complete."""
    user = getattr(request, "user", None)
    signed_in = bool(user is not None and user.is_authenticated and not needs_verification(user))  # type: ignore[arg-type]
    return {"staff_nav": signed_in}
