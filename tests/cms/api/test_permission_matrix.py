"""Every endpoint, asked by every kind of person about their own, another's and a child's data.

The people: a pupil (Иванов) with a parent, another pupil (Петров) with another parent, a
teacher, a tutor, a partner from outside the school, staff, and an anonymous visitor. The
pupil's notification and name are the "private thing": only the pupil and their own parent
may ever see them.
"""

import pytest
from django.contrib.auth import get_user_model

from cms.calendars.models import CalendarFeedToken
from cms.calendars.services import calendar_feed_create
from cms.notifications.models import Notification
from cms.users.models import Guardianship, SchoolClass
from cms.users.services import user_roles_set

pytestmark = pytest.mark.django_db

ASKERS = [
    "anonymous",
    "student",
    "other_student",
    "parent_of",
    "parent_of_other",
    "teacher",
    "tutor",
    "partner",
    "staff",
]
PRIVATE = "Иванов"


@pytest.fixture
def people():
    User = get_user_model()
    seventh = SchoolClass.objects.create(name="7А")

    def person(key, roles, surname, **fields):
        user = User.objects.create_user(
            username=key,
            email=f"{key}@example.org",
            password="x" * 16,
            last_name=surname,
            first_name="Имя",
            **fields,
        )
        user_roles_set(user=user, roles=roles)
        return user

    found = {
        "student": person(
            "student", ["student"], PRIVATE, school_class=seventh, parental_consent=True
        ),
        "other_student": person("other_student", ["student"], "Петров", school_class=seventh),
        "parent_of": person("parent_of", ["parent"], "Иванова"),
        "parent_of_other": person("parent_of_other", ["parent"], "Петрова"),
        "teacher": person("teacher", ["teacher"], "Кузнецова"),
        "tutor": person("tutor", ["tutor"], "Волков"),
        "partner": person("partner", ["partner"], "Fischer", organisation="Технопарк"),
        "staff": person("staff", ["staff"], "Сотрудникова", is_staff=True),
    }
    Guardianship.objects.create(parent=found["parent_of"], child=found["student"])
    Guardianship.objects.create(parent=found["parent_of_other"], child=found["other_student"])
    found["secret"] = Notification.objects.create(
        recipient=found["student"], kind="general", title=f"Оценка: {PRIVATE}"
    )
    for key in ASKERS[1:]:
        Notification.objects.create(recipient=found[key], kind="general", title=f"для {key}")
    return found


def ask(client, people, asker, method, path, body=None):
    if asker != "anonymous":
        client.force_login(people[asker])
    send = getattr(client, method)
    if body is None:
        return send(path)
    return send(path, body, content_type="application/json")


@pytest.mark.parametrize("asker", ASKERS)
def test_me_answers_everyone_and_describes_only_the_asker(client, people, asker):
    response = ask(client, people, asker, "get", "/api/me")

    body = response.json()
    assert response.status_code == 200
    assert body["authenticated"] is (asker != "anonymous")
    if asker not in ("student", "parent_of"):
        assert PRIVATE not in response.content.decode()


CHILDREN = {"parent_of": ["student"], "parent_of_other": ["other_student"]}


@pytest.mark.parametrize("asker", ASKERS)
def test_my_children_lists_a_parents_own_children_and_nobody_elses(client, people, asker):
    response = ask(client, people, asker, "get", "/api/me/children")

    if asker == "anonymous":
        assert response.status_code == 401
        return
    assert response.status_code == 200
    names = response.content.decode()
    expected = CHILDREN.get(asker, [])
    assert len(response.json()) == len(expected)
    assert (PRIVATE in names) is (asker == "parent_of")


@pytest.mark.parametrize("asker", ASKERS)
def test_notifications_are_the_askers_own(client, people, asker):
    response = ask(client, people, asker, "get", "/api/notifications")

    if asker == "anonymous":
        assert response.status_code == 401
        return
    titles = [n["title"] for n in response.json()["results"]]
    assert response.status_code == 200
    if asker == "student":
        assert sorted(titles) == sorted([f"Оценка: {PRIVATE}", "для student"])
    else:
        assert titles == [f"для {asker}"]


@pytest.mark.parametrize("asker", ASKERS)
def test_only_the_recipient_can_mark_a_notification_read(client, people, asker):
    secret = people["secret"]

    response = ask(client, people, asker, "post", "/api/notifications/read", {"ids": [secret.pk]})

    secret.refresh_from_db()
    if asker == "anonymous":
        assert response.status_code == 401
    else:
        assert response.json() == {"marked": 1 if asker == "student" else 0}
    assert (secret.read_at is not None) is (asker == "student")


@pytest.mark.parametrize("asker", ASKERS)
def test_notification_settings_are_the_askers_own(client, people, asker):
    response = ask(
        client,
        people,
        asker,
        "put",
        "/api/notifications/preferences",
        {"kind": "general", "by_email": False},
    )

    if asker == "anonymous":
        assert response.status_code == 401
        return
    assert response.status_code == 200
    others = [key for key in ASKERS[1:] if key != asker]
    assert not people[others[0]].notification_preferences.exists()


@pytest.mark.parametrize("asker", ASKERS)
def test_my_data_export_is_the_askers_own(client, people, asker):
    response = ask(client, people, asker, "get", "/api/me/export")

    if asker == "anonymous":
        assert response.status_code == 401
        return
    text = response.content.decode()
    assert response.status_code == 200
    assert response.json()["sections"]["profile"]["username"] == asker
    # The pupil's grade is in their own file only; their name also in their parent's.
    assert ("Оценка" in text) is (asker == "student")
    if asker not in ("student", "parent_of"):
        assert PRIVATE not in text


@pytest.mark.parametrize("asker", ASKERS)
def test_the_calendar_feed_settings_are_the_askers_own(client, people, asker):
    calendar_feed_create(user=people["student"])

    response = ask(client, people, asker, "get", "/api/me/calendar")

    if asker == "anonymous":
        assert response.status_code == 401
        return
    assert response.json()["exists"] is (asker == "student")
    revoked = ask(client, people, asker, "delete", "/api/me/calendar")
    assert revoked.status_code == 204
    assert CalendarFeedToken.objects.filter(user=people["student"]).exists() is (asker != "student")


@pytest.mark.parametrize("asker", ASKERS)
def test_a_calendar_feed_opens_for_its_token_only_whoever_asks(client, people, asker):
    _feed, token = calendar_feed_create(user=people["student"])

    mine = ask(client, people, asker, "get", f"/api/calendar/{token}.ics")
    guessed = client.get(f"/api/calendar/{token[:-1]}x.ics")

    assert mine.status_code == 200
    assert guessed.status_code == 404


@pytest.mark.parametrize("asker", ASKERS)
def test_a_person_deletes_only_their_own_account_and_staff_not_even_that(client, people, asker):
    wrong = ask(client, people, asker, "post", "/api/me/delete", {"password": "y" * 16})
    response = ask(client, people, asker, "post", "/api/me/delete", {"password": "x" * 16})

    expected = {"anonymous": 401, "staff": 403}.get(asker, 200)
    assert wrong.status_code == (400 if expected == 200 else expected)
    assert response.status_code == expected
    User = get_user_model()
    others = [key for key in ASKERS[1:] if key != asker]
    assert User.objects.filter(username__in=others, is_active=True).count() == len(others)
    if asker != "anonymous":
        assert User.objects.filter(username=asker).exists() is (expected != 200)
