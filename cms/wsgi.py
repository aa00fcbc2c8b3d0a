"""WSGI entry point: the published static site, with Django behind /admin/, /api/ and uploads.

Production settings are the default here, so a gunicorn started without
DJANGO_SETTINGS_MODULE refuses to run on a development secret; `make run` names
`cms.settings.dev` explicitly.
"""

import os

from django.conf import settings
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.production")

django_application = get_wsgi_application()

from publish.serving import PublicSiteDispatcher  # noqa: E402  (needs configured settings)

application = PublicSiteDispatcher(django_application, site_dir=settings.SITE_DIR)
