"""Keep the short /sveden/ addresses the law expects pointing at the published section.

Changes to the school's data need nothing here: publish/ rebuilds the site when a snippet or
a site setting changes.
"""

from django.dispatch import receiver
from wagtail.models import Locale
from wagtail.signals import page_published

from . import services
from .models import LegalSectionPage


@receiver(page_published, sender=LegalSectionPage)
def on_section_published(sender, instance, **kwargs):
    """The default language's section owns the /sveden/ redirects."""
    if instance.locale_id != Locale.get_default().pk:
        return
    site = instance.get_site()
    if site is None or not site.is_default_site:
        return
    root_url = site.root_page.url_path
    section_url = f"/{instance.locale.language_code}/" + instance.url_path[len(root_url) :]
    services.sveden_redirects_sync(section=instance, section_url=section_url)
