"""Wagtail's document routes, under their own names (the admin links to them), for staff only."""

from django.urls import path, re_path

from . import views

urlpatterns = [
    re_path(r"^(\d+)/(.*)$", views.serve_document, name="wagtaildocs_serve"),
    path(
        "authenticate_with_password/<int:restriction_id>/",
        views.authenticate_with_password,
        name="wagtaildocs_authenticate_with_password",
    ),
]
