"""Settings for the test suite."""

import os
import tempfile

from .base import *  # noqa: F403

SECRET_KEY = "test-only-key"
# The test command's Elasticsearch server; search tests switch it on themselves, so the rest of
# the suite indexes into the database only.
TEST_ELASTICSEARCH_URL = os.environ.get("TEST_ELASTICSEARCH_URL", "")
ELASTICSEARCH_URL = ""
# Most tests sign staff in with `force_login` and no authenticator; the tests of the second
# factor (tests/cms/accounts/) switch the requirement on themselves.
SECOND_FACTOR_REQUIRED = False
# Tests publish on demand; the signal-driven tests switch this on themselves.
PUBLISH_ON_CHANGE = False
# When they do, the publish run goes through the same task but runs at once, after the test's
# commit, so they can read the live site right away; the background tests switch this on and
# run a real worker. (The "background" backend itself stays the database queue: the
# notification tests run `db_worker` on it.)
PUBLISH_IN_BACKGROUND = False
# Hashing the static manifest on every test run is slow and tests don't need cache-busting names.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Fast password hashing: the suite creates users, and PBKDF2 would dominate its run time.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Every test run writes media and sites into its own scratch directory, never into var/.
_scratch = tempfile.mkdtemp(prefix="coworking-test-")
MEDIA_ROOT = Path(_scratch) / "media"  # noqa: F405
SITE_DIR = Path(_scratch) / "site"  # noqa: F405
PROJECT_FILES_ROOT = Path(_scratch) / "private"  # noqa: F405
STATIC_ROOT = Path(_scratch) / "static"  # noqa: F405
# The security log of a test run stays with its scratch files; tests read it from here.
SECURITY_LOG_FILE = Path(_scratch) / "security.log"  # noqa: F405
LOGGING["handlers"]["security_file"]["filename"] = str(SECURITY_LOG_FILE)  # noqa: F405
# Whitenoise warns at start-up when STATIC_ROOT is missing; tests serve no collected files.
STATIC_ROOT.mkdir()
if "DATABASE_URL" not in os.environ:
    # The README's test command starts PostgreSQL and sets DATABASE_URL; SQLite only as a fallback.
    DATABASES["default"]["TEST"] = {"NAME": str(Path(_scratch) / "test.sqlite3")}  # noqa: F405
