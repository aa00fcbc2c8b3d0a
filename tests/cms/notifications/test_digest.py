"""A person may take their emails at once, as one daily digest, or not at all; the digest goes
through a real SMTP server once, whatever retries or a cron run at the same time do."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from cms.notifications import services
from cms.notifications.models import Delivery, Notification, NotificationPreference
from cms.notifications.tasks import next_digest_at, notification_digest_send
from tests.tasks import run_worker

pytestmark = pytest.mark.django_db(transaction=True)

DELIVERY_URL = reverse("api:notification-delivery")


@pytest.fixture
def tutor(django_user_model):
    return django_user_model.objects.create_user(
        username="tutor", email="tutor@school.example", password="x" * 16
    )


def make_due():
    DBTaskResult.objects.filter(status="READY").update(run_after=timezone.now())


def test_the_digest_sends_the_days_notifications_in_one_email(tutor, smtp):
    services.notification_delivery_set(user=tutor, delivery=Delivery.DAILY_DIGEST)
    for title in ("Этап сдан: План", "Этап сдан: Исследование", "Новый комментарий"):
        services.notification_send(recipient=tutor, kind="general", title=title, url="/ru/x/")

    run_worker()
    assert smtp.messages == [], "nothing goes out before the digest hour"

    make_due()
    run_worker()

    [message] = smtp.to("tutor@school.example")
    assert "3 новых уведомления" in message["Subject"] or "3 нов" in message["Subject"]
    text = message.get_body(preferencelist=("plain",)).get_content()
    for title in ("Этап сдан: План", "Этап сдан: Исследование", "Новый комментарий"):
        assert title in text
    assert Notification.objects.filter(emailed_at__isnull=True).count() == 0


def test_one_task_is_set_per_day_not_per_notification(tutor, smtp):
    services.notification_delivery_set(user=tutor, delivery=Delivery.DAILY_DIGEST)
    for i in range(5):
        services.notification_send(recipient=tutor, kind="general", title=f"№{i}")

    assert DBTaskResult.objects.filter(status="READY").count() == 1
    task = DBTaskResult.objects.get(status="READY")
    assert task.run_after == next_digest_at()


def test_a_retried_or_repeated_digest_never_sends_a_notification_twice(tutor, smtp):
    services.notification_delivery_set(user=tutor, delivery=Delivery.DAILY_DIGEST)
    services.notification_send(recipient=tutor, kind="general", title="Один раз")

    assert notification_digest_send.call(tutor.pk) == "sent 1"
    assert notification_digest_send.call(tutor.pk) == "nothing to send"
    call_command("send_digests", verbosity=0)
    make_due()
    run_worker()

    assert len(smtp.messages) == 1


def test_a_mail_server_that_refuses_gets_the_digest_later_and_nothing_is_marked_sent(tutor, smtp):
    services.notification_delivery_set(user=tutor, delivery=Delivery.DAILY_DIGEST)
    services.notification_send(recipient=tutor, kind="general", title="Позже")
    smtp.refuse = True
    make_due()
    run_worker()
    assert smtp.messages == []
    assert Notification.objects.get().emailed_at is None

    smtp.refuse = False
    make_due()
    run_worker()

    assert len(smtp.messages) == 1
    assert Notification.objects.get().emailed_at is not None


def test_the_cron_command_sends_every_waiting_digest(tutor, django_user_model, smtp):
    other = django_user_model.objects.create_user(username="t2", email="t2@school.example")
    for person in (tutor, other):
        services.notification_delivery_set(user=person, delivery=Delivery.DAILY_DIGEST)
        services.notification_send(recipient=person, kind="general", title="Сводка")

    call_command("send_digests", verbosity=0)

    assert {m["To"] for m in smtp.messages} == {"tutor@school.example", "t2@school.example"}


def test_kinds_chosen_for_the_cabinet_only_stay_out_of_the_digest(tutor, smtp):
    services.notification_delivery_set(user=tutor, delivery=Delivery.DAILY_DIGEST)
    NotificationPreference.objects.create(user=tutor, kind="general", by_email=False)
    services.notification_send(recipient=tutor, kind="general", title="Только кабинет")

    call_command("send_digests", verbosity=0)

    assert smtp.messages == []
    assert Notification.objects.get().title == "Только кабинет"


def test_cabinet_only_sends_no_email_at_all(tutor, smtp):
    services.notification_delivery_set(user=tutor, delivery=Delivery.CABINET_ONLY)
    services.notification_send(recipient=tutor, kind="general", title="Тихо")
    make_due()
    run_worker()
    call_command("send_digests", verbosity=0)

    assert smtp.messages == []
    assert Notification.objects.filter(recipient=tutor).count() == 1


def test_at_once_is_the_default_and_sends_each_notification(tutor, smtp):
    services.notification_send(recipient=tutor, kind="general", title="Сразу")
    run_worker()

    [message] = smtp.messages
    assert "Сразу" in message["Subject"]


def test_leaving_the_digest_sends_what_waited_for_it(tutor, smtp):
    services.notification_delivery_set(user=tutor, delivery=Delivery.DAILY_DIGEST)
    services.notification_send(recipient=tutor, kind="general", title="Ждало сводку")

    services.notification_delivery_set(user=tutor, delivery=Delivery.AT_ONCE)
    run_worker()

    [message] = smtp.messages
    assert "Ждало сводку" in message.get_body(preferencelist=("plain",)).get_content()


def test_the_digest_hour_is_in_st_petersburg():
    # 13:00 UTC is 16:00 in St. Petersburg: today's 17:00 there is still ahead.
    assert next_digest_at(datetime(2025, 3, 10, 13, 0, tzinfo=UTC)) == datetime(
        2025, 3, 10, 14, 0, tzinfo=UTC
    )
    assert next_digest_at(datetime(2025, 3, 10, 14, 0, tzinfo=UTC)) == datetime(
        2025, 3, 11, 14, 0, tzinfo=UTC
    )


def test_a_person_chooses_the_digest_in_the_preferences_api(client, tutor):
    client.force_login(tutor)

    assert client.get(DELIVERY_URL).json()["delivery"] == "at_once"
    response = client.put(
        DELIVERY_URL, {"delivery": "daily_digest"}, content_type="application/json"
    )

    assert response.status_code == 200
    assert response.json()["delivery"] == "daily_digest"
    assert {c["value"] for c in response.json()["choices"]} == {
        "at_once",
        "daily_digest",
        "cabinet_only",
    }
    assert response["Cache-Control"] == "private, no-store"


def test_an_unknown_choice_is_a_field_error(client, tutor):
    client.force_login(tutor)

    response = client.put(DELIVERY_URL, {"delivery": "weekly"}, content_type="application/json")

    assert response.status_code == 400
    assert "delivery" in response.json()["error"]["fields"]


def test_signed_out_visitors_have_no_delivery_choice(client):
    assert client.get(DELIVERY_URL).status_code in (401, 403)


def test_the_choice_is_in_my_data_export_and_erased_with_my_account(tutor):
    from cms.notifications.privacy import notifications_erase, notifications_export

    services.notification_delivery_set(user=tutor, delivery=Delivery.DAILY_DIGEST)

    assert notifications_export(tutor)["delivery"] == [{"delivery": "daily_digest"}]
    notifications_erase(tutor)
    assert notifications_export(tutor)["delivery"] == []
