from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistrationsConfig(AppConfig):
    name = "cms.registrations"
    label = "registrations"
    verbose_name = _("Регистрации на события")

    def ready(self):
        # The notification kinds, and the listener that sends the emails of every change.
        from . import kinds, tasks  # noqa: F401
