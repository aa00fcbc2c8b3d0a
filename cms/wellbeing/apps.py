from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WellbeingConfig(AppConfig):
    name = "cms.wellbeing"
    label = "wellbeing"
    verbose_name = _("Помощь психолога")

    def ready(self):
        # The notification kinds, the personal-data exporter and eraser, and the check that
        # production has a key to encrypt the requests with.
        from . import checks, kinds, privacy  # noqa: F401
