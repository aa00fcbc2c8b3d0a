"""The notifications of expert evaluation, one kind per event, so each person chooses per
kind whether it also comes by email."""

from django.utils.translation import gettext_lazy as _

from cms.notifications.kinds import NotificationKind, register

ASSIGNED = register(NotificationKind("review_assigned", _("Вас назначили экспертом проекта")))
ALL_SUBMITTED = register(NotificationKind("review_all_submitted", _("Все эксперты оценили проект")))
DISAGREEMENT = register(
    NotificationKind("review_disagreement", _("Эксперты сильно расходятся в оценках"))
)
RELEASED = register(NotificationKind("evaluation_released", _("Итоги экспертизы проекта")))
