from django.urls import path

from people import views

app_name = "people"
urlpatterns = [
    path("", views.person_list, name="person_list"),
    path("new/", views.person_create, name="person_create"),
    path("lookup/", views.person_lookup, name="person_lookup"),
    path("<int:pk>/", views.person_detail, name="person_detail"),
    path("<int:pk>/edit/", views.person_edit, name="person_edit"),
    path("duplicates/", views.duplicate_list, name="duplicates"),
    path("merge/<int:first>/<int:second>/", views.person_merge, name="person_merge"),
    path("merges/<int:pk>/undo/", views.merge_undo, name="merge_undo"),
]
