"""Admin for the workspace: staff edit the stage templates new projects start from, and the
school's coordinators see a read-only list of every project (the workspace itself is where
projects change, through its rules)."""

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies.base import BasePermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from cms.users.choices import RoleChoices

from .models import Project, StageTemplate
from .rules import is_coordinator


class StageTemplateViewSet(SnippetViewSet):
    model = StageTemplate
    icon = "list-ol"
    menu_label = _("Шаблоны этапов проектов")
    menu_order = 320
    add_to_admin_menu = True
    list_display = ["name", "project_type", "is_default"]
    list_filter = ["is_default"]
    search_fields = ["name"]
    search_backend_name = None


register_snippet(StageTemplateViewSet)


class ProjectPermissionPolicy(BasePermissionPolicy):
    """Coordinators (staff, administrators, "coordinate evaluations") may view projects;
    nobody adds, edits or deletes them as rows."""

    def user_has_permission(self, user, action):
        return action == "view" and is_coordinator(user)

    def users_with_any_permission(self, actions):
        User = get_user_model()
        if "view" not in actions:
            return User.objects.none()
        roles = (RoleChoices.STAFF, RoleChoices.ADMINISTRATOR)
        return (
            User.objects.filter(is_active=True)
            .filter(Q(is_superuser=True) | Q(role_links__role__in=roles))
            .distinct()
        )

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action)

    def instances_user_has_any_permission_for(self, user, actions):
        if "view" in actions and is_coordinator(user):
            return Project.objects.all()
        return Project.objects.none()


register_permission_policy(Project, ProjectPermissionPolicy(Project))


class ProjectViewSet(ModelViewSet):
    model = Project
    icon = "clipboard-list"
    menu_label = _("Проекты учеников")
    menu_order = 321
    add_to_admin_menu = True
    list_display = ["title", "kind", "status", "tutor", "updated_at"]
    list_filter = ["status", "kind"]
    search_fields = ["title"]
    search_backend_name = None
    inspect_view_enabled = True
    inspect_view_fields = [
        "title",
        "kind",
        "status",
        "problem",
        "goal",
        "result",
        "product_kind",
        "product_url",
        "grade",
        "project_type",
        "tutor",
        "created_at",
    ]
    exclude_form_fields = ["subjects", "product_url"]
    permission_policy = ProjectPermissionPolicy(Project)


project_viewset = ProjectViewSet("projects")


@hooks.register("register_admin_viewset")
def register_project_viewset():
    return project_viewset
