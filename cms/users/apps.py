from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from wagtail.users.apps import WagtailUsersAppConfig


class UsersConfig(AppConfig):
    name = "cms.users"
    label = "users"
    verbose_name = _("Люди")
    default = True

    def ready(self):
        from . import permissions, privacy  # noqa: F401


class WagtailUsersConfig(WagtailUsersAppConfig):
    """Wagtail's users app, with the account forms that know our fields."""

    user_viewset = "cms.users.admin_views.UserViewSet"
