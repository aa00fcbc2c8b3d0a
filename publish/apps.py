from django.apps import AppConfig


class PublishConfig(AppConfig):
    name = "publish"
    label = "publish"
    verbose_name = "Publishing"

    def ready(self):
        from . import signal_handlers  # noqa: F401
