from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "cms.meetings"
    label = "meetings"
    verbose_name = _("Комнаты встреч")

    def ready(self):
        # The object rules, the notification kinds, the calendar source, the personal data and
        # the video provider's settings check (a missing server address or secret).
        from . import calendars, kinds, privacy, rules  # noqa: F401
        from .video import checks  # noqa: F401
