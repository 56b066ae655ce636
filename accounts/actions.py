"""Every change to accounts, each in one transaction with its audit entry."""

import secrets

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import ApiToken, Office, User, hash_token
from audit.log import record

RECOVERY_CODE_COUNT = 10


def generate_password() -> str:
    return secrets.token_urlsafe(12)


@transaction.atomic
def create_user(
    *,
    username: str,
    role: str,
    office: Office | None,
    first_name: str = "",
    last_name: str = "",
    email: str = "",
    password: str | None = None,
    actor: User | None,
) -> tuple[User, str]:
    """Create a staff account; returns it with its one-time password."""
    one_time = password or generate_password()
    user = get_user_model().objects.create_user(
        username=username,
        password=one_time,
        role=role,
        office=office,
        first_name=first_name,
        last_name=last_name,
        email=email,
        is_staff=False,
    )
    record("user.create", actor=actor, target=user, role=role, office=office.pk if office else None)
    return user, one_time


@transaction.atomic
def change_role(user: User, *, role: str, office: Office | None, actor: User) -> None:
    user.role = role
    user.office = office
    user.save(update_fields=["role", "office"])
    record("user.change_role", actor=actor, target=user, role=role, office=office.pk if office else None)


@transaction.atomic
def set_active(user: User, *, active: bool, actor: User) -> None:
    """Disabling an account ends its sessions: Django refuses inactive users on every request."""
    user.is_active = active
    user.save(update_fields=["is_active"])
    if not active:
        ApiToken.objects.filter(user=user, revoked_at__isnull=True).update(revoked_at=timezone.now())
    record("user.enable" if active else "user.disable", actor=actor, target=user)


@transaction.atomic
def start_totp_enrolment(user: User) -> TOTPDevice:
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    return TOTPDevice.objects.create(user=user, name="authenticator", confirmed=False)


@transaction.atomic
def confirm_totp(device: TOTPDevice, *, actor: User) -> list[str]:
    """Confirm the authenticator and issue single-use recovery codes (shown once)."""
    TOTPDevice.objects.filter(user=device.user, confirmed=True).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    record("user.2fa_enrol", actor=actor, target=device.user)
    return issue_recovery_codes(device.user, actor=actor)


@transaction.atomic
def issue_recovery_codes(user: User, *, actor: User) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    static = StaticDevice.objects.create(user=user, name="recovery codes", confirmed=True)
    codes = [secrets.token_hex(5) for _ in range(RECOVERY_CODE_COUNT)]
    for code in codes:
        StaticToken.objects.create(device=static, token=code)
    record("user.recovery_codes", actor=actor, target=user, count=len(codes))
    return codes


@transaction.atomic
def reset_second_factor(user: User, *, actor: User) -> None:
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    record("user.2fa_reset", actor=actor, target=user)


@transaction.atomic
def create_api_token(user: User, *, name: str, actor: User) -> tuple[ApiToken, str]:
    raw = ApiToken.new_key()
    token = ApiToken.objects.create(user=user, name=name, key_hash=hash_token(raw), prefix=raw[3:9])
    record("api_token.create", actor=actor, target=token)
    return token, raw


@transaction.atomic
def revoke_api_token(token: ApiToken, *, actor: User) -> None:
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    record("api_token.revoke", actor=actor, target=token)
