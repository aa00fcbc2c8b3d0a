from django.apps import AppConfig


class LegalConfig(AppConfig):
    name = "site_content.legal"
    label = "legal"
