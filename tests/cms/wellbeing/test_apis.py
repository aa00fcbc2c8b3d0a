"""Writing to the psychologist and reading the answer, as the people involved see it."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from cms.meetings.models import Meeting
from cms.notifications.models import Notification
from cms.wellbeing.models import AccessAction, HelpAccessLog, HelpRequest

from .conftest import URGENT_HELP_EN, URGENT_HELP_RU, write

pytestmark = pytest.mark.django_db
API = "/api/help"


def post(client, path, body, **extra):
    return client.post(f"{API}{path}", body, content_type="application/json", **extra)


def test_an_anonymous_visitor_writes_gets_a_code_once_and_reads_the_answer_by_it(
    client, cast, relaxation_room
):
    response = post(client, "/requests", {"text": "Мне одиноко в новом классе"})

    assert response.status_code == 201
    data = response.json()
    assert data["urgent"] is False and data["help_lines"] == ""
    code = data["code"]
    assert len(code) == 19 and code.count("-") == 3
    help_request = HelpRequest.objects.get(pk=data["id"])
    assert help_request.requester is None and help_request.requester_kind == "anonymous"
    assert code not in help_request.code_hash

    client.force_login(cast["psychologist"])
    post(client, f"/requests/{data['id']}/replies", {"text": "Приходи во вторник"})
    client.logout()

    looked_up = post(client, "/requests/lookup", {"code": code.lower().replace("-", " ")})
    assert looked_up.status_code == 200
    assert looked_up.json()["text"] == "Мне одиноко в новом классе"
    assert [r["text"] for r in looked_up.json()["replies"]] == ["Приходи во вторник"]
    assert looked_up.json()["status"] == "answered"
    assert post(client, "/requests/lookup", {"code": "AAAA-BBBB-CCCC-DDDD"}).status_code == 404


def test_an_anonymous_request_keeps_neither_the_person_nor_their_address(client, cast):
    client.force_login(cast["student"])
    response = post(
        client, "/requests", {"text": "Пишу без имени", "anonymous": True}, REMOTE_ADDR="10.9.8.7"
    )

    help_request = HelpRequest.objects.get(pk=response.json()["id"])
    assert help_request.requester_id is None
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM wellbeing_helprequest")
        row = " ".join(str(value) for value in cursor.fetchone())
        cursor.execute("SELECT key FROM api_ratelimitstate")
        limiter = " ".join(key for (key,) in cursor.fetchall())
    assert "10.9.8.7" not in row and "10.9.8.7" not in limiter
    assert str(cast["student"].pk) not in [str(help_request.requester_id)]


def test_the_code_lookup_is_rate_limited_per_address(client, cast):
    answers = [
        post(client, "/requests/lookup", {"code": "AAAA-BBBB-CCCC-DDDD"}).status_code
        for _ in range(12)
    ]
    assert answers[:10] == [404] * 10
    assert answers[-1] == 429


def test_words_of_the_crisis_list_mark_a_request_urgent_and_show_the_help_lines_at_once(
    client, cast, relaxation_room
):
    client.force_login(cast["student"])
    response = post(client, "/requests", {"text": "Иногда Я НЕ ХОЧУ ЖИТЬ, всё надоело"})

    assert response.json()["urgent"] is True
    assert response.json()["help_lines"] == URGENT_HELP_RU
    english = post(client, "/requests", {"text": "I want to die"}, HTTP_ACCEPT_LANGUAGE="en")
    assert english.json()["help_lines"] == URGENT_HELP_EN
    for text in (
        "Меня бьют дома",
        "Думаю о самоповреждении",
        "суицидальные мысли",
        "Ёлки, покончить с собой хочется",
    ):
        assert post(client, "/requests", {"text": text}).json()["urgent"] is True, text
    assert post(client, "/requests", {"text": "Бьюсь над задачей"}).json()["urgent"] is False


def test_without_a_relaxation_room_page_the_national_help_line_is_shown(client, cast):
    response = post(client, "/requests", {"text": "Меня травят в классе"})

    assert "8-800-2000-122" in response.json()["help_lines"]


def test_psychologists_hear_of_every_request_without_its_text_urgent_ones_marked(
    client, cast, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        post(client, "/requests", {"text": "Тайна: меня бьют"})
        post(client, "/requests", {"text": "Не получается учить стихи"})

    titles = list(
        Notification.objects.filter(recipient=cast["psychologist"])
        .order_by("pk")
        .values_list("title", "body")
    )
    assert [t for t, _ in titles] == [
        "Срочно: новое обращение к психологу",
        "Новое обращение к психологу",
    ]
    everything = " ".join(f"{t} {b}" for t, b in titles)
    assert "бьют" not in everything and "стихи" not in everything
    assert not Notification.objects.exclude(recipient=cast["psychologist"]).exists()


def test_the_psychologist_sees_urgent_requests_first_and_no_text_in_the_queue(client, cast):
    calm = write("Как готовиться к экзаменам", requester=cast["student"]).request
    urgent = write("Хочу умереть").request
    client.force_login(cast["psychologist"])

    queue = client.get(f"{API}/requests").json()

    assert [item["id"] for item in queue] == [urgent.pk, calm.pk]
    assert "text" not in queue[0]
    assert queue[1]["requester"]["name"] == "Коля Иванов, 7А"
    assert queue[0]["requester"] is None
    assert not HelpAccessLog.objects.exists()


def test_every_read_by_the_psychologist_is_logged_and_an_authors_own_read_is_not(client, cast):
    help_request = write("Поссорился с мамой", requester=cast["student"]).request
    client.force_login(cast["psychologist"])
    client.get(f"{API}/requests/{help_request.pk}")
    client.get(f"{API}/requests/{help_request.pk}")
    post(client, f"/requests/{help_request.pk}/replies", {"text": "Напиши, что случилось"})

    client.force_login(cast["student"])
    mine = client.get(f"{API}/requests/{help_request.pk}")

    assert mine.status_code == 200 and mine.json()["replies"][0]["author"] == "Ирина Светлова"
    log = list(
        HelpAccessLog.objects.order_by("pk").values_list("psychologist", "request_id", "action")
    )
    psy = cast["psychologist"].pk
    assert log == [
        (psy, help_request.pk, AccessAction.READ),
        (psy, help_request.pk, AccessAction.READ),
        (psy, help_request.pk, AccessAction.REPLY),
    ]
    help_request.delete()
    assert HelpAccessLog.objects.count() == 3


def test_a_consultation_becomes_a_confidential_meeting_in_the_psychologists_room(client, cast):
    help_request = write(
        "Можно поговорить?", requester=cast["student"], wants_consultation=True
    ).request
    when = (timezone.now() + timedelta(days=2)).replace(microsecond=0)
    client.force_login(cast["psychologist"])

    response = post(
        client,
        f"/requests/{help_request.pk}/consultation",
        {"starts_at": when.isoformat(), "duration_minutes": 30},
    )

    assert response.status_code == 201
    meeting = Meeting.objects.get()
    assert meeting.title == "Консультация" and meeting.confidential
    assert meeting.host == cast["psychologist"] and meeting.room.owner == cast["psychologist"]
    assert meeting.starts_at == when and meeting.duration_minutes == 30
    participant = meeting.participants.get()
    assert participant.person == cast["student"] and participant.status == "admitted"
    assert response.json()["consultation"]["meeting_id"] == meeting.pk
    assert HelpAccessLog.objects.filter(action=AccessAction.SCHEDULE).count() == 1


def test_an_anonymous_author_cannot_be_invited_and_the_psychologist_is_told_to_reply(client, cast):
    help_request = write("Без имени, но хочу встретиться", wants_consultation=True).request
    client.force_login(cast["psychologist"])

    response = post(
        client,
        f"/requests/{help_request.pk}/consultation",
        {"starts_at": (timezone.now() + timedelta(days=1)).isoformat()},
    )

    assert response.status_code == 409
    assert "ответе" in response.json()["error"]["message"]
    assert not Meeting.objects.exists()


def test_the_psychologist_keeps_the_crisis_list(client, cast):
    client.force_login(cast["psychologist"])
    added = post(client, "/crisis-words", {"word": "  Никому не нужен "})
    assert added.status_code == 201 and added.json()["word"] == "никому не нужен"
    assert "никому не нужен" in [w["word"] for w in client.get(f"{API}/crisis-words").json()]

    client.force_login(cast["student"])
    assert post(client, "/requests", {"text": "Я никому не нужен"}).json()["urgent"] is True

    client.force_login(cast["psychologist"])
    assert client.delete(f"{API}/crisis-words/{added.json()['id']}").status_code == 204
    client.force_login(cast["student"])
    assert post(client, "/requests", {"text": "Я никому не нужен"}).json()["urgent"] is False


def test_an_author_or_the_code_closes_a_request(client, cast):
    mine = write("Уже всё хорошо", requester=cast["parent"]).request
    created = write("Анонимно")
    client.force_login(cast["parent"])
    assert post(client, f"/requests/{mine.pk}/close", {}).json()["status"] == "closed"
    client.logout()
    assert (
        post(
            client, f"/requests/{created.request.pk}/close", {"code": "AAAA-BBBB-CCCC-DDDD"}
        ).status_code
        == 404
    )
    closed = post(client, f"/requests/{created.request.pk}/close", {"code": created.code})
    assert closed.json()["status"] == "closed"


def test_a_teacher_cannot_write_by_name_but_may_write_anonymously(client, cast):
    client.force_login(cast["teacher"])
    assert post(client, "/requests", {"text": "Трудно"}).status_code == 403
    response = post(client, "/requests", {"text": "Трудно", "anonymous": True})
    assert response.status_code == 201 and response.json()["code"]
