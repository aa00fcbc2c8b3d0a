from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    name = "cms.surveys"
    label = "surveys"
    verbose_name = _("Опросы")

    def ready(self):
        from cms.core.widgets import register_static_part

        from . import privacy, signal_handlers, tasks  # noqa: F401
        from .charts import survey_static_part

        register_static_part("survey", survey_static_part)
