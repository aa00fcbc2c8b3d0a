from django.apps import AppConfig


class LegalConfig(AppConfig):
    name = "site_content.legal"
    label = "legal"

    def ready(self):
        from . import signal_handlers  # noqa: F401
