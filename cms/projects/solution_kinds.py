"""The notifications of the road into the solution bank, one kind per step, so each person
chooses per kind whether it also comes by email."""

from django.utils.translation import gettext_lazy as _

from cms.notifications.kinds import NotificationKind, register

CONSENT_ASKED = register(
    NotificationKind("solution_consent_asked", _("Согласие на публикацию проекта в банке решений"))
)
SENT_TO_EDITORS = register(
    NotificationKind("solution_sent_to_editors", _("Проект отправлен редакторам банка решений"))
)
