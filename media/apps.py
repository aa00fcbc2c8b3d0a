from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MediaConfig(AppConfig):
    name = "media"
    label = "media"
    verbose_name = _("Медиафайлы")

    def ready(self):
        from . import checks, signal_handlers  # noqa: F401
