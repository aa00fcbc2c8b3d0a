from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistrationsConfig(AppConfig):
    name = "cms.registrations"
    label = "registrations"
    verbose_name = _("Регистрации на события")

    def ready(self):
        from . import privacy, signal_handlers  # noqa: F401
        from . import teams  # noqa: F401  (leaves a team when a registration is cancelled)
