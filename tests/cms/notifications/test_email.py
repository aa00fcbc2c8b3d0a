"""Notifications reach the cabinet and, by the person's choice, their mailbox on a real server."""

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from cms.notifications import services
from cms.notifications.models import Notification
from cms.notifications.tasks import notification_email_send
from tests.tasks import run_worker

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def parent(django_user_model):
    return django_user_model.objects.create_user(
        username="parent", email="parent@example.org", password="x" * 16
    )


def test_a_notification_is_emailed_as_text_and_html_through_smtp(parent, smtp):
    services.notification_send(
        recipient=parent, kind="general", title="Собрание в четверг", body="В 18:00, актовый зал."
    )
    run_worker()

    [message] = smtp.to("parent@example.org")
    assert "Собрание в четверг" in message["Subject"]
    text = message.get_body(preferencelist=("plain",)).get_content()
    html = message.get_body(preferencelist=("html",)).get_content()
    assert "В 18:00, актовый зал." in text
    assert "<h1>Собрание в четверг</h1>" in html
    assert Notification.objects.get().emailed_at is not None


def test_the_email_is_in_the_recipients_language(parent, smtp):
    parent.language = "en"
    if not hasattr(type(parent), "language"):
        pytest.skip("the user model has no language field yet")
    parent.save()

    services.notification_send(recipient=parent, kind="general", title="Meeting on Thursday")
    run_worker()

    [message] = smtp.messages
    assert "Meeting on Thursday — Digital Coworking Space" == message["Subject"]


def test_a_mail_server_that_refuses_for_now_gets_the_email_later(parent, smtp):
    smtp.refuse = True
    services.notification_send(recipient=parent, kind="general", title="Собрание")
    run_worker()
    assert smtp.messages == []
    notification = Notification.objects.get()
    assert notification.email_failures == 1
    assert notification.emailed_at is None

    smtp.refuse = False
    DBTaskResult.objects.filter(status="READY").update(run_after=timezone.now())
    run_worker()

    assert len(smtp.messages) == 1
    assert Notification.objects.get().emailed_at is not None


def test_a_task_run_twice_sends_one_email(parent, smtp):
    notification = services.notification_send(recipient=parent, kind="general", title="Один раз")
    run_worker()

    notification_email_send.enqueue(notification.pk)
    run_worker()

    assert len(smtp.messages) == 1


def test_who_chose_the_cabinet_only_gets_no_email(parent, smtp):
    services.notification_preference_set(user=parent, kind="general", by_email=False)

    services.notification_send(recipient=parent, kind="general", title="Тихо")
    run_worker()

    assert smtp.messages == []
    assert Notification.objects.filter(recipient=parent).count() == 1
