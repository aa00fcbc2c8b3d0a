from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Notification(models.Model):
    """Something the space tells one person: shown in their cabinet, and emailed if they wish."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(_("вид"), max_length=50)
    title = models.CharField(_("заголовок"), max_length=200)
    body = models.TextField(_("текст"), blank=True)
    url = models.CharField(_("ссылка"), max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)
    # Set once the email has gone out, so a retried task never sends it twice.
    emailed_at = models.DateTimeField(null=True, blank=True)
    # Waits for the person's daily digest instead of an email of its own.
    in_digest = models.BooleanField(default=False)
    email_failures = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["recipient", "read_at"], name="notification_unread_idx"),
            models.Index(
                fields=["recipient"],
                condition=models.Q(in_digest=True, emailed_at__isnull=True),
                name="notification_digest_due_idx",
            ),
        ]
        verbose_name = _("уведомление")
        verbose_name_plural = _("уведомления")

    def __str__(self):
        return self.title


class NotificationPreference(models.Model):
    """A person's choice for one kind: also by email, or in the cabinet only."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preferences"
    )
    kind = models.CharField(max_length=50)
    by_email = models.BooleanField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="one_preference_per_kind")
        ]

    def __str__(self):
        return f"{self.kind}: {'email' if self.by_email else 'cabinet'}"


class Delivery(models.TextChoices):
    """How a person's emailed notifications reach them."""

    AT_ONCE = "at_once", _("Сразу, отдельным письмом")
    DAILY_DIGEST = "daily_digest", _("Раз в день, одним письмом")
    CABINET_ONLY = "cabinet_only", _("Только в кабинете, без писем")


class DeliveryPreference(models.Model):
    """A person's choice for every kind at once: emails at once, a daily digest, or none.

    Which kinds come by email at all is still chosen per kind (`NotificationPreference`); a
    person without a row gets their emails at once.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_delivery"
    )
    delivery = models.CharField(
        _("как присылать"), max_length=20, choices=Delivery.choices, default=Delivery.AT_ONCE
    )

    class Meta:
        verbose_name = _("доставка уведомлений")
        verbose_name_plural = _("доставка уведомлений")

    def __str__(self):
        return self.delivery
