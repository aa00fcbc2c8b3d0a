from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CalendarsConfig(AppConfig):
    name = "cms.calendars"
    label = "calendars"
    verbose_name = _("Календари")

    def ready(self):
        from . import privacy  # noqa: F401
