"""Administering accounts is for administrators only; others get 404."""

from django.http import Http404, HttpRequest

from accounts.models import ApiToken, Role, User


def require_admin(request: HttpRequest) -> User:
    user = request.user
    if not (user.is_authenticated and user.is_active and user.role == Role.ADMIN):  # type: ignore[union-attr]
        raise Http404
    return user  # type: ignore[return-value]


def get_user_for_admin(admin: User, pk: int | str) -> User:
    if admin.role != Role.ADMIN:
        raise Http404
    user = User.objects.filter(pk=pk).first()
    if user is None:
        raise Http404
    return user


def get_own_token(user: User, pk: int | str) -> ApiToken:
    token = ApiToken.objects.filter(pk=pk, user=user, revoked_at__isnull=True).first()
    if token is None:
        raise Http404
    return token
