"""The last line of consent protection: a page that went live showing an image without
consent, by a path that cannot be refused beforehand, is taken down at once."""

from django.dispatch import receiver
from wagtail.signals import page_published

from .services import page_withdraw_if_refused


@receiver(page_published)
def withdraw_page_showing_images_without_consent(sender, instance, **kwargs):
    # Scheduled publishing, workflow approval, the API and code publish through
    # PublishPageRevisionAction, which offers no hook to refuse; the admin's Publish button
    # is refused earlier (wagtail_hooks.py), so this only acts on those paths.
    page_withdraw_if_refused(page=instance)
