"""The REST API: one NinjaAPI, each app's routes mounted from its own api.py.

Authentication is by bearer token (accounts.ApiToken). Django's session
cookies are not accepted here, so a browser page cannot be made to call the
API on a user's behalf. The interactive docs are off: they load scripts from
outside, and the schema at /api/openapi.json is what clients need.
"""

from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import NinjaAPI
from ninja.security import HttpBearer

from accounts.models import ApiToken, hash_token


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Any:
        found = ApiToken.objects.active().select_related("user").filter(key_hash=hash_token(token)).first()
        if found is None:
            return None
        now = timezone.now()
        if found.last_used_at is None or (now - found.last_used_at).total_seconds() > 300:
            ApiToken.objects.filter(pk=found.pk).update(last_used_at=now)
        request.user = found.user
        return found.user


api = NinjaAPI(
    title="rightsdesk API",
    version="1",
    description="People, consultations and cases within the token owner's access; public death-penalty data.",
    auth=TokenAuth(),
    docs_url=None,
    urls_namespace="api",
)


def _mount() -> None:
    # Imported here: each app's router imports its models, which need the app registry ready.
    from casework.api import router as casework_router
    from deathpenalty.api import router as deathpenalty_router
    from monitoring.api import router as monitoring_router
    from publishing.api import router as publishing_router

    api.add_router("/", casework_router)
    api.add_router("/monitoring/", monitoring_router)
    api.add_router("/public/", publishing_router)
    api.add_router("/deathpenalty/", deathpenalty_router)


_mount()
