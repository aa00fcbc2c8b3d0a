from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoursesConfig(AppConfig):
    name = "cms.courses"
    label = "courses"
    verbose_name = _("Курсы для учителей")

    def ready(self):
        # The permissions, the notification kinds, and the personal-data exporter and eraser.
        from . import kinds, privacy, rules  # noqa: F401
