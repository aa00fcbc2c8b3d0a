"""The notifications the project workspace sends, one kind per kind of change, so each person
chooses per kind whether it also comes by email."""

from django.utils.translation import gettext_lazy as _

from cms.notifications.kinds import NotificationKind, register

INVITATION = register(NotificationKind("project_invitation", _("Приглашение в проект")))
INVITATION_ANSWERED = register(
    NotificationKind("project_invitation_answered", _("Ответ на приглашение в проект"))
)
TUTOR_REQUEST = register(NotificationKind("project_tutor_request", _("Просьба стать тьютором")))
TUTOR_ANSWER = register(NotificationKind("project_tutor_answer", _("Ответ тьютора проекта")))
STAGE_SUBMITTED = register(
    NotificationKind("project_stage_submitted", _("Этап проекта сдан на проверку"))
)
STAGE_DECIDED = register(
    NotificationKind("project_stage_decided", _("Этап проекта принят или возвращён"))
)
COMMENT = register(NotificationKind("project_comment", _("Новый комментарий к проекту")))
