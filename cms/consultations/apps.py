from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsultationsConfig(AppConfig):
    name = "cms.consultations"
    label = "consultations"
    verbose_name = _("Консультации")

    def ready(self):
        # The permissions, the notification kinds and the personal-data exporter and eraser.
        from . import kinds, privacy, rules  # noqa: F401
