from django.urls import include, path
from django.views.i18n import set_language

from rightsdesk import health
from rightsdesk.api import api

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("i18n/setlang/", set_language, name="set_language"),
    path("api/", api.urls),
    path("accounts/", include("accounts.urls")),
    path("people/", include("people.urls")),
    path("casework/", include("casework.urls")),
    path("deathpenalty/", include("deathpenalty.urls")),
    path("monitoring/", include("monitoring.urls")),
    path("portal/", include("publishing.urls")),
    path("advocacy/", include("advocacy.urls")),
    path("", health.home, name="home"),
]
