from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "cms.meetings"
    label = "meetings"
    verbose_name = _("Комнаты встреч")

    def ready(self):
        # The object rules, the notification kinds, the calendar source and the personal data.
        from . import calendars, kinds, privacy, rules  # noqa: F401
