"""Registration without JavaScript: the register page does what the widget does, a guest's
link confirms only when they press the button, and the published event page carries the
widget's addresses, a link to the register page and, before registration opens, a calendar
file of the opening moment."""

from __future__ import annotations

import re
from datetime import timedelta

import icalendar
import pytest
from django.utils import timezone

from cms.registrations import services
from cms.registrations.models import Registration, RegistrationStatus
from cms.registrations.questions import questions_of
from tests.publish.helpers import live, page_html, publish_full

pytestmark = pytest.mark.django_db

S = RegistrationStatus


def register_url(event, lang="ru") -> str:
    return f"/{lang}/events/{event.pk}/register/"


def test_a_signed_out_reader_sees_the_places_and_a_sign_in_link_back_here(client, make_event):
    event = make_event(capacity=10)

    html = client.get(register_url(event)).content.decode()

    assert "Свободно мест: 10 из 10." in html
    assert f"/ru/accounts/login/?next=%2Fru%2Fevents%2F{event.pk}%2Fregister%2F" in html
    assert 'name="action" value="guest"' not in html


def test_a_pupil_registers_answers_and_cancels_without_javascript(client, make_event, people):
    event = make_event(
        capacity=2, registration_questions=[("short_text", {"label": "Школа", "required": True})]
    )
    [question] = questions_of(event)
    pupil = people["pupils"][0]
    client.force_login(pupil)
    prefix = f"p{pupil.pk}"

    refused = client.post(register_url(event), {"action": "register", "person": pupil.pk})
    done = client.post(
        register_url(event),
        {"action": "register", "person": pupil.pk, f"{prefix}-q_{question.id}": "Лицей 239"},
        follow=True,
    )
    registration = Registration.objects.get(person=pupil)
    cancelled = client.post(
        register_url(event), {"action": "cancel", "person": pupil.pk}, follow=True
    )

    assert "Требуется заполнить это поле." in refused.content.decode()
    assert registration.answers == {question.id: "Лицей 239"}
    page = done.content.decode()
    assert "Готово: регистрация сохранена." in page
    assert registration.code in page and "Свободно мест: 1 из 2." in page
    assert "Регистрация отменена." in cancelled.content.decode()
    assert Registration.objects.get(person=pupil).status == S.CANCELLED


def test_a_parent_registers_their_child_and_not_someone_elses(client, make_event, people):
    event = make_event()
    child, stranger = people["pupils"][:2]
    client.force_login(people["parent"])

    client.post(register_url(event), {"action": "register", "person": child.pk})
    refused = client.post(register_url(event), {"action": "register", "person": stranger.pk})

    assert Registration.objects.get(person=child).registered_by == people["parent"]
    assert "Вы не можете зарегистрироваться на это событие." in refused.content.decode()
    assert not Registration.objects.filter(person=stranger).exists()


def test_the_waiting_list_position_is_shown(client, make_event, people):
    event = make_event(capacity=1)
    services.registration_create(event=event, person=people["pupils"][1])
    client.force_login(people["pupils"][0])

    page = client.post(
        register_url(event), {"action": "register", "person": people["pupils"][0].pk}, follow=True
    ).content.decode()

    assert "В листе ожидания, место в очереди: 1." in page
    assert "Выйти из листа ожидания" in page


def test_a_guest_asks_then_confirms_by_pressing_the_button_on_the_link(client, make_event):
    event = make_event(registration_access="public", capacity=5)

    asked = client.post(
        register_url(event),
        {"action": "guest", "name": "Ольга", "email": "olga@example.org"},
        follow=True,
    )
    registration = Registration.objects.get()
    _, token = services.guest_registration_create(
        event=event, name="Ольга", email="olga@example.org"
    )
    confirm = f"/ru/events/{event.pk}/confirm/{token}/"
    looked = client.get(confirm)
    still = Registration.objects.get().status
    pressed = client.post(confirm)

    assert "Проверьте почту" in asked.content.decode()
    assert still == S.UNCONFIRMED
    assert "Подтвердить регистрацию" in looked.content.decode()
    assert looked["Referrer-Policy"] == "same-origin"
    registration.refresh_from_db()
    assert registration.status == S.CONFIRMED
    assert registration.code in pressed.content.decode()


def test_a_wrong_link_says_so(client, make_event):
    event = make_event(registration_access="public")

    response = client.get(f"/ru/events/{event.pk}/confirm/not-a-token/")

    assert response.status_code == 404
    assert "Ссылка недействительна или устарела." in response.content.decode()


def test_drafts_have_no_register_page(client, make_event):
    event = make_event()
    event.unpublish()

    assert client.get(register_url(event)).status_code == 404


def test_the_published_event_page_points_the_widget_and_the_fallback_at_live_registration(
    site_dir, make_event
):
    opens = timezone.now() + timedelta(days=3)
    event = make_event("later", registration_opens=opens, capacity=30)

    publish_full(strict=True)
    html = page_html("/ru/events/later/")
    calendar = icalendar.Calendar.from_ical(
        (live() / "ru/events/later/registration.ics").read_bytes()
    )

    widget = re.search(r'<div data-widget="registration"[^>]*>', html).group(0)
    assert f'data-endpoint="/api/events/{event.pk}/registration"' in widget
    assert f'data-guest-endpoint="/api/events/{event.pk}/guest-registration"' in widget
    assert f'href="/ru/events/{event.pk}/register/"' in html
    assert 'href="/ru/events/later/registration.ics"' in html
    assert "мест" not in re.sub(r"data-msg-[\w-]+=\"[^\"]*\"", "", widget).lower()
    [entry] = calendar.walk("VEVENT")
    assert entry.decoded("dtstart") == opens.replace(microsecond=0)
    assert entry.walk("VALARM")
