from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VotesConfig(AppConfig):
    name = "cms.votes"
    label = "votes"
    verbose_name = _("Голосования")

    def ready(self):
        # The permissions, the personal-data exporter and eraser, the count scheduled at a
        # vote's close, and the results baked into published pages.
        from cms.core.widgets import register_static_part

        from . import privacy, rules, signal_handlers  # noqa: F401
        from .static_part import voting_static_part

        register_static_part("voting", voting_static_part)
