import base64

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import authenticate, login, logout, update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import PasswordChangeForm
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render, resolve_url
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_http_methods, require_POST
from django_otp import login as otp_login
from django_otp import user_has_device
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import actions
from accounts.access import get_own_token, get_user_for_admin, require_admin
from accounts.forms import ApiTokenForm, LoginForm, ReauthForm, TokenForm, UserChangeForm, UserCreateForm
from accounts.lockout import is_locked_out, note_attempt
from accounts.models import User
from accounts.policy import second_factor_required
from accounts.reauth import note_authenticated, require_recent_auth_for_changes
from audit.log import record

_NEXT_KEY = "rightsdesk_next"


def _safe_next(request: HttpRequest, candidate: str | None) -> str:
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return resolve_url(settings.LOGIN_REDIRECT_URL)


_WAIT_MESSAGE = _lazy("After a wrong code, wait a few seconds before trying again.")


def _waiting(device: TOTPDevice | None) -> bool:
    """django-otp slows guessing down after a wrong code; say so instead of calling a right code wrong."""
    return device is not None and not device.verify_is_allowed()[0]


def _is_authenticator_code(token: str) -> bool:
    return token.isdigit() and len(token) == 6


def _matching_device(user: User, token: str, authenticator: TOTPDevice | None) -> Device | None:
    """A six-digit code goes to the authenticator, anything else to the recovery codes.

    Trying a recovery code against the authenticator would count as a wrong
    code there and slow the next real one down.
    """
    if _is_authenticator_code(token):
        return authenticator if authenticator is not None and authenticator.verify_token(token) else None
    recovery = StaticDevice.objects.filter(user=user, confirmed=True).first()
    return recovery if recovery is not None and recovery.verify_token(token) else None


def _finish_login(request: HttpRequest) -> HttpResponse:
    note_authenticated(request)
    return redirect(_safe_next(request, request.session.pop(_NEXT_KEY, None)))


@require_http_methods(["GET", "POST"])
def login_view(request: HttpRequest) -> HttpResponse:
    form = LoginForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        username = form.cleaned_data["username"]
        known = User.objects.filter(username=username).values_list("pk", flat=True).first()
        if is_locked_out(username):
            with transaction.atomic():
                record("login.locked_out", actor=None, object_type="accounts.user", object_id=known or "")
            form.add_error(
                None,
                _("Too many failed attempts. Wait %(minutes)d minutes and try again.")
                % {"minutes": settings.RIGHTSDESK_LOCKOUT_MINUTES},
            )
        else:
            user = authenticate(request, username=username, password=form.cleaned_data["password"])
            with transaction.atomic():
                note_attempt(username, succeeded=user is not None)
                if user is None:
                    record("login.failed", actor=None, object_type="accounts.user", object_id=known or "")
                else:
                    record("login.password_ok", actor=user, target=user)
            if user is None:
                form.add_error(None, _("Wrong username or password."))
            else:
                next_url = request.GET.get("next")
                login(request, user)
                request.session[_NEXT_KEY] = next_url
                if user_has_device(user, confirmed=True):
                    return redirect("accounts:verify")
                if second_factor_required(user):  # type: ignore[arg-type]
                    return redirect("accounts:setup_2fa")
                return _finish_login(request)
    return render(request, "accounts/login.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def verify_view(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    if not user_has_device(user, confirmed=True):
        return redirect("accounts:setup_2fa")
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if is_locked_out(user.username):
            logout(request)
            messages.error(request, _("Too many failed attempts. Try again later."))
            return redirect("accounts:login")
        token = form.cleaned_data["token"]
        authenticator = TOTPDevice.objects.filter(user=user, confirmed=True).first()
        if _is_authenticator_code(token) and _waiting(authenticator):
            form.add_error("token", _WAIT_MESSAGE)
            return render(request, "accounts/verify.html", {"form": form})
        device = _matching_device(user, token, authenticator)
        with transaction.atomic():
            note_attempt(user.username, succeeded=device is not None)
            record("login.verified" if device else "login.code_failed", actor=user, target=user)
        if device is not None:
            otp_login(request, device)
            return _finish_login(request)
        form.add_error("token", _("That code is not valid. Check the time on your phone and try again."))
    return render(request, "accounts/verify.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def setup_2fa_view(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    if user_has_device(user, confirmed=True) and not user.is_verified():  # type: ignore[attr-defined]
        # Replacing an authenticator needs the current one first.
        return redirect("accounts:verify")
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = actions.start_totp_enrolment(user)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and _waiting(device):
        form.add_error("token", _WAIT_MESSAGE)
    elif request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"]):
            codes = actions.confirm_totp(device, actor=user)
            otp_login(request, device)
            note_authenticated(request)
            return render(
                request,
                "accounts/recovery_codes.html",
                {"codes": codes, "next": _safe_next(request, request.session.pop(_NEXT_KEY, None))},
            )
        form.add_error("token", _("That code is not valid. Check the time on your phone and try again."))
    qr = segno.make(device.config_url, error="m")
    return render(
        request,
        "accounts/setup_2fa.html",
        {
            "form": form,
            # The SVG is generated here from the device's own URL, not from user input.
            "qr_svg": mark_safe(qr.svg_inline(scale=4, omitsize=False)),  # nosec B308 B703  # nosemgrep: no-mark-safe-on-data - SVG generated here from the device URL
            "secret": _base32(device.bin_key),
            "required": second_factor_required(user),
        },
    )


def _base32(key: bytes) -> str:
    text = base64.b32encode(key).decode().rstrip("=")
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        with transaction.atomic():
            record("logout", actor=request.user, target=request.user)  # type: ignore[arg-type]
    logout(request)
    return redirect("accounts:login")


@login_required
@require_recent_auth_for_changes
@require_http_methods(["GET", "POST"])
def profile_view(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    password_form = PasswordChangeForm(user, request.POST if "change_password" in request.POST else None)
    token_form = ApiTokenForm(request.POST if "create_token" in request.POST else None)
    new_key = None
    if request.method == "POST":
        if "change_password" in request.POST and password_form.is_valid():
            with transaction.atomic():
                password_form.save()
                record("user.password_change", actor=user, target=user)
            update_session_auth_hash(request, password_form.user)
            messages.success(request, _("Your password was changed."))
            return redirect("accounts:profile")
        if "create_token" in request.POST and token_form.is_valid():
            _token, new_key = actions.create_api_token(user, name=token_form.cleaned_data["name"], actor=user)
            token_form = ApiTokenForm()
        if "new_recovery_codes" in request.POST and user.is_verified():  # type: ignore[attr-defined]
            codes = actions.issue_recovery_codes(user, actor=user)
            return render(request, "accounts/recovery_codes.html", {"codes": codes, "next": "/accounts/profile/"})
    return render(
        request,
        "accounts/profile.html",
        {
            "password_form": password_form,
            "token_form": token_form,
            "tokens": user.api_tokens.active(),
            "new_key": new_key,
            "has_2fa": user_has_device(user, confirmed=True),
        },
    )


@login_required
@require_recent_auth_for_changes
@require_POST
def revoke_token_view(request: HttpRequest, pk: int) -> HttpResponse:
    token = get_own_token(request.user, pk)  # type: ignore[arg-type]
    actions.revoke_api_token(token, actor=request.user)  # type: ignore[arg-type]
    messages.success(request, _("The token was revoked."))
    return redirect("accounts:profile")


@login_required
def user_list_view(request: HttpRequest) -> HttpResponse:
    require_admin(request)
    users = User.objects.select_related("office").order_by("office__name_en", "username")
    return render(request, "accounts/user_list.html", {"users": users})


@login_required
@require_recent_auth_for_changes
@require_http_methods(["GET", "POST"])
def user_create_view(request: HttpRequest) -> HttpResponse:
    admin = require_admin(request)
    form = UserCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        user, password = actions.create_user(
            username=data["username"],
            role=data["role"],
            office=data["office"],
            first_name=data["first_name"],
            last_name=data["last_name"],
            email=data["email"],
            actor=admin,
        )
        return render(request, "accounts/user_created.html", {"new_user": user, "password": password})
    return render(request, "accounts/user_form.html", {"form": form})


@login_required
@require_recent_auth_for_changes
@require_http_methods(["GET", "POST"])
def user_edit_view(request: HttpRequest, pk: int) -> HttpResponse:
    admin = require_admin(request)
    target = get_user_for_admin(admin, pk)
    form = UserChangeForm(request.POST or None, initial={"role": target.role, "office": target.office})
    if request.method == "POST":
        if "disable" in request.POST or "enable" in request.POST:
            if target.pk == admin.pk:
                messages.error(request, _("You cannot disable your own account."))
            else:
                actions.set_active(target, active="enable" in request.POST, actor=admin)
                messages.success(request, _("Account updated."))
            return redirect("accounts:user_edit", pk=target.pk)
        if "reset_2fa" in request.POST:
            actions.reset_second_factor(target, actor=admin)
            messages.success(request, _("Two-factor login was reset; the user sets it up at next sign-in."))
            return redirect("accounts:user_edit", pk=target.pk)
        if form.is_valid():
            actions.change_role(target, role=form.cleaned_data["role"], office=form.cleaned_data["office"], actor=admin)
            messages.success(request, _("Account updated."))
            return redirect("accounts:user_list")
    return render(request, "accounts/user_edit.html", {"form": form, "target": target})


@login_required
@require_http_methods(["GET", "POST"])
def reauth_view(request: HttpRequest) -> HttpResponse:
    """Confirm it is still you: the password, and the second factor if the account has one."""
    user: User = request.user  # type: ignore[assignment]
    authenticator = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    form = ReauthForm(request.POST or None, needs_code=authenticator is not None)
    next_url = _safe_next(request, request.GET.get("next"))
    if request.method == "POST" and form.is_valid():
        password_ok = user.check_password(form.cleaned_data["password"])
        # The code is checked only after the password, so a wrong password does not use it up.
        code_ok = password_ok and (
            authenticator is None
            or (not _waiting(authenticator) and authenticator.verify_token(form.cleaned_data.get("token", "")))
        )
        with transaction.atomic():
            note_attempt(user.username, succeeded=password_ok and code_ok)
            record("login.reauth" if password_ok and code_ok else "login.reauth_failed", actor=user, target=user)
        if password_ok and code_ok:
            note_authenticated(request)
            return redirect(next_url)
        if is_locked_out(user.username):
            logout(request)
            messages.error(request, _("Too many failed attempts. Try again later."))
            return redirect("accounts:login")
        form.add_error(None, _("That did not match. Try again."))
    return render(request, "accounts/reauth.html", {"form": form})
