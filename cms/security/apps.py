from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SecurityConfig(AppConfig):
    name = "cms.security"
    label = "security"
    verbose_name = _("Безопасность")

    def ready(self):
        from . import signal_handlers  # noqa: F401
