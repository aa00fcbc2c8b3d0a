from django.apps import AppConfig


class PagesConfig(AppConfig):
    name = "site_content.pages"
    label = "pages"
    verbose_name = "Pages"
