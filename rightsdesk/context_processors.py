from typing import Any

from django.http import HttpRequest

from accounts.policy import request_owes_second_factor


def navigation(request: HttpRequest) -> dict[str, Any]:
    """Staff navigation only once sign-in, second factor included, is complete."""
    user = getattr(request, "user", None)
    signed_in = bool(user is not None and user.is_authenticated and not request_owes_second_factor(request))
    return {"staff_nav": signed_in}
