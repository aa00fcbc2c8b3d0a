"""The notifications consultations send, one kind per change, so each person chooses per kind
whether it also comes by email."""

from django.utils.translation import gettext_lazy as _

from cms.notifications.kinds import NotificationKind, register

BOOKED = register(NotificationKind("consultation_booked", _("Запись на консультацию")))
BOOKING_CANCELLED = register(
    NotificationKind("consultation_booking_cancelled", _("Запись на консультацию отменена"))
)
CALLED = register(NotificationKind("consultation_called", _("Ваша очередь на консультацию")))
