"""Mounted under /api/ by cms/api/urls.py: `path("", include("search.urls"))`."""

from django.urls import path

from . import views

app_name = "search"
urlpatterns = [
    path("search", views.SearchView.as_view(), name="search"),
    path("search/autocomplete", views.AutocompleteView.as_view(), name="autocomplete"),
]
