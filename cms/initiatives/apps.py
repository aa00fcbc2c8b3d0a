from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InitiativesConfig(AppConfig):
    name = "cms.initiatives"
    label = "initiatives"
    verbose_name = _("Инициативы учеников")

    def ready(self):
        # The permissions, notification kinds, personal data, the vote listener and the
        # council page's public list.
        from cms.core.widgets import register_static_part

        from . import kinds, privacy, rules, signal_handlers  # noqa: F401
        from .public import initiatives_static_part

        register_static_part("initiatives", initiatives_static_part)
