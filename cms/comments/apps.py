from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommentsConfig(AppConfig):
    name = "cms.comments"
    label = "comments"
    verbose_name = _("Комментарии")

    def ready(self):
        # The moderators' rule and the personal-data exporter and eraser.
        from . import privacy, rules  # noqa: F401
