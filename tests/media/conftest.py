import pytest


@pytest.fixture
def upload_forms(settings):
    """The form settings media/ asks cms/settings/base.py to carry (see media/checks.py);
    set here too so these tests exercise the forms whatever the settings file says."""
    settings.WAGTAILIMAGES_IMAGE_FORM_BASE = "media.forms.ImageForm"
    settings.WAGTAILDOCS_DOCUMENT_FORM_BASE = "media.forms.DocumentForm"


@pytest.fixture
def admin_client(client, django_user_model, upload_forms, media_root):
    user = django_user_model.objects.create_superuser(
        username="editor", email="editor@example.org", password="secret-password"
    )
    client.force_login(user)
    return client
