"""The one-time code of an anonymous request: shown once, kept only as its SHA-256.

Sixteen characters from an alphabet without look-alikes (no 0/O, 1/I/L), in four groups of
four: about 79 random bits, so guessing is hopeless even without the lookup's rate limit, and
a reader copying it from paper does not confuse two characters.
"""

from __future__ import annotations

import hashlib
import secrets

ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
GROUPS, GROUP_LENGTH = 4, 4


def new_code() -> str:
    return "-".join(
        "".join(secrets.choice(ALPHABET) for _ in range(GROUP_LENGTH)) for _ in range(GROUPS)
    )


def normalise(code: str) -> str:
    """Upper case, without spaces and hyphens: how the code is typed does not matter."""
    return "".join(ch for ch in code.upper() if ch.isalnum())


def code_hash(code: str) -> str:
    return hashlib.sha256(normalise(code).encode()).hexdigest()
