"""The notifications initiatives send their authors, so each chooses whether they are emailed."""

from django.utils.translation import gettext_lazy as _

from cms.notifications.kinds import NotificationKind, register

IN_CHECK = register(
    NotificationKind("initiative_in_check", _("Инициатива набрала поддержку и ушла на проверку"))
)
CHECKED = register(NotificationKind("initiative_checked", _("Итог проверки инициативы")))
VOTING = register(NotificationKind("initiative_voting", _("Инициатива вынесена на голосование")))
DECIDED = register(NotificationKind("initiative_decided", _("Итог голосования по инициативе")))
