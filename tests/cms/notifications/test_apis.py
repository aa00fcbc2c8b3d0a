"""The cabinet's notification list shows a person their own notifications and nobody else's."""

import pytest

from cms.notifications import services
from cms.notifications.models import Notification

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(django_user_model):
    make = django_user_model.objects.create_user
    return make(username="anna", password="x" * 16), make(username="boris", password="x" * 16)


def send(user, title):
    return Notification.objects.create(recipient=user, kind="general", title=title)


def test_a_visitor_who_is_not_signed_in_gets_401(client):
    assert client.get("/api/notifications").status_code == 401


def test_i_see_my_notifications_newest_first_and_never_anothers(client, people):
    anna, boris = people
    send(anna, "первое")
    send(anna, "второе")
    send(boris, "чужое")
    client.force_login(anna)

    response = client.get("/api/notifications")

    body = response.json()
    assert response.status_code == 200
    assert [n["title"] for n in body["results"]] == ["второе", "первое"]
    assert body["count"] == 2
    assert "no-store" in response["Cache-Control"]


def test_marking_anothers_notification_read_changes_nothing(client, people):
    anna, boris = people
    borises = send(boris, "чужое")
    client.force_login(anna)

    response = client.post(
        "/api/notifications/read", {"ids": [borises.pk]}, content_type="application/json"
    )

    assert response.json() == {"marked": 0}
    borises.refresh_from_db()
    assert borises.read_at is None


def test_unread_ones_can_be_listed_and_marked_read(client, people):
    anna, _ = people
    first, second = send(anna, "первое"), send(anna, "второе")
    client.force_login(anna)

    client.post("/api/notifications/read", {"ids": [first.pk]}, content_type="application/json")
    unread = client.get("/api/notifications?unread=1").json()

    assert [n["id"] for n in unread["results"]] == [second.pk]


def test_page_size_is_bounded(client, people):
    anna, _ = people
    for i in range(105):
        send(anna, f"n{i}")
    client.force_login(anna)

    body = client.get("/api/notifications?size=1000").json()

    assert len(body["results"]) == 100


def test_a_person_chooses_the_cabinet_only_for_a_kind(client, people):
    anna, _ = people
    client.force_login(anna)

    response = client.put(
        "/api/notifications/preferences",
        {"kind": "general", "by_email": False},
        content_type="application/json",
    )
    unknown = client.put(
        "/api/notifications/preferences",
        {"kind": "nonsense", "by_email": False},
        content_type="application/json",
    )

    assert {"kind": "general", "label": "Сообщения школы", "by_email": False} in response.json()
    assert unknown.status_code == 400
    assert "kind" in unknown.json()["error"]["fields"]


def test_services_keep_titles_within_their_bounds(people):
    anna, _ = people

    notification = services.notification_send(recipient=anna, kind="general", title="я" * 500)

    assert len(notification.title) == 200
