"""Mounted under /api/ by cms/api/urls.py: the signed-in person and their family."""

from django.urls import path

from . import apis

urlpatterns = [
    path("me", apis.MeView.as_view(), name="me"),
    path("me/children", apis.MyChildrenView.as_view(), name="me-children"),
    path("me/export", apis.MyDataExportView.as_view(), name="me-export"),
    path("me/delete", apis.AccountDeleteView.as_view(), name="me-delete"),
]
