import time
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django_otp import user_has_device

from accounts.policy import request_owes_second_factor

_IDLE_KEY = "rightsdesk_last_seen"
# The last-seen time is written at most this often: a write per request would save the session
# (a database write) on every page. The idle timeout is therefore enforced to within this margin.
LAST_SEEN_RESOLUTION_SECONDS = 60


class SessionTimeoutMiddleware:
    """Sign out a session left idle longer than the idle timeout.

    The absolute limit is SESSION_COOKIE_AGE, enforced by Django itself.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            now = time.time()
            last_seen = request.session.get(_IDLE_KEY)
            idle_limit = settings.RIGHTSDESK_IDLE_TIMEOUT_MINUTES * 60
            if last_seen is not None and now - float(last_seen) > idle_limit:
                logout(request)
                messages.info(request, _("You were signed out after a period of inactivity."))
                return redirect(settings.LOGIN_URL)
            if last_seen is None or now - float(last_seen) > LAST_SEEN_RESOLUTION_SECONDS:
                request.session[_IDLE_KEY] = now
        return self.get_response(request)


_OPEN_PREFIXES = ("/static/", "/healthz", "/i18n/", "/accounts/logout/", "/api/")


class RequireVerifiedLoginMiddleware:
    """A signed-in user who owes a second factor reaches only the 2FA pages.

    The API authenticates by token and is not affected.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if request_owes_second_factor(request):
            verify = reverse("accounts:verify")
            setup = reverse("accounts:setup_2fa")
            path = request.path
            if path not in (verify, setup) and not path.startswith(_OPEN_PREFIXES):
                return redirect(verify if user_has_device(user, confirmed=True) else setup)
        return self.get_response(request)
