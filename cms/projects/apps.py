from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    name = "cms.projects"
    label = "projects"
    verbose_name = _("Проекты учеников")

    def ready(self):
        # The permissions, the notification kinds (the workspace's and the solution bank's),
        # and the personal-data exporter and eraser.
        from . import kinds, privacy, rules, solution_kinds  # noqa: F401
