"""Re-publish the pages that show a vocabulary when one of its terms changes."""

from django.db.models.signals import post_delete, post_save

from publish.signal_handlers import schedule_publish

from .models import EventType, Grade, ProjectType, Subject
from .selectors import taxonomy_dependency_key


def on_term_changed(sender, instance, **kwargs):
    # Pages record which vocabularies they show (taxonomy_record_use); only those re-render.
    schedule_publish(taxonomy_dependency_key(sender))


for _model in (Subject, Grade, ProjectType, EventType):
    post_save.connect(on_term_changed, sender=_model, dispatch_uid=f"taxonomy-save-{_model}")
    post_delete.connect(on_term_changed, sender=_model, dispatch_uid=f"taxonomy-delete-{_model}")
