from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "cms.notifications"
    label = "notifications"
    verbose_name = _("Уведомления")

    def ready(self):
        from . import privacy  # noqa: F401
