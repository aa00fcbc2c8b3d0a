from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AudiencesConfig(AppConfig):
    name = "cms.audiences"
    label = "audiences"
    verbose_name = _("Участники обсуждений, опросов и голосований")
