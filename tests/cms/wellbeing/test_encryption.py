"""What is written to the psychologist is stored as Fernet tokens, and the keys rotate."""

from __future__ import annotations

import pytest
from cryptography.fernet import Fernet
from django.core.checks import Error
from django.core.management import call_command
from django.db import connection

from cms.wellbeing import crypto
from cms.wellbeing.checks import help_keys_check
from cms.wellbeing.models import HelpReply, HelpRequest

from .conftest import write

pytestmark = pytest.mark.django_db
SECRET = "Меня дразнят из-за заикания"


def raw(table: str, pk: int) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT text FROM {table} WHERE id = %s", [pk])
        return cursor.fetchone()[0]


def test_the_database_column_holds_a_fernet_token_and_not_the_text(cast):
    created = write(SECRET, requester=cast["student"])
    reply = HelpReply.objects.create(
        request=created.request, psychologist=cast["psychologist"], text="Давай поговорим"
    )

    stored = raw("wellbeing_helprequest", created.request.pk)
    assert SECRET not in stored and "заикан" not in stored
    assert crypto.is_token(stored)
    assert crypto.decrypt(stored) == SECRET
    assert "поговорим" not in raw("wellbeing_helpreply", reply.pk)
    assert HelpRequest.objects.get(pk=created.request.pk).text == SECRET


def test_an_old_key_still_decrypts_and_after_rotation_the_first_key_alone_does(
    cast, settings, capsys
):
    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    settings.HELP_ENCRYPTION_KEYS = [old]
    created = write(SECRET, requester=cast["student"])
    HelpReply.objects.create(request=created.request, psychologist=None, text="Ответ")

    settings.HELP_ENCRYPTION_KEYS = [new, old]
    assert HelpRequest.objects.get(pk=created.request.pk).text == SECRET

    call_command("rotate_help_keys")
    assert "re-encrypted 1 requests and 1 replies" in capsys.readouterr().out

    settings.HELP_ENCRYPTION_KEYS = [new]
    assert HelpRequest.objects.get(pk=created.request.pk).text == SECRET
    assert HelpReply.objects.get().text == "Ответ"
    token = raw("wellbeing_helprequest", created.request.pk)
    assert Fernet(new.encode()).decrypt(token.encode()).decode() == SECRET


def test_a_text_whose_key_was_dropped_is_refused_with_a_plain_reason(cast, settings):
    settings.HELP_ENCRYPTION_KEYS = [Fernet.generate_key().decode()]
    created = write(SECRET, requester=cast["student"])
    settings.HELP_ENCRYPTION_KEYS = [Fernet.generate_key().decode()]

    with pytest.raises(crypto.DecryptionError, match="key that encrypted it is missing"):
        HelpRequest.objects.get(pk=created.request.pk)


def test_production_without_a_key_does_not_start_and_a_bad_key_is_named(settings):
    settings.HELP_ENCRYPTION_KEYS = []
    settings.SETTINGS_MODULE = "cms.settings.production"
    assert [e.id for e in help_keys_check()] == ["wellbeing.E001"]

    settings.SETTINGS_MODULE = "cms.settings.dev"
    assert help_keys_check() == []

    settings.HELP_ENCRYPTION_KEYS = ["not-a-key"]
    errors = help_keys_check()
    assert [e.id for e in errors] == ["wellbeing.E002"] and isinstance(errors[0], Error)
