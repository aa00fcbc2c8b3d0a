from django.apps import AppConfig


class DisseminationConfig(AppConfig):
    name = "site_content.dissemination"
    label = "dissemination"
