"""A text column that holds only a Fernet token: encrypted on the way in, decrypted on the way
out, so no query, dump or backup of the table shows what was written."""

from __future__ import annotations

from django.db import models

from . import crypto


class EncryptedTextField(models.TextField):
    """Text encrypted at rest (`crypto.py`). It cannot be searched or filtered by content."""

    description = "Text encrypted with the help keys"

    def from_db_value(self, value, expression, connection):
        if value is None or value == "":
            return value
        return crypto.decrypt(value)

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if value is None or value == "":
            return value
        return crypto.encrypt(value)
