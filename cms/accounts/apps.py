from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    """How people sign in: django-allauth's pages, our rules for them, and the second factor."""

    name = "cms.accounts"
    label = "accounts"
    verbose_name = _("Вход на сайт")

    def ready(self):
        from . import signal_handlers  # noqa: F401
