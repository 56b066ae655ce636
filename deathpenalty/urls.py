from django.urls import path

from deathpenalty import views

app_name = "deathpenalty"
urlpatterns = [
    path("", views.world, name="world"),
    path("figures/", views.figures, name="figures"),
    path("year/<int:year>/", views.year, name="year"),
    path("sources/", views.sources, name="sources"),
    path("country/<str:iso3>/", views.country, name="country"),
    path("country/<str:iso3>/timeline.csv", views.timeline_download, name="timeline_csv"),
    path("country/<str:iso3>/events/new/", views.event_new, name="event_new"),
    path("country/<str:iso3>/events/<int:pk>/edit/", views.event_edit, name="event_edit"),
    path("country/<str:iso3>/assessments/new/", views.assessment_new, name="assessment_new"),
    path("country/<str:iso3>/figures/new/", views.figure_new, name="figure_new"),
    path("data/statuses.<str:fmt>", views.statuses_download, name="statuses_download"),
    path("data/facts.<str:fmt>", views.facts_download, name="facts_download"),
]
