from django.urls import path

from accounts import views

app_name = "accounts"
urlpatterns = [
    path("login/", views.login_view, name="login"),
    path("verify/", views.verify_view, name="verify"),
    path("2fa/setup/", views.setup_2fa_view, name="setup_2fa"),
    path("logout/", views.logout_view, name="logout"),
    path("confirm/", views.reauth_view, name="reauth"),
    path("profile/", views.profile_view, name="profile"),
    path("tokens/<int:pk>/revoke/", views.revoke_token_view, name="revoke_token"),
    path("users/", views.user_list_view, name="user_list"),
    path("users/new/", views.user_create_view, name="user_create"),
    path("users/<int:pk>/", views.user_edit_view, name="user_edit"),
]
