from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReviewsConfig(AppConfig):
    name = "cms.reviews"
    label = "reviews"
    verbose_name = _("Экспертная оценка проектов")

    def ready(self):
        from . import kinds, privacy, rules  # noqa: F401
