"""Local development and `make run`: the embedded default (SQLite, database search)."""

import os

from .base import *  # noqa: F403

DEBUG = os.environ.get("DEBUG", "0") == "1"
# A dev secret is fine on a laptop; production refuses to start without a real one.
SECRET_KEY = SECRET_KEY or "dev-only-insecure-key-change-me"  # noqa: F405
# SQLite cannot create its file in a missing folder; the embedded default must just work.
VAR_DIR.mkdir(parents=True, exist_ok=True)  # noqa: F405
# Emails (invitations) are printed, not sent, unless EMAIL_BACKEND says otherwise.
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
