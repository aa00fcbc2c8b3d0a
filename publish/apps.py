from django.apps import AppConfig


class PublishConfig(AppConfig):
    name = "publish"
    label = "publish"
    verbose_name = "Publishing"

    def ready(self):
        from . import prefetch, signal_handlers  # noqa: F401

        prefetch.install()
