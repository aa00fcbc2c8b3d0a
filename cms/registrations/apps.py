from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistrationsConfig(AppConfig):
    name = "cms.registrations"
    label = "registrations"
    verbose_name = _("Регистрации на события")

    def ready(self):
        # The notification kinds, and the listener that sends the emails of every change.
        from django.db.models.signals import post_delete, post_save
        from wagtail.models import PageViewRestriction
        from wagtail.signals import page_published, page_unpublished

        from . import kinds, tasks  # noqa: F401
        from .selectors import forget_events

        for signal in (page_published, page_unpublished):
            signal.connect(forget_events, dispatch_uid=f"registrations-forget-{id(signal)}")
        for signal in (post_save, post_delete):
            signal.connect(
                forget_events,
                sender=PageViewRestriction,
                dispatch_uid=f"registrations-forget-restriction-{id(signal)}",
            )
        from . import (  # noqa: F401
            privacy,
            signal_handlers,
            teams,  # noqa: F401  (leaves a team when a registration is cancelled)
        )
