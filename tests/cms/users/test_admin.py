"""People in the Wagtail admin: the account forms with our fields, and the roster upload."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from cms.users.choices import NameDisplay, RoleChoices
from cms.users.models import SchoolClass, User

from .conftest import csv_bytes, make_person

pytestmark = pytest.mark.django_db

UPLOAD_URL = "/admin/people/import/"


def upload(client, data: bytes, name: str = "roster.csv"):
    return client.post(UPLOAD_URL, {"file": SimpleUploadedFile(name, data, "text/csv")})


def test_a_superuser_uploads_a_roster_and_sees_the_counts(client, superuser, mailoutbox):
    client.force_login(superuser)

    response = upload(client, csv_bytes("Кузнецова,Мария,,,учитель,teacher@example.org,"))

    assert response.status_code == 200
    text = response.content.decode()
    assert "создано 1, изменено 0, без изменений 0" in text
    assert User.objects.filter(email="teacher@example.org").exists()
    assert len(mailoutbox) == 1


def test_a_bad_upload_shows_each_problem_and_imports_nobody(client, superuser):
    client.force_login(superuser)

    response = upload(client, csv_bytes("Кузнецова,Мария,,,учитель,,"), name="staff.csv")

    assert "staff.csv:2: не указан адрес почты" in response.content.decode()
    assert not User.objects.filter(last_name="Кузнецова").exists()


def test_the_upload_is_in_the_settings_menu_for_superusers(client, superuser):
    client.force_login(superuser)

    assert UPLOAD_URL in client.get("/admin/").content.decode()


def test_someone_without_the_permission_cannot_reach_the_upload(client, password):
    pupil = make_person("pupil", RoleChoices.STUDENT, school_class="7А")
    pupil.set_password(password)
    pupil.save()
    client.force_login(pupil)

    response = upload(client, csv_bytes("Кузнецова,Мария,,,учитель,teacher@example.org,"))

    assert response.status_code in (302, 403)
    assert not User.objects.filter(email="teacher@example.org").exists()


def test_an_editor_with_admin_access_but_without_the_import_permission_is_refused(client):
    from django.contrib.auth.models import Permission

    editor = make_person("editor", RoleChoices.STAFF, email="editor@example.org")
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)

    response = client.get(UPLOAD_URL)

    # Wagtail turns a refusal into a redirect to the dashboard with a message.
    assert (response.status_code, response["Location"]) == (302, "/admin/")


def test_the_admin_edit_form_saves_the_new_fields_roles_and_consent(
    client, superuser, security_log
):
    pupil = make_person("pupil", RoleChoices.STUDENT, first_name="Артём", last_name="Смирнов")
    klass = SchoolClass.objects.create(name="7А")
    client.force_login(superuser)

    response = client.post(
        f"/admin/users/edit/{pupil.pk}/",
        {
            "username": "pupil",
            "email": "",
            "first_name": "Артём",
            "last_name": "Смирнов",
            "patronymic": "Игоревич",
            "school_class": klass.pk,
            "language": "en",
            "organisation": "",
            "roles": ["student", "council_member"],
            "parental_consent": "on",
            "name_display": NameDisplay.INITIALS,
            "is_active": "on",
            "password1": "",
            "password2": "",
        },
    )

    assert response.status_code == 302, response.content.decode()[:3000]
    pupil.refresh_from_db()
    assert (pupil.patronymic, pupil.school_class, pupil.language) == ("Игоревич", klass, "en")
    assert pupil.name_display == NameDisplay.INITIALS
    assert pupil.parental_consent and pupil.parental_consent_recorded_at is not None
    assert pupil.roles == {"student", "council_member"}
    [change] = security_log.events("roles.changed")
    assert change["added"] == ["council_member"] and change["actor"] == "director"


def test_the_admin_create_form_makes_a_person_with_a_patronymic(client, superuser):
    client.force_login(superuser)

    response = client.post(
        "/admin/users/new/",
        {
            "username": "teacher",
            "email": "Teacher@Example.org",
            "first_name": "Мария",
            "last_name": "Кузнецова",
            "patronymic": "Александровна",
            "roles": ["teacher"],
            "password1": "Kx8#mQ2$vLp9-tulip",
            "password2": "Kx8#mQ2$vLp9-tulip",
            "is_active": "on",
        },
    )

    assert response.status_code == 302, response.content.decode()[:3000]
    teacher = User.objects.get(username="teacher")
    assert teacher.patronymic == "Александровна" and teacher.roles == {"teacher"}


def test_two_people_cannot_share_an_email_in_any_letter_case(client, superuser):
    make_person("first", RoleChoices.TEACHER, email="teacher@example.org")
    client.force_login(superuser)

    response = client.post(
        "/admin/users/new/",
        {
            "username": "second",
            "email": "TEACHER@example.org",
            "first_name": "Мария",
            "last_name": "Кузнецова",
            "password1": "Kx8#mQ2$vLp9-tulip",
            "password2": "Kx8#mQ2$vLp9-tulip",
            "is_active": "on",
        },
    )

    assert response.status_code == 200
    assert not User.objects.filter(username="second").exists()


def test_an_editor_cannot_give_themselves_roles(client, superuser):
    client.force_login(superuser)

    page = client.get(f"/admin/users/edit/{superuser.pk}/").content.decode()

    assert 'name="roles"' not in page
