"""Publish the pages that show partners whenever a partner changes."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from publish.signal_handlers import schedule_publish

from .models import Partner
from .selectors import PARTNERS_KEY


@receiver(post_save, sender=Partner)
@receiver(post_delete, sender=Partner)
def on_partner_changed(sender, instance, **kwargs):
    schedule_publish(PARTNERS_KEY)
