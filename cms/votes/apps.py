from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VotesConfig(AppConfig):
    name = "cms.votes"
    label = "votes"
    verbose_name = _("Голосования")
