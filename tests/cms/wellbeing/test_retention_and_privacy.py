"""Requests go after the retention period; only their author's data file holds them; no admin
screen leads to them."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from cms.users.personal_data import erasers, exporters
from cms.wellbeing.models import HelpAccessLog, HelpReply, HelpRequest
from cms.wellbeing.retention import help_requests_purge_old
from cms.wellbeing.services import help_request_read, reply_create

from .conftest import write

pytestmark = pytest.mark.django_db


def aged(days: int, **kwargs) -> HelpRequest:
    help_request = write(**kwargs).request
    HelpRequest.objects.filter(pk=help_request.pk).update(
        created_at=timezone.now() - timedelta(days=days)
    )
    return help_request


def test_the_purge_command_counts_in_a_dry_run_and_then_deletes_old_requests(cast, capsys):
    old = aged(400, requester=cast["student"])
    reply_create(help_request=old, psychologist=cast["psychologist"], text="Ответ")
    recent = aged(30)

    call_command("purge_help_requests", "--dry-run")
    assert "would delete 1 help requests and 1 replies" in capsys.readouterr().out
    assert HelpRequest.objects.count() == 2

    call_command("purge_help_requests")
    assert "deleted 1 help requests and 1 replies (written more than 365 days ago)" in (
        capsys.readouterr().out
    )
    assert list(HelpRequest.objects.values_list("pk", flat=True)) == [recent.pk]
    assert not HelpReply.objects.exists()
    assert HelpAccessLog.objects.filter(request_id=old.pk).exists()


def test_the_scheduled_task_uses_the_retention_setting(cast, settings):
    settings.HELP_RETENTION_DAYS = 10
    aged(11)
    kept = aged(9)

    result = help_requests_purge_old.call()

    assert result == "1 help requests and 0 replies deleted"
    assert list(HelpRequest.objects.values_list("pk", flat=True)) == [kept.pk]


def export_of(person) -> str:
    return repr({e.name: e.export(person) for e in exporters()})


def test_only_the_authors_export_holds_the_texts(cast):
    help_request = write("Секрет ученика", requester=cast["student"]).request
    write("Секрет анонима")
    reply_create(help_request=help_request, psychologist=cast["psychologist"], text="Секрет ответа")
    help_request_read(help_request=help_request, reader=cast["psychologist"])

    mine = export_of(cast["student"])
    assert "Секрет ученика" in mine and "Секрет ответа" in mine and "Секрет анонима" not in mine
    psychologist = {e.name: e.export(cast["psychologist"]) for e in exporters()}["wellbeing"]
    assert psychologist["replies_written_as_psychologist"] == 1
    assert psychologist["requests_opened_as_psychologist"] == 2
    for name in cast:
        if name != "student":
            assert "Секрет" not in export_of(cast[name]), name


def test_deleting_the_authors_account_deletes_their_requests(cast):
    help_request = write("Удалите меня", requester=cast["student"]).request
    reply_create(help_request=help_request, psychologist=cast["psychologist"], text="Хорошо")
    other = write("Чужое", requester=cast["other_student"]).request

    for eraser in erasers():
        eraser.erase(cast["student"])

    assert list(HelpRequest.objects.values_list("pk", flat=True)) == [other.pk]
    assert not HelpReply.objects.exists()


ADMIN_PATHS = [
    *(
        f"/ru/admin/{tail}"
        for tail in (
            "snippets/wellbeing/",
            "snippets/wellbeing/helprequest/",
            "snippets/wellbeing/crisisword/",
            "wellbeing/helprequest/",
            "wellbeing/",
        )
    ),
    "/admin/snippets/wellbeing/",
    "/admin/snippets/wellbeing/helprequest/",
    "/admin/snippets/wellbeing/helpreply/",
    "/admin/snippets/wellbeing/helpaccesslog/",
    "/admin/snippets/wellbeing/crisisword/",
    "/admin/wellbeing/",
    "/admin/wellbeing/helprequest/",
    "/admin/helprequest/",
    "/admin/help-requests/",
    "/django-admin/wellbeing/helprequest/",
    "/django-admin/",
]


@pytest.mark.parametrize("who", ["superuser", "administrator", "editor", "psychologist"])
def test_no_admin_screen_leads_to_the_requests(client, cast, who):
    write("Текст для админки", requester=cast["student"])
    client.force_login(cast[who])
    for path in ADMIN_PATHS:
        response = client.get(path)
        # /admin/… only adds the language: /ru/admin/… is checked above.
        expected = (302,) if not path.startswith("/ru/") else (403, 404)
        assert response.status_code in expected, (path, response.status_code)
        assert "Текст для админки" not in response.content.decode(), path
    from django.contrib import admin
    from wagtail.snippets.models import get_snippet_models

    from cms.wellbeing import models

    for model in (models.HelpRequest, models.HelpReply, models.HelpAccessLog, models.CrisisWord):
        assert not admin.site.is_registered(model)
        assert model not in get_snippet_models()
