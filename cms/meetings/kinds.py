"""The notifications meetings send, one kind per change, so each person chooses per kind
whether it also comes by email. An invitation, a move and a cancellation carry the meeting as
a calendar file (a request, an update with the next sequence, a cancellation)."""

from django.utils.translation import gettext_lazy as _

from cms.notifications.kinds import NotificationKind, register


def _attachments(notification):
    from .calendars import notification_attachments

    return notification_attachments(notification)


INVITED = register(
    NotificationKind("meeting_invited", _("Приглашение на встречу"), attachments=_attachments)
)
MOVED = register(
    NotificationKind("meeting_moved", _("Встреча перенесена"), attachments=_attachments)
)
CANCELLED = register(
    NotificationKind("meeting_cancelled", _("Встреча отменена"), attachments=_attachments)
)
ANSWERED = register(NotificationKind("meeting_answered", _("Ответ на приглашение на встречу")))
REQUESTED = register(NotificationKind("meeting_requested", _("Просьба войти во встречу")))
ADMITTED = register(NotificationKind("meeting_admitted", _("Вас впустили во встречу")))
REFUSED = register(NotificationKind("meeting_refused", _("Просьба войти во встречу отклонена")))

# The service's name of a change → its kind.
KIND_OF = {
    "invited": INVITED,
    "moved": MOVED,
    "cancelled": CANCELLED,
    "answered": ANSWERED,
    "requested": REQUESTED,
    "admitted": ADMITTED,
    "refused": REFUSED,
}
