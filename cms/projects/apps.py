from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    name = "cms.projects"
    label = "projects"
    verbose_name = _("Проекты учеников")

    def ready(self):
        from . import (
            rules,  # noqa: F401
            solution_kinds,  # noqa: F401  (the solution bank's notification kinds)
        )
