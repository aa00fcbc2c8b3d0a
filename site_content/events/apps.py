from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "site_content.events"
    label = "events"

    def ready(self):
        from . import kinds, privacy, signal_handlers  # noqa: F401
