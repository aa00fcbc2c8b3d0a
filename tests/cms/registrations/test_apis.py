"""The registration API as the widget and the cabinet use it: live state, registering oneself or
a child, the waiting list, cancelling, guests, and nobody seeing what is not theirs."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from wagtail.models import PageViewRestriction

from cms.registrations import services
from cms.registrations.models import Registration, RegistrationStatus
from cms.registrations.questions import questions_of

pytestmark = pytest.mark.django_db

S = RegistrationStatus


def url(event) -> str:
    return f"/api/events/{event.pk}/registration"


def post(client, event, **body):
    return client.post(url(event), body, content_type="application/json")


def error(response) -> dict:
    body = response.json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message", "fields"}
    return body["error"]


def test_a_visitor_sees_places_waiting_list_and_window_with_short_public_caching(
    client, make_event, people
):
    event = make_event(capacity=2)
    for pupil in people["pupils"][:3]:
        services.registration_create(event=event, person=pupil)

    response = client.get(url(event))

    body = response.json()
    assert response.status_code == 200
    assert (body["capacity"], body["taken"], body["free"], body["waiting"]) == (2, 2, 0, 1)
    assert body["window"]["state"] == "open"
    assert body["me"] is None and body["children"] == []
    assert "public" in response["Cache-Control"] and "max-age=5" in response["Cache-Control"]


def test_before_the_window_the_state_says_when_it_opens_and_registering_is_refused(
    client, make_event, people
):
    opens = timezone.now() + timedelta(days=2)
    event = make_event(registration_opens=opens)
    client.force_login(people["pupils"][0])

    state = client.get(url(event)).json()
    response = post(client, event)

    assert state["window"]["state"] == "not_open"
    assert state["window"]["opens"] == opens.isoformat()
    assert response.status_code == 409
    assert error(response)["code"] == "not_open"


def test_after_the_window_registering_is_refused_as_closed(client, make_event, people):
    now = timezone.now()
    event = make_event(
        registration_opens=now - timedelta(days=3), registration_closes=now - timedelta(hours=1)
    )
    client.force_login(people["pupils"][0])

    response = post(client, event)

    assert response.status_code == 409
    assert error(response)["code"] == "closed"


def test_i_register_and_see_my_place_and_code_and_the_count_drops(client, make_event, people):
    event = make_event(capacity=3)
    pupil = people["pupils"][0]
    client.force_login(pupil)

    response = post(client, event, public_listing=True)
    again = post(client, event)

    body = response.json()
    assert response.status_code == 201
    assert again.status_code == 200
    assert (body["taken"], body["free"]) == (1, 2)
    assert body["me"]["status"] == "confirmed"
    assert body["me"]["code"] == Registration.objects.get(person=pupil).code
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]


def test_when_full_i_join_the_waiting_list_and_see_my_position(client, make_event, people):
    event = make_event(capacity=1)
    first, second, me = people["pupils"][:3]
    services.registration_create(event=event, person=first)
    services.registration_create(event=event, person=second)
    client.force_login(me)

    body = post(client, event).json()

    assert body["me"]["status"] == "waiting"
    assert body["me"]["position"] == 2
    assert body["me"]["code"] is None
    assert body["waiting"] == 2


def test_cancelling_promotes_the_first_in_line_and_leaving_the_list_frees_nothing(
    client, make_event, people
):
    event = make_event(capacity=1)
    holder, first, second = people["pupils"][:3]
    for pupil in (holder, first, second):
        services.registration_create(event=event, person=pupil)

    client.force_login(second)
    left = client.delete(url(event))
    client.force_login(holder)
    cancelled = client.delete(url(event))

    assert left.json()["me"]["status"] is None
    assert cancelled.status_code == 200
    assert Registration.objects.get(person=first, status__in=[S.CONFIRMED]).event_id == event.pk
    assert cancelled.json()["waiting"] == 0 and cancelled.json()["free"] == 0


def test_cancelling_without_a_registration_is_404(client, make_event, people):
    event = make_event()
    client.force_login(people["pupils"][0])

    response = client.delete(url(event))

    assert response.status_code == 404
    assert error(response)["code"] == "not_found"


def test_a_parent_registers_and_cancels_their_own_child_only(client, make_event, people):
    event = make_event(capacity=5)
    child, strangers_child = people["pupils"][0], people["pupils"][1]
    client.force_login(people["parent"])

    state = client.get(url(event)).json()
    registered = post(client, event, person=child.pk)
    refused = post(client, event, person=strangers_child.pk)
    cancelled = client.delete(url(event) + f"?person={child.pk}")

    assert [c["id"] for c in state["children"]] == [child.pk]
    assert registered.status_code == 201
    assert registered.json()["children"][0]["status"] == "confirmed"
    assert Registration.objects.get(person=child).registered_by == people["parent"]
    assert refused.status_code == 403
    assert error(refused)["code"] == "permission_denied"
    assert not Registration.objects.filter(person=strangers_child).exists()
    assert cancelled.json()["children"][0]["status"] is None


def test_another_parent_cannot_cancel_a_child_that_is_not_theirs(client, make_event, people):
    event = make_event()
    child = people["pupils"][0]
    services.registration_create(event=event, person=child)
    client.force_login(people["other_parent"])

    response = client.delete(url(event) + f"?person={child.pk}")

    assert response.status_code == 403
    assert Registration.objects.get(person=child).status == S.CONFIRMED


def test_a_restricted_event_refuses_people_outside_its_audience_with_a_clear_message(
    client, make_event, people
):
    event = make_event(registration_access="restricted", registration_roles=["teacher"])
    client.force_login(people["pupils"][0])

    state = client.get(url(event)).json()
    response = post(client, event)

    assert state["me"]["may_register"] is False
    assert response.status_code == 403
    assert "зарегистрироваться" in error(response)["message"]


def test_a_visitor_cannot_register_without_signing_in(client, make_event):
    response = post(client, make_event())

    assert response.status_code == 401
    assert error(response)["code"] == "not_authenticated"


def test_bad_answers_are_400_with_fields_keyed_by_question(client, make_event, people):
    event = make_event(
        registration_questions=[
            ("short_text", {"label": "Школа", "required": True}),
            ("choice", {"label": "Секция", "required": False, "options": ["A", "B"]}),
            ("yes_no", {"label": "Нужна парковка?", "required": False}),
        ]
    )
    school, section, parking = (q.id for q in questions_of(event))
    client.force_login(people["pupils"][0])

    bad = post(client, event, answers={section: "C", parking: "maybe"})
    good = post(client, event, answers={school: "Лицей", section: "B", parking: True})

    assert bad.status_code == 400
    fields = error(bad)["fields"]
    assert set(fields) == {school, section, parking}
    assert good.status_code == 201
    assert good.json()["me"]["answers"] == {school: "Лицей", section: "B", parking: True}
    assert [q["kind"] for q in good.json()["questions"]] == ["short_text", "choice", "yes_no"]


def test_answers_that_are_not_text_choice_or_yes_no_are_refused(client, make_event, people):
    client.force_login(people["pupils"][0])

    response = post(client, make_event(), answers={"x": {"deep": [1, 2]}})

    assert response.status_code == 400
    assert "answers" in error(response)["fields"]


def test_only_live_public_event_pages_are_registrable(client, make_event, events_index):
    draft = make_event("draft")
    draft.unpublish()
    private = make_event("private")
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")

    for page_id in (draft.pk, private.pk, events_index.pk, 999999):
        response = client.get(f"/api/events/{page_id}/registration")
        assert response.status_code == 404
        assert error(response)["code"] == "not_found"


def test_the_public_list_names_only_those_who_chose_it(client, make_event, people):
    event = make_event(registration_access="public")
    shown, hidden = people["pupils"][:2]
    teacher = people["teacher"]
    teacher.first_name, teacher.last_name = "Ирина", "Петрова"
    teacher.save()
    services.registration_create(event=event, person=teacher, public_listing=True)
    services.registration_create(event=event, person=shown, public_listing=True)
    services.registration_create(event=event, person=hidden, public_listing=False)
    guest, token = services.guest_registration_create(
        event=event, name="Ольга Смирнова", email="olga@example.org", public_listing=True
    )
    services.guest_registration_confirm(event=event, raw_token=token)

    names = client.get(url(event)).json()["participants"]

    # A pupil without parental consent appears by class only; a guest by first name.
    assert names == ["Ирина Петрова", "ученик 7А класса", "Ольга"]
    assert all(hidden.first_name not in name for name in names)


def test_a_guest_gets_the_same_202_whether_or_not_the_address_is_registered(client, make_event):
    event = make_event(registration_access="public")
    body = {"name": "Ольга", "email": "olga@example.org"}

    first = client.post(
        f"/api/events/{event.pk}/guest-registration", body, content_type="application/json"
    )
    again = client.post(
        f"/api/events/{event.pk}/guest-registration", body, content_type="application/json"
    )

    assert first.status_code == again.status_code == 202
    assert first.json() == again.json()
    assert Registration.objects.get().status == S.UNCONFIRMED


def test_guests_are_refused_where_an_account_is_required(client, make_event):
    event = make_event(registration_access="signed_in")

    response = client.post(
        f"/api/events/{event.pk}/guest-registration",
        {"name": "Ольга", "email": "olga@example.org"},
        content_type="application/json",
    )
    bad = client.post(
        f"/api/events/{event.pk}/guest-registration",
        {"name": "", "email": "not-an-address"},
        content_type="application/json",
    )

    assert response.status_code == 403
    assert bad.status_code in (400, 403)
    assert not Registration.objects.exists()


def test_a_guest_address_gets_only_a_few_links(client, make_event):
    event = make_event(registration_access="public")
    statuses = [
        client.post(
            f"/api/events/{event.pk}/guest-registration",
            {"name": "Ольга", "email": "OLGA@example.org"},
            content_type="application/json",
            REMOTE_ADDR=f"198.51.100.{i}",
        ).status_code
        for i in range(5)
    ]

    assert statuses[:3] == [202, 202, 202]
    assert statuses[3] == 429


def test_my_events_list_mine_and_my_childs_with_position_and_attendance(client, make_event, people):
    soon = make_event("soon", capacity=1)
    later = make_event("later", start=timezone.now() + timedelta(days=20))
    child = people["pupils"][0]
    services.registration_create(event=soon, person=people["pupils"][1])
    services.registration_create(event=soon, person=child, by=people["parent"])
    mine = services.registration_create(event=later, person=people["parent"]).registration
    services.registration_check_in(event=later, code=mine.code)
    client.force_login(people["parent"])

    items = client.get("/api/me/registrations").json()

    assert [(i["event"]["id"], i["person"]["id"], i["status"], i["position"]) for i in items] == [
        (soon.pk, child.pk, "waiting", 1),
        (later.pk, people["parent"].pk, "confirmed", None),
    ]
    assert items[1]["attended"] is True and items[1]["code"] == mine.code
    assert items[0]["event"]["url"].endswith("/soon/")


def test_my_events_never_show_another_persons_registrations(client, make_event, people):
    event = make_event()
    services.registration_create(event=event, person=people["pupils"][0])
    client.force_login(people["other_parent"])

    assert client.get("/api/me/registrations").json() == []
    assert client.get(url(event)).json()["me"]["status"] is None
