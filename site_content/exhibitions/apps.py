from django.apps import AppConfig


class ExhibitionsConfig(AppConfig):
    name = "site_content.exhibitions"
    label = "exhibitions"
