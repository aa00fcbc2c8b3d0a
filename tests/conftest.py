import pytest
from django.conf import settings


@pytest.fixture
def site_dir(tmp_path, settings):
    """A private SITE_DIR per test, so builds never see each other."""
    settings.SITE_DIR = tmp_path / "site"
    return settings.SITE_DIR


@pytest.fixture
def media_root(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def pytest_report_header(config):
    return f"database: {settings.DATABASES['default']['ENGINE']}"
