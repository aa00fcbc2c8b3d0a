"""Calling the product's WSGI stack directly from a test, inside the test's transaction."""

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections

from publish.serving import PublicSiteDispatcher


@contextmanager
def dispatcher_for(site_dir: Path) -> Iterator[PublicSiteDispatcher]:
    """The dispatcher `cms.wsgi` serves, for `site_dir`.

    A finished request closes the database connection, and with it the test's transaction;
    Django's test client keeps it open the same way, by disconnecting these handlers.
    """
    # WhiteNoise warns when STATIC_ROOT is missing; the test settings' one is never collected.
    Path(settings.STATIC_ROOT).mkdir(parents=True, exist_ok=True)
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield PublicSiteDispatcher(get_wsgi_application(), site_dir=site_dir)
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
