"""System checks for settings this app and the shared blocks rely on."""

from django.conf import settings
from django.core import checks

EXPECTED = {
    "WAGTAILIMAGES_IMAGE_FORM_BASE": "media.forms.ImageForm",
    "WAGTAILDOCS_DOCUMENT_FORM_BASE": "media.forms.DocumentForm",
}


@checks.register()
def upload_forms_configured(app_configs, **kwargs):
    notes = []
    for name, value in EXPECTED.items():
        if getattr(settings, name, "") != value:
            notes.append(
                checks.Info(
                    f"{name} is not {value!r}: admin uploads are not checked by their "
                    "content and size",
                    hint=f'Add {name} = "{value}" to cms/settings/base.py.',
                    id="media.I001",
                )
            )
    if "wagtail.contrib.typed_table_block" not in settings.INSTALLED_APPS:
        notes.append(
            checks.Info(
                "wagtail.contrib.typed_table_block is not installed: the editor of the table "
                "block (cms.core.blocks.TableBlock) misses its admin JavaScript",
                hint='Add "wagtail.contrib.typed_table_block" to INSTALLED_APPS.',
                id="media.I002",
            )
        )
    return notes
