"""Rendered public pages kept for anonymous visitors (the portal and the death-penalty monitor).

A page is stored under its full path, the language it was rendered in and a version number; the
publishing and death-penalty actions raise the version (`invalidate_public_pages`) in the same
breath as they change what the public sees, so the next request renders afresh. Only anonymous
visitors without a session get stored pages: a signed-in user, or a visitor with a session or a
pending message, always gets a page rendered for them, and nothing rendered for them is stored.

The stored copy holds placeholders for the per-visitor parts of a page — the CSP nonce of its
scripts and the CSRF token of the language form — which are filled in for each visitor.
"""

import functools
import hashlib
import re
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.middleware.csp import get_nonce
from django.middleware.csrf import get_token
from django.utils.translation import get_language

CACHE_ALIAS = "public_pages"
VERSION_KEY = "public-pages:version"
# Pages also depend on today's date (the death-penalty map of the current year); none is kept longer.
TIMEOUT_SECONDS = 600
_NONCE = "__rightsdesk_csp_nonce__"
_CSRF = "__rightsdesk_csrf_token__"
_CSRF_FIELD = re.compile(r'(name="csrfmiddlewaretoken" value=")([^"]+)(")')
_HEADERS_KEPT = ("Content-Type", "Content-Language", "Vary")


def _cache() -> Any:
    return caches[CACHE_ALIAS]


def _version() -> int:
    cache = _cache()
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, 1, timeout=None)
        version = cache.get(VERSION_KEY, 1)
    return int(version)


def invalidate_public_pages() -> None:
    """Forget every stored public page; called by the actions that change what the public sees.

    Inside a transaction the version is raised when it commits (and raised now as well, so a page
    rendered meanwhile from the old data is not kept under the new version).
    """

    def bump() -> None:
        cache = _cache()
        try:
            cache.incr(VERSION_KEY)
        except ValueError:
            cache.set(VERSION_KEY, 2, timeout=None)

    bump()
    transaction.on_commit(bump)


def _cacheable_visitor(request: HttpRequest) -> bool:
    user = getattr(request, "user", None)
    if request.method != "GET" or (user is not None and user.is_authenticated):
        return False
    # A session or a message cookie may carry something meant for this visitor only.
    return settings.SESSION_COOKIE_NAME not in request.COOKIES and "messages" not in request.COOKIES


def _key(request: HttpRequest, version: int) -> str:
    path = hashlib.sha256(request.get_full_path().encode()).hexdigest()
    return f"public-page:{version}:{get_language()}:{path}"


def _personalise(content: str, request: HttpRequest) -> bytes:
    nonce = get_nonce(request)
    if _NONCE in content and nonce is not None:
        content = content.replace(_NONCE, str(nonce))  # str() generates it; the CSP header then carries it
    if _CSRF in content:
        content = content.replace(_CSRF, get_token(request))
    return content.encode()


def cached_public_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Serve the view's page from the public page cache to anonymous visitors (see the module)."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not _cacheable_visitor(request):
            return view(request, *args, **kwargs)
        key = _key(request, _version())
        stored = _cache().get(key)
        if stored is not None:
            content, headers = stored
            response = HttpResponse(_personalise(content, request), status=200)
            for name, value in headers.items():
                response[name] = value
            response["X-Public-Cache"] = "hit"
            return response
        response = view(request, *args, **kwargs)
        if response.status_code == 200 and not response.streaming and not response.cookies:
            charset = response.charset or "utf-8"
            content = response.content.decode(charset)
            nonce = get_nonce(request)
            if nonce:  # generated while rendering: it appears in the page
                content = content.replace(str(nonce), _NONCE)
            content = _CSRF_FIELD.sub(lambda m: m.group(1) + _CSRF + m.group(3), content)
            headers = {name: response[name] for name in _HEADERS_KEPT if name in response}
            _cache().set(key, (content, headers), TIMEOUT_SECONDS)
            response["X-Public-Cache"] = "miss"
        return response

    return wrapper
