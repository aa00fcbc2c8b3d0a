from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ParentQuestionsConfig(AppConfig):
    name = "cms.parent_questions"
    label = "parent_questions"
    verbose_name = _("Вопросы родителей")

    def ready(self):
        # The permissions, the notification kinds, and the personal-data exporter and eraser.
        from . import kinds, privacy, rules  # noqa: F401
