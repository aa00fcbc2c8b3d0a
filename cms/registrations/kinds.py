"""The notifications registration sends to people with an account, one kind per change, so
each person chooses per kind whether it also comes by email."""

from django.utils.translation import gettext_lazy as _

from cms.notifications.kinds import NotificationKind, register


def _attachments(notification):
    from .calendars import notification_attachments

    return notification_attachments(notification)


CONFIRMED = register(
    NotificationKind(
        "registration_confirmed", _("Регистрация на событие подтверждена"), attachments=_attachments
    )
)
PENDING = register(NotificationKind("registration_pending", _("Заявка на событие ждёт одобрения")))
WAITING = register(NotificationKind("registration_waiting", _("Лист ожидания события")))
PROMOTED = register(
    NotificationKind(
        "registration_promoted",
        _("Место на событии освободилось для вас"),
        attachments=_attachments,
    )
)
APPROVED = register(
    NotificationKind(
        "registration_approved", _("Заявка на событие одобрена"), attachments=_attachments
    )
)
DECLINED = register(NotificationKind("registration_declined", _("Заявка на событие отклонена")))
CANCELLED = register(
    NotificationKind("registration_cancelled", _("Регистрация на событие отменена"))
)

# The service's name of a change → the kind of notification it sends.
KIND_OF = {
    "confirmed": CONFIRMED,
    "pending": PENDING,
    "waiting": WAITING,
    "promoted": PROMOTED,
    "approved": APPROVED,
    "declined": DECLINED,
    "cancelled": CANCELLED,
}
