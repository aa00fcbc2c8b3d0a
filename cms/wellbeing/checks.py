"""Production must have its own keys for the psychologist's requests; every key must be one."""

from __future__ import annotations

from cryptography.fernet import Fernet
from django.conf import settings
from django.core import checks


def _is_production() -> bool:
    return str(getattr(settings, "SETTINGS_MODULE", "") or "").endswith(".production")


@checks.register(checks.Tags.security)
def help_keys_check(app_configs=None, **kwargs):
    errors = []
    keys = list(getattr(settings, "HELP_ENCRYPTION_KEYS", []))
    if not keys and _is_production():
        errors.append(
            checks.Error(
                "HELP_ENCRYPTION_KEYS is not set: the psychologist's requests would be "
                "encrypted with a key derived from SECRET_KEY.",
                hint="Generate a key with `python -c 'from cryptography.fernet import Fernet; "
                "print(Fernet.generate_key().decode())'` and export HELP_ENCRYPTION_KEYS.",
                id="wellbeing.E001",
            )
        )
    for position, key in enumerate(keys, start=1):
        try:
            Fernet(key.encode())
        except (ValueError, TypeError):
            errors.append(
                checks.Error(
                    f"Key {position} of HELP_ENCRYPTION_KEYS is not a Fernet key.",
                    hint="A Fernet key is 32 bytes in URL-safe base64 (44 characters).",
                    id="wellbeing.E002",
                )
            )
    return errors
