from django.apps import AppConfig


class PartnersConfig(AppConfig):
    name = "site_content.partners"
    label = "partners"

    def ready(self):
        from . import signal_handlers  # noqa: F401
