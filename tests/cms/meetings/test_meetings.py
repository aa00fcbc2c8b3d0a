"""Meetings as their people meet them: invitations and answers, asking to enter and the
lobby, the safety rule, the join window, confidential titles, the calendar feed and a
council's minutes sent to the editors."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from cms.calendars.selectors import calendar_entries_for
from cms.meetings import selectors, services
from cms.meetings.models import MeetingParticipant, MeetingStatus, ParticipantStatus
from tests.cms.meetings.conftest import ROOM_LINK, soon

pytestmark = pytest.mark.django_db


def client_for(person) -> Client:
    client = Client()
    client.force_login(person)
    return client


def participation(meeting, person) -> MeetingParticipant:
    return MeetingParticipant.objects.get(meeting=meeting, person=person)


def test_an_invitee_sees_the_meeting_in_the_cabinet_and_accepts_it(cast, meeting):
    client = client_for(cast["pupil"])

    [listed] = client.get("/api/meetings").json()
    answer = client.post(
        f"/api/meetings/{meeting.pk}/answer", {"answer": "accept"}, content_type="application/json"
    )

    assert listed["title"] == "Разбор проекта" and listed["my_status"] == "invited"
    assert answer.status_code == 200
    assert answer.json()["my_status"] == "accepted"


def test_an_invitee_may_decline_and_someone_not_invited_cannot_answer(cast, meeting):
    declined = client_for(cast["pupil"]).post(
        f"/api/meetings/{meeting.pk}/answer", {"answer": "decline"}, content_type="application/json"
    )
    stranger = client_for(cast["teacher"]).post(
        f"/api/meetings/{meeting.pk}/answer", {"answer": "accept"}, content_type="application/json"
    )

    assert declined.json()["my_status"] == "declined"
    assert stranger.status_code == 403


def test_the_host_invites_a_whole_class_and_a_role_and_nobody_twice(cast, meeting):
    client = client_for(cast["tutor"])
    klass = cast["pupil"].school_class

    answer = client.post(
        f"/api/meetings/{meeting.pk}/invitations",
        {"class_ids": [klass.pk], "roles": ["teacher"]},
        content_type="application/json",
    )

    assert answer.status_code == 201
    assert answer.json()["invited"] == 2  # the classmate and the teacher; the pupil already was
    people = set(meeting.participants.values_list("person__username", flat=True))
    assert people == {"pupil", "classmate", "teacher"}


def test_a_pupil_who_asks_during_the_meeting_waits_in_the_lobby_until_the_host_admits(cast):
    meeting = services.meeting_create(
        room=cast["room"], host=cast["tutor"], title="Открытая встреча", starts_at=soon(5)
    )
    services.meeting_start(meeting=meeting, by=cast["tutor"])
    pupil, host = client_for(cast["classmate"]), client_for(cast["tutor"])

    asked = pupil.post(
        f"/api/meetings/{meeting.pk}/requests", {"reason": "Вопрос по этапу"},
        content_type="application/json",
    )  # fmt: skip
    refused_while_waiting = pupil.get(f"/api/meetings/{meeting.pk}/join")
    [waiting] = host.get(f"/api/meetings/{meeting.pk}/lobby").json()
    admitted = host.post(
        f"/api/meetings/{meeting.pk}/participants/{waiting['id']}", {"answer": "admit"},
        content_type="application/json",
    )  # fmt: skip
    joined = pupil.get(f"/api/meetings/{meeting.pk}/join")

    assert asked.status_code == 201 and asked.json()["my_status"] == "requested"
    assert refused_while_waiting.status_code == 403
    assert "зале ожидания" in refused_while_waiting.json()["error"]["message"]
    assert waiting["reason"] == "Вопрос по этапу"
    assert admitted.status_code == 200
    assert joined.status_code == 200
    assert joined.json() == {"url": ROOM_LINK, "provider": "external"}


def test_a_request_before_the_meeting_is_answered_by_the_host(cast):
    meeting = services.meeting_create(
        room=cast["room"], host=cast["tutor"], title="Консультация по ВКР", starts_at=soon(24 * 60)
    )
    participant = services.meeting_request(
        meeting=meeting, person=cast["teacher"], reason="Хочу послушать"
    )

    services.participant_refuse(participant=participant, by=cast["tutor"])

    assert participation(meeting, cast["teacher"]).status == ParticipantStatus.REFUSED
    with pytest.raises(services.MeetingError):
        services.meeting_request(meeting=meeting, person=cast["teacher"])


def test_a_visitor_from_outside_cannot_see_a_teachers_room_nor_ask_to_enter(cast):
    meeting = services.meeting_create(
        room=cast["room"], host=cast["tutor"], title="Кружок", starts_at=soon()
    )

    for outsider in ("visitor", "partner"):
        answer = client_for(cast[outsider]).post(
            f"/api/meetings/{meeting.pk}/requests", {"reason": "?"}, content_type="application/json"
        )
        assert answer.status_code == 404


def test_an_external_partner_with_a_pupil_is_refused_until_a_teacher_takes_part(cast):
    meeting = services.meeting_create(
        room=cast["room"], host=cast["partner"], title="Консультация партнёра", starts_at=soon(5),
        participants=[cast["pupil"]], participant_status=ParticipantStatus.ADMITTED,
    )  # fmt: skip
    host = client_for(cast["partner"])

    refused = host.post(f"/api/meetings/{meeting.pk}/start")
    pupil_join = client_for(cast["pupil"]).get(f"/api/meetings/{meeting.pk}/join")
    services.meeting_invite(meeting=meeting, by=cast["partner"], person_ids=[cast["teacher"].pk])
    services.meeting_answer(meeting=meeting, person=cast["teacher"], accept=True)
    started = host.post(f"/api/meetings/{meeting.pk}/start")

    assert refused.status_code == 409
    assert refused.json()["error"]["code"] == "safety"
    assert "учитель" in refused.json()["error"]["message"]
    assert pupil_join.status_code == 403
    assert started.status_code == 200 and started.json()["status"] == "started"


def test_a_guest_by_email_counts_as_an_outsider_for_the_safety_rule(cast, meeting):
    services.meeting_answer(meeting=meeting, person=cast["pupil"], accept=True)
    result = services.meeting_invite(
        meeting=meeting, by=cast["tutor"], emails=["guest@firm.example"]
    )
    guest = result.invited[0]
    services.guest_answer(participant=guest, accept=True)

    # The host is a tutor: an adult of the school is there, so the meeting may start.
    assert services.meeting_start(meeting=meeting, by=cast["tutor"]).status == MeetingStatus.STARTED
    assert guest.token_hash and len(guest.token_hash) == 64


def test_the_join_link_opens_fifteen_minutes_before_the_start_and_only_for_those_let_in(cast):
    later = services.meeting_create(
        room=cast["room"], host=cast["tutor"], title="Позже", starts_at=soon(60),
        participants=[cast["pupil"]], participant_status=ParticipantStatus.ADMITTED,
    )  # fmt: skip
    near = services.meeting_create(
        room=cast["room"], host=cast["tutor"], title="Скоро", starts_at=soon(10),
        participants=[cast["pupil"]], participant_status=ParticipantStatus.ADMITTED,
    )  # fmt: skip

    with pytest.raises(selectors.JoinRefused, match="15 минут"):
        selectors.join_url_for(meeting=later, person=cast["pupil"])
    assert selectors.join_url_for(meeting=near, person=cast["pupil"]) == ROOM_LINK
    assert selectors.join_url_for(meeting=near, person=cast["tutor"]) == ROOM_LINK
    with pytest.raises(selectors.JoinRefused):
        selectors.join_url_for(meeting=near, person=cast["classmate"])
    outsider = client_for(cast["partner"]).get(f"/api/meetings/{near.pk}/join")
    assert outsider.status_code == 404


def test_a_confidential_meeting_is_a_consultation_to_everyone_outside_and_hidden_from_staff(cast):
    room = services.room_of_person(person=cast["psychologist"])
    meeting = services.meeting_create(
        room=room, host=cast["psychologist"], title="Тревога перед экзаменом", starts_at=soon(),
        participants=[cast["pupil"]], participant_status=ParticipantStatus.ADMITTED,
        confidential=True,
    )  # fmt: skip

    [own] = client_for(cast["pupil"]).get("/api/meetings").json()
    staff = client_for(cast["staff"]).get(f"/api/meetings/{meeting.pk}")
    [entry] = calendar_entries_for(person=cast["pupil"])
    notification = cast["pupil"].notifications.get()

    assert own["title"] == "Тревога перед экзаменом"
    assert staff.status_code == 404
    assert entry.title == "Консультация"
    assert "Тревога" not in notification.title and "Консультация" in notification.title


def test_the_calendar_feed_lists_meetings_hosted_and_accepted_but_not_only_invited(cast, meeting):
    other = services.meeting_create(
        room=cast["room"], host=cast["tutor"], title="Не ответил", starts_at=soon(),
        participants=[cast["pupil"]],
    )  # fmt: skip
    services.meeting_answer(meeting=meeting, person=cast["pupil"], accept=True)

    pupil_entries = calendar_entries_for(person=cast["pupil"])
    host_entries = calendar_entries_for(person=cast["tutor"])

    assert [e.title for e in pupil_entries] == ["Разбор проекта"]
    assert pupil_entries[0].uid.startswith(f"meeting-{meeting.pk}@")
    assert {e.title for e in host_entries} == {"Разбор проекта", other.title}


def test_moving_raises_the_sequence_and_cancelling_ends_the_meeting_for_everyone(cast, meeting):
    client = client_for(cast["tutor"])
    new_start = (timezone.now() + timedelta(days=2)).replace(microsecond=0)

    moved = client.patch(
        f"/api/meetings/{meeting.pk}", {"starts_at": new_start.isoformat()},
        content_type="application/json",
    )  # fmt: skip
    cancelled = client.delete(f"/api/meetings/{meeting.pk}")
    meeting.refresh_from_db()

    assert moved.status_code == 200
    assert meeting.starts_at == new_start
    assert cancelled.json()["status"] == "cancelled"
    assert meeting.sequence == 2
    kinds = list(cast["pupil"].notifications.values_list("kind", flat=True).order_by("pk"))
    assert kinds == ["meeting_invited", "meeting_moved", "meeting_cancelled"]


def test_only_the_host_moves_starts_or_cancels(cast, meeting):
    pupil = client_for(cast["pupil"])

    assert pupil.post(f"/api/meetings/{meeting.pk}/start").status_code == 403
    assert pupil.delete(f"/api/meetings/{meeting.pk}").status_code == 403


def test_the_minutes_are_read_by_participants_who_are_in(cast, meeting):
    host = client_for(cast["tutor"])
    host.put(f"/api/meetings/{meeting.pk}/minutes", {"text": "Решили: сдать план к пятнице."},
             content_type="application/json")  # fmt: skip

    invited_only = client_for(cast["pupil"]).get(f"/api/meetings/{meeting.pk}/minutes")
    services.meeting_answer(meeting=meeting, person=cast["pupil"], accept=True)
    accepted = client_for(cast["pupil"]).get(f"/api/meetings/{meeting.pk}/minutes")

    assert invited_only.status_code == 403
    assert accepted.json() == {"text": "Решили: сдать план к пятнице."}
