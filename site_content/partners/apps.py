from django.apps import AppConfig


class PartnersConfig(AppConfig):
    name = "site_content.partners"
    label = "partners"
