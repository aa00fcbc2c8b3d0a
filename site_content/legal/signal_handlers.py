"""Keep the published legal section in step with the school's data and the /sveden/ address."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Locale
from wagtail.signals import page_published

from publish.signal_handlers import schedule_publish

from . import models, services
from .selectors import LEGAL_KEY

LEGAL_MODELS = (
    models.SchoolDetails,
    models.Founder,
    models.GoverningBody,
    models.StaffMember,
    models.LegalDocument,
    models.EducationProgramme,
    models.Vacancy,
    models.Facility,
    models.InternationalAgreement,
    models.FinancialYear,
)


def on_legal_data_changed(sender, instance, **kwargs):
    schedule_publish(LEGAL_KEY)


for _model in LEGAL_MODELS:
    post_save.connect(on_legal_data_changed, sender=_model, dispatch_uid=f"legal-save-{_model}")
    post_delete.connect(on_legal_data_changed, sender=_model, dispatch_uid=f"legal-del-{_model}")


@receiver(page_published, sender=models.LegalSectionPage)
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
