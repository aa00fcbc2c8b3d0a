"""Account pages, mounted under the language prefix: /<lang>/accounts/…"""

from django.urls import path

from . import views

app_name = "users"

urlpatterns = [
    path(
        "accounts/invitation/<str:token>/",
        views.invitation_accept_view,
        name="invitation_accept",
    ),
    path("accounts/welcome/", views.welcome_view, name="welcome"),
]
