from django.urls import path

from casework import views

app_name = "casework"
urlpatterns = [
    path("", views.dashboard_view, name="dashboard"),
    path("consultations/", views.consultation_list, name="consultation_list"),
    path("consultations/new/", views.consultation_create, name="consultation_create"),
    path("consultations/<int:pk>/", views.consultation_detail, name="consultation_detail"),
    path("consultations/<int:pk>/edit/", views.consultation_edit, name="consultation_edit"),
    path("consultations/<int:pk>/open-case/", views.case_create, name="case_from_consultation"),
    path("cases/", views.case_list, name="case_list"),
    path("cases/new/", views.case_create, name="case_create"),
    path("cases/<int:pk>/", views.case_detail, name="case_detail"),
    path("cases/<int:pk>/edit/", views.case_edit, name="case_edit"),
    path("cases/<int:pk>/status/", views.case_status, name="case_status"),
    path("cases/<int:pk>/add/<slug:what>/", views.case_add, name="case_add"),
    path("deadlines/<int:pk>/done/", views.deadline_done, name="deadline_done"),
    path("documents/<int:pk>/", views.document_download, name="document_download"),
    path("search/", views.search_view, name="search"),
    path("emergency-access/", views.emergency_access, name="emergency_access"),
    path("export/<slug:what>.<slug:fmt>", views.export_view, name="export"),
    path("import/<slug:what>/", views.import_view, name="import"),
]
