"""At scale the same tasks run on RQ workers fed through a real Redis."""

import pytest

from cms.notifications.models import Notification
from tests.publish import processes

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def test_an_email_enqueued_on_redis_is_sent_by_an_rq_worker(
    tmp_path, smtp_server, redis_url, django_user_model
):
    inbox, port = smtp_server
    inbox.clear()
    parent = django_user_model.objects.create_user(
        username="parent", email="parent@example.org", password="x" * 16
    )
    env = processes.django_env(
        site_dir=tmp_path / "site", media_root=tmp_path / "media", var_dir=tmp_path / "var"
    )
    env.update(TASKS_REDIS_URL=redis_url, EMAIL_HOST="127.0.0.1", EMAIL_PORT=str(port))
    send = (
        "from django.contrib.auth import get_user_model; "
        "from cms.notifications.services import notification_send; "
        f"notification_send(recipient=get_user_model().objects.get(pk={parent.pk}), "
        "kind='general', title='Через Redis')"
    )

    processes.manage("shell", "-c", send, env=env)
    assert inbox.messages == []
    processes.manage(
        "rqworker", "email", "--burst", "--job-class", "django_tasks_rq.backend.Job", env=env
    )

    [message] = inbox.to("parent@example.org")
    assert "Через Redis" in message["Subject"]
    assert Notification.objects.get().emailed_at is not None
