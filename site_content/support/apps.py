from django.apps import AppConfig


class SupportConfig(AppConfig):
    name = "site_content.support"
    label = "support"
