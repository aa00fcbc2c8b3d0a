"""The roster and demo-people commands, and the first administrator with the new user model."""

import io

import pytest
from django.core.management import CommandError, call_command

from cms.users.models import Guardianship, User

from .conftest import csv_bytes

pytestmark = pytest.mark.django_db


def run(*args, **kwargs) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out, stderr=io.StringIO(), **kwargs)
    return out.getvalue()


def test_import_roster_prints_the_counts(tmp_path, mailoutbox):
    roster = tmp_path / "class.csv"
    roster.write_bytes(csv_bytes("Кузнецова,Мария,,,учитель,teacher@example.org,"))

    first = run("import_roster", str(roster))
    again = run("import_roster", str(roster), language="en")

    assert "Создано: 1, изменено: 0, без изменений: 0." in first
    assert "Created: 0, updated: 0, unchanged: 1." in again


def test_import_roster_fails_with_file_and_line_of_each_problem(tmp_path):
    roster = tmp_path / "class.csv"
    roster.write_bytes(csv_bytes("Кузнецова,Мария,,,учитель,,", "Орлов,,,,учитель,o@example.org,"))

    with pytest.raises(CommandError) as caught:
        run("import_roster", str(roster))

    assert f"{roster}:2: не указан адрес почты" in str(caught.value)
    assert f"{roster}:3: не указано имя" in str(caught.value)
    assert not User.objects.exists()


def test_demo_people_get_the_demo_password_and_a_second_run_changes_nothing(monkeypatch):
    monkeypatch.setenv("DEMO_PASSWORD", "demo-Passw0rd-2024")

    first = run("load_demo_people")
    second = run("load_demo_people")

    student = User.objects.get(email="student@example.org")
    parent = User.objects.get(email="parent@example.org")
    assert student.check_password("demo-Passw0rd-2024")
    assert Guardianship.objects.filter(parent=parent, child=student).exists()
    assert User.objects.get(email="partner@example.org").is_external
    assert "Создано: 10" in first
    assert "без изменений: 10" in second and "nothing to do" in second


def test_without_demo_password_one_is_generated_and_shown_once(monkeypatch):
    monkeypatch.delenv("DEMO_PASSWORD", raising=False)

    first = run("load_demo_people")
    second = run("load_demo_people")

    assert "shown only this once" in first and "shown only this once" not in second
    password = first.split("shown only this once): ")[1].split()[0]
    assert User.objects.get(email="teacher@example.org").check_password(password)


def test_demo_people_are_refused_for_a_school_without_them(settings):
    settings.DEMO_PEOPLE_ROSTER = ""

    with pytest.raises(CommandError, match="no demo people"):
        run("load_demo_people")
    assert not User.objects.exists()


def test_ensure_admin_creates_the_first_administrator_with_the_custom_user_model(monkeypatch):
    monkeypatch.setenv("ADMIN_PASSWORD", "Kx8#mQ2$vLp9-tulip")

    run("ensure_admin")

    admin = User.objects.get(is_superuser=True)
    assert isinstance(admin, User) and admin.check_password("Kx8#mQ2$vLp9-tulip")


def test_make_run_skips_demo_people_quietly_for_a_school_without_them(settings):
    settings.DEMO_PEOPLE_ROSTER = ""

    output = run("load_demo_people", "--if-any")

    assert "no demo people" in output
    assert not User.objects.exists()


def test_demo_people_sign_in_without_a_confirmation_email(client, monkeypatch):
    monkeypatch.setenv("DEMO_PASSWORD", "Kx8#mQ2$vLp9-tulip")
    run("load_demo_people")

    response = client.post(
        "/ru/accounts/login/",
        {"login": "parent@example.org", "password": "Kx8#mQ2$vLp9-tulip"},
    )

    assert response.status_code == 302
    assert "confirm-email" not in response["Location"]
