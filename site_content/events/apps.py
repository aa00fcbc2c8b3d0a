from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "site_content.events"
    label = "events"
