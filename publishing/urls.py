from django.urls import path

from publishing import views

app_name = "publishing"
urlpatterns = [
    path("", views.portal, name="portal"),
    path("records/", views.record_list, name="record_list"),
    path("records/<str:public_id>/", views.record_detail, name="record"),
    path("records/<str:public_id>/files/<str:name>", views.record_file, name="record_file"),
    path("reports/", views.report_list, name="report_list"),
    path("reports/<str:slug>/", views.report_detail, name="report"),
    path("reports/<str:slug>.pdf", views.report_pdf, name="report_pdf"),
    path("data/", views.open_data, name="open_data"),
    path("data/violations.csv", views.records_csv, name="records_csv"),
    path("data/violations.json", views.records_json, name="records_json"),
    path("publish/<int:pk>/", views.publish, name="publish"),
    path("withdraw/<str:public_id>/", views.withdraw, name="withdraw"),
    path("staff/reports/", views.staff_reports, name="staff_reports"),
    path("staff/reports/<str:slug>/", views.staff_report, name="staff_report"),
    path("staff/reports/<str:slug>.pdf", views.staff_report_pdf, name="staff_report_pdf"),
]
