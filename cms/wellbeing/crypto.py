"""Encryption at rest of what people write to the psychologist.

`cryptography`'s MultiFernet over `settings.HELP_ENCRYPTION_KEYS`: the first key encrypts,
every key decrypts, so a new key is put first, the old one kept behind it until
`manage.py rotate_help_keys` has re-encrypted every row with the new one, and then dropped.

Without keys (development, tests) one is derived from SECRET_KEY and a warning is logged:
production refuses to start that way (`checks.py`), because a leaked SECRET_KEY would then
open every request.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import logging

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings

__all__ = ["DecryptionError", "configured_keys", "decrypt", "encrypt", "is_token", "rotate"]

logger = logging.getLogger(__name__)


class DecryptionError(Exception):
    """A stored text none of the configured keys opens (its key was dropped too early)."""


def derived_key(secret: str) -> str:
    """A Fernet key made from SECRET_KEY: for development and tests only."""
    digest = hashlib.sha256(b"coworking-help-encryption:" + secret.encode()).digest()
    return base64.urlsafe_b64encode(digest).decode()


def configured_keys() -> tuple[str, ...]:
    keys = tuple(settings.HELP_ENCRYPTION_KEYS)
    if keys:
        return keys
    return (derived_key(settings.SECRET_KEY),)


@functools.cache
def _fernet_for(keys: tuple[str, ...]) -> MultiFernet:
    if not settings.HELP_ENCRYPTION_KEYS:
        logger.warning(
            "HELP_ENCRYPTION_KEYS is not set: the psychologist's requests are encrypted with a "
            "key derived from SECRET_KEY. Fine for development and tests, never for production."
        )
    return MultiFernet([Fernet(key.encode()) for key in keys])


def _fernet() -> MultiFernet:
    return _fernet_for(configured_keys())


def encrypt(text: str) -> str:
    """The Fernet token of `text`, with the first key."""
    return _fernet().encrypt(text.encode("utf-8")).decode("ascii")


def decrypt(token: str) -> str:
    try:
        return _fernet().decrypt(token.encode("ascii")).decode("utf-8")
    except (InvalidToken, ValueError):
        raise DecryptionError(
            "A help request cannot be decrypted with HELP_ENCRYPTION_KEYS: the key that "
            "encrypted it is missing. Put the old key back after the new one."
        ) from None


def rotate(token: str) -> str:
    """The same text encrypted with the first key (unchanged if it already was)."""
    try:
        return _fernet().rotate(token.encode("ascii")).decode("ascii")
    except (InvalidToken, ValueError):
        raise DecryptionError(
            "A help request cannot be re-encrypted: none of HELP_ENCRYPTION_KEYS opens it."
        ) from None


def is_token(value: str) -> bool:
    """Whether `value` looks like a Fernet token (version byte 0x80, URL-safe base64)."""
    try:
        raw = base64.urlsafe_b64decode(value.encode("ascii"))
    except (ValueError, UnicodeEncodeError):
        return False
    return len(raw) >= 57 and raw[0] == 0x80
