"""The notifications of the psychologist's help. None carries what anyone wrote: a
notification may go by email, and email is not where these texts belong."""

from django.utils.translation import gettext_lazy as _

from cms.notifications.kinds import NotificationKind, register

NEW_REQUEST = register(NotificationKind("help_request_new", _("Новое обращение к психологу")))
ANSWERED = register(NotificationKind("help_request_answered", _("Психолог ответил на обращение")))
CONSULTATION = register(
    NotificationKind("help_consultation", _("Психолог предложил время консультации"))
)
