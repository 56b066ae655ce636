"""Helpers for tests: signing in a user as the login flow would, second factor included."""

import time
from typing import Any

from django.contrib.auth import SESSION_KEY
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import User
from accounts.reauth import SESSION_KEY as REAUTH_SESSION_KEY

OTP_SESSION_KEY = "otp_device_id"


def totp_code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):0{device.digits}d}"


def enrol_totp(user: User) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True)


def verified_login(client: Client, user: User) -> None:
    """Sign `user` in with a confirmed second factor, as after a full login."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first() or enrol_totp(user)
    client.force_login(user)
    session = client.session
    session[OTP_SESSION_KEY] = device.persistent_id
    session[REAUTH_SESSION_KEY] = time.time()
    session.save()
    assert session[SESSION_KEY] == str(user.pk)


def as_user(user: User) -> Any:
    client = Client()
    verified_login(client, user)
    return client
