from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """200 when the app answers and its database runs a query; 503 otherwise."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # any database failure means unhealthy
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok", "database": connection.vendor})


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    """A signed-in user gets the dashboard; an anonymous visitor the public portal, sign-in one link away."""
    if request.user.is_authenticated:
        return redirect("casework:dashboard")
    from publishing.views import portal

    return portal(request)
