"""The notifications of parents' questions, so each person chooses whether they are emailed."""

from django.utils.translation import gettext_lazy as _

from cms.notifications.kinds import NotificationKind, register

ANSWERED = register(NotificationKind("parent_question_answered", _("Ответ на ваш вопрос")))
