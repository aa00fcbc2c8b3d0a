"""The People screens in the Wagtail admin: roster upload under Settings."""

from django.contrib.auth.models import Permission
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .admin_views import IMPORT_PERMISSION, RosterImportView


class RosterMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(IMPORT_PERMISSION)


@hooks.register("register_admin_urls")
def register_roster_urls():
    return [path("people/import/", RosterImportView.as_view(), name="users_roster_import")]


@hooks.register("register_settings_menu_item")
def register_roster_menu_item():
    return RosterMenuItem(
        _("Загрузка списка людей"),
        reverse("users_roster_import"),
        name="roster-import",
        icon_name="group",
        order=610,
    )


@hooks.register("register_permissions")
def register_roster_permission():
    return Permission.objects.filter(content_type__app_label="users", codename="import_roster")
