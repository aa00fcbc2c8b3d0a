from django.apps import AppConfig


class LibraryConfig(AppConfig):
    name = "site_content.library"
    label = "library"
