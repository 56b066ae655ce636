from django.urls import path

from monitoring import views

app_name = "monitoring"
urlpatterns = [
    path("", views.event_list, name="event_list"),
    path("events/new/", views.event_create, name="event_create"),
    path("events/<int:pk>/", views.event_detail, name="event_detail"),
    path("events/<int:pk>/edit/", views.event_edit, name="event_edit"),
    path("events/<int:pk>/status/", views.event_status, name="event_status"),
    path("events/<int:pk>/add/<slug:what>/", views.event_add, name="event_add"),
    path("involvements/<int:pk>/consent/", views.involvement_consent, name="involvement_consent"),
    path("sources/<int:pk>/file/", views.source_download, name="source_download"),
    path("sources/<int:pk>/transfer/", views.source_transfer, name="source_transfer"),
    path("import/", views.import_view, name="import"),
    path("missions/", views.mission_list, name="mission_list"),
    path("missions/new/", views.mission_create, name="mission_create"),
    path("missions/<int:pk>/", views.mission_detail, name="mission_detail"),
]
