"""The no-JavaScript registration pages, under the language prefix: /<lang>/events/<id>/…"""

from django.urls import path

from . import views

app_name = "registrations"

urlpatterns = [
    path("events/<int:event_id>/register/", views.register_view, name="register"),
    path("events/<int:event_id>/confirm/<str:token>/", views.confirm_view, name="confirm"),
]
