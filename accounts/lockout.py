"""Lockout after repeated failed logins: a rule over recorded attempts."""

from datetime import datetime, timedelta

from django.conf import settings
from django.utils import timezone

from accounts.models import LoginAttempt


def failures_since_last_success(username: str, now: datetime) -> int:
    window_start = now - timedelta(minutes=settings.RIGHTSDESK_LOCKOUT_MINUTES)
    recent = LoginAttempt.objects.filter(username=username.lower(), at__gte=window_start)
    last_success = recent.filter(succeeded=True).order_by("-at").values_list("at", flat=True).first()
    failures = recent.filter(succeeded=False)
    if last_success is not None:
        failures = failures.filter(at__gt=last_success)
    return failures.count()


def is_locked_out(username: str, now: datetime | None = None) -> bool:
    """Locked when the limit of failures was reached within the lockout window."""
    moment = now or timezone.now()
    return failures_since_last_success(username, moment) >= settings.RIGHTSDESK_LOGIN_FAILURE_LIMIT


def note_attempt(username: str, *, succeeded: bool) -> None:
    LoginAttempt.objects.create(username=username.lower(), succeeded=succeeded)
