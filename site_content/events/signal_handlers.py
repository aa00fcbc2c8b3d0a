"""Side effects of event pages: the teacher who generated an event hears when it is live."""

from django.dispatch import receiver
from wagtail.signals import page_published

from .generator import generated_event_published
from .models import EventPage


@receiver(page_published, sender=EventPage)
def tell_the_teacher(sender, instance, **kwargs):
    generated_event_published(page=instance)
