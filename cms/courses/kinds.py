"""The notification the teachers' course sends, so each person chooses whether it is emailed."""

from django.utils.translation import gettext_lazy as _

from cms.notifications.kinds import NotificationKind, register

COMPLETED = register(NotificationKind("course_completed", _("Курс пройден, сертификат готов")))
