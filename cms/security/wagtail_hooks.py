"""Sign-in lockouts in the Wagtail admin: administrators see them and lift them."""

from axes.models import AccessAttempt
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies.base import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy


class UnlockOnlyPolicy(ModelPermissionPolicy):
    """Administrators may list and delete (unlock) attempts; nobody creates or edits them."""

    def user_has_permission(self, user, action):
        return user.is_active and user.is_superuser and action in ("view", "delete")


register_permission_policy(AccessAttempt, UnlockOnlyPolicy(AccessAttempt))


class LockedColumn(Column):
    def get_value(self, instance):
        locked = instance.failures_since_start >= settings.AXES_FAILURE_LIMIT
        return _("заблокирован") if locked else _("не заблокирован")


class SigninLockoutViewSet(ModelViewSet):
    model = AccessAttempt
    icon = "lock"
    menu_label = _("Блокировки входа")
    add_to_settings_menu = True
    exclude_form_fields = []
    copy_view_enabled = False
    list_display = [
        Column("username", label=_("Учётная запись")),
        Column("ip_address", label=_("Адрес")),
        Column("failures_since_start", label=_("Неудачных попыток")),
        LockedColumn("locked", label=_("Вход")),
        Column("attempt_time", label=_("Последняя попытка")),
    ]
    ordering = ["-attempt_time"]


@hooks.register("register_admin_viewset")
def register_signin_lockouts():
    return SigninLockoutViewSet("signin_lockouts")
