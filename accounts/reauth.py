"""Recent authentication before exports, sharing and security changes.

A stolen, still-open session must not be enough to export the client list,
add someone to a confidential case's team, or change a password or second
factor: those ask for the password (and the second factor, if the account
has one) again unless it was given within the last few minutes.
"""

import time
from collections.abc import Callable
from functools import wraps
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest
from django.http.response import HttpResponseBase
from django.shortcuts import redirect
from django.urls import reverse

SESSION_KEY = "rightsdesk_reauth_at"


def note_authenticated(request: HttpRequest) -> None:
    request.session[SESSION_KEY] = time.time()


def recently_authenticated(request: HttpRequest) -> bool:
    given = request.session.get(SESSION_KEY)
    window = settings.RIGHTSDESK_REAUTH_MINUTES * 60
    return given is not None and time.time() - float(given) < window


def require_recent_auth(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if request.user.is_authenticated and not recently_authenticated(request):
            return redirect(f"{reverse('accounts:reauth')}?{urlencode({'next': request.get_full_path()})}")
        return view(request, *args, **kwargs)

    return wrapper


def require_recent_auth_for_changes(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
    """Reading the page is free; saving it needs a recent sign-in."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if request.method == "POST" and request.user.is_authenticated and not recently_authenticated(request):
            return redirect(f"{reverse('accounts:reauth')}?{urlencode({'next': request.get_full_path()})}")
        return view(request, *args, **kwargs)

    return wrapper
