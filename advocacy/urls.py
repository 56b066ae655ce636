from django.urls import path

from advocacy import views

app_name = "advocacy"
urlpatterns = [
    path("", views.campaign_list, name="campaign_list"),
    path("campaigns/new/", views.campaign_create, name="campaign_create"),
    path("campaigns/<int:pk>/", views.campaign_detail, name="campaign_detail"),
    path("campaigns/<int:pk>/edit/", views.campaign_edit, name="campaign_edit"),
    path("campaigns/<int:pk>/actions/new/", views.action_create, name="action_create"),
    path("actions/<int:pk>/", views.action_detail, name="action_detail"),
    path("actions/<int:pk>/edit/", views.action_edit, name="action_edit"),
    path("actions/<int:pk>/documents/", views.action_document_add, name="action_document_add"),
    path("documents/<int:pk>/", views.action_document_download, name="action_document_download"),
    path("recommendations/", views.recommendation_list, name="recommendation_list"),
    path("recommendations/new/", views.recommendation_create, name="recommendation_create"),
    path("recommendations/<int:pk>/", views.recommendation_detail, name="recommendation_detail"),
    path("recommendations/<int:pk>/status/", views.recommendation_status, name="recommendation_status"),
    path("strategic/", views.strategic_lookup, name="strategic_lookup"),
    path("strategic/<int:case_pk>/", views.strategic_case, name="strategic_case"),
    path("trainings/", views.training_list, name="training_list"),
    path("trainings/new/", views.training_create, name="training_create"),
    path("trainings/<int:pk>/", views.training_detail, name="training_detail"),
    path("trainings/<int:pk>/edit/", views.training_edit, name="training_edit"),
    path("trainings/<int:pk>/participants/", views.participant_add, name="participant_add"),
    path("trainings/<int:pk>/participants/remove/", views.participant_remove, name="participant_remove"),
    path("impact/", views.impact_report, name="impact"),
    path("impact/report.pdf", views.impact_pdf, name="impact_pdf"),
    path("impact/report.csv", views.impact_csv, name="impact_csv"),
    path("impact/rows/", views.impact_rows, name="impact_rows"),
]
