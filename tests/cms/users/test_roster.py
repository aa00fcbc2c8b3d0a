"""Importing a school's roster: all rows or none, idempotent, in the encodings Excel writes."""

import pytest

from cms.users.choices import RoleChoices
from cms.users.models import Guardianship, Invitation, User
from cms.users.roster import RosterError
from cms.users.services import roster_import

from .conftest import csv_bytes, make_person

pytestmark = pytest.mark.django_db

CLASS_7A = (
    "Смирнов,Артём,Игоревич,7А,ученик,,",
    "Смирнова,Ольга,Петровна,,родитель,parent@example.org,Смирнов Артём 7А",
    "Кузнецова,Мария,Александровна,,учитель;член совета,teacher@example.org,",
)


def test_a_good_roster_creates_everyone_with_their_roles_class_and_parent_link(mailoutbox):
    report = roster_import(data=csv_bytes(*CLASS_7A), filename="class.csv")

    assert (report.created, report.updated, report.unchanged) == (3, 0, 0)
    child = User.objects.get(last_name="Смирнов")
    parent = User.objects.get(email="parent@example.org")
    teacher = User.objects.get(email="teacher@example.org")
    assert child.school_class.name == "7А" and child.roles == {RoleChoices.STUDENT}
    assert teacher.roles == {RoleChoices.TEACHER, RoleChoices.COUNCIL_MEMBER}
    assert teacher.patronymic == "Александровна"
    assert Guardianship.objects.filter(parent=parent, child=child).exists()
    assert report.links == 1
    # The pupil has no address: only the two adults are invited.
    assert sorted(m.to[0] for m in mailoutbox) == ["parent@example.org", "teacher@example.org"]
    assert not child.has_usable_password()


def test_a_bad_roster_lists_every_wrong_row_by_file_and_line_and_imports_nobody(mailoutbox):
    data = csv_bytes(
        "Смирнов,Артём,,7А,ученик,,",
        ",Ольга,,,родитель,parent@example.org,",
        "Кузнецова,Мария,,,волшебник,teacher@example.org,",
        "Орлов,Пётр,,,учитель,not-an-email,",
        "Волков,Дмитрий,,,родитель,tutor@example.org,Никто Никакой 9В",
    )

    with pytest.raises(RosterError) as caught:
        roster_import(data=data, filename="class.csv")

    lines = [str(p) for p in caught.value.problems]
    assert lines[0] == "class.csv:3: не указана фамилия"
    assert lines[1].startswith("class.csv:4: неизвестная роль «волшебник»")
    assert lines[2] == "class.csv:5: «not-an-email» — не адрес электронной почты"
    assert len(lines) == 3
    assert not User.objects.exists() and mailoutbox == []


def test_a_child_that_cannot_be_found_stops_the_whole_import():
    data = csv_bytes(
        "Смирнов,Артём,,7А,ученик,,",
        "Волков,Дмитрий,,,родитель,parent@example.org,Никто Никакой 9В",
    )

    with pytest.raises(RosterError) as caught:
        roster_import(data=data, filename="class.csv")

    assert [str(p) for p in caught.value.problems] == [
        "class.csv:3: ребёнок «Никто Никакой 9В» не найден ни в файле, ни среди людей"
    ]
    assert not User.objects.exists()


def test_problems_are_reported_in_english_when_english_is_active():
    from django.utils import translation

    with translation.override("en"), pytest.raises(RosterError) as caught:
        roster_import(data=csv_bytes(",Ольга,,,родитель,parent@example.org,"), filename="a.csv")

    assert str(caught.value.problems[0]) == "a.csv:2: the surname is missing"


def test_importing_the_same_file_again_changes_nothing_and_invites_nobody(mailoutbox):
    roster_import(data=csv_bytes(*CLASS_7A), filename="class.csv")
    mailoutbox.clear()

    report = roster_import(data=csv_bytes(*CLASS_7A), filename="class.csv")

    assert (report.created, report.updated, report.unchanged, report.links) == (0, 0, 3, 0)
    assert User.objects.count() == 3 and Invitation.objects.count() == 2
    assert mailoutbox == []


def test_an_edited_row_updates_that_person_and_their_roles(security_log):
    roster_import(data=csv_bytes(*CLASS_7A), filename="class.csv")
    edited = (*CLASS_7A[:2], "Кузнецова-Орлова,Мария,Александровна,,тьютор,TEACHER@example.org,")

    report = roster_import(data=csv_bytes(*edited), filename="class.csv")

    assert (report.created, report.updated, report.unchanged) == (0, 1, 2)
    teacher = User.objects.get(email="teacher@example.org")
    assert teacher.last_name == "Кузнецова-Орлова"
    assert teacher.roles == {RoleChoices.TUTOR}
    change = security_log.events("roles.changed")[-1]
    assert change["username"] == teacher.username
    assert change["added"] == ["tutor"]
    assert change["removed"] == ["council_member", "teacher"]


def test_a_roster_never_takes_away_the_administrator_role_given_in_the_admin():
    roster_import(data=csv_bytes(*CLASS_7A), filename="class.csv")
    teacher = User.objects.get(email="teacher@example.org")
    teacher.role_links.create(role=RoleChoices.ADMINISTRATOR)

    roster_import(data=csv_bytes(*CLASS_7A), filename="class.csv")

    assert RoleChoices.ADMINISTRATOR in teacher.roles


def test_a_roster_cannot_make_anyone_an_administrator():
    with pytest.raises(RosterError) as caught:
        roster_import(
            data=csv_bytes("Орлов,Пётр,,,администратор,boss@example.org,"), filename="a.csv"
        )

    assert "назначают только в админке" in str(caught.value)


def test_a_cp1251_file_with_semicolons_and_russian_headers_is_read(mailoutbox):
    data = csv_bytes(
        "Смирнов;Артём;;7а;ученик;;",
        'Смирнова;Ольга;;;Родитель;parent@example.org;"Смирнов Артём 7А"',
        'Ёлкина;Анна;;;"учитель; тьютор";elkina@example.org;',
        header="Фамилия;Имя;Отчество;Класс;Роль;Эл. почта;Родитель для\n",
        encoding="cp1251",
    )

    report = roster_import(data=data, filename="export.csv")

    assert report.created == 3
    assert User.objects.get(email="elkina@example.org").roles == {"teacher", "tutor"}
    assert User.objects.get(last_name="Смирнов").school_class.name == "7А"
    assert Guardianship.objects.count() == 1


def test_a_utf8_file_with_a_byte_order_mark_is_read():
    data = b"\xef\xbb\xbf" + csv_bytes("Смирнов,Артём,,7А,student,,")

    assert roster_import(data=data, filename="bom.csv").created == 1


def test_a_pupil_imported_without_an_email_keeps_their_account_when_an_email_is_added():
    roster_import(data=csv_bytes("Смирнов,Артём,Игоревич,7А,ученик,,"), filename="a.csv")
    pupil = User.objects.get()

    report = roster_import(
        data=csv_bytes("Смирнов,Артём,Игоревич,7А,ученик,artem@example.org,"), filename="a.csv"
    )

    assert (report.created, report.updated) == (0, 1)
    pupil.refresh_from_db()
    assert pupil.email == "artem@example.org"


def test_a_parent_can_be_linked_to_a_child_already_in_the_database_by_email():
    child = make_person("pupil", RoleChoices.STUDENT, school_class="8В", email="kid@example.org")

    roster_import(
        data=csv_bytes("Смирнова,Ольга,,,родитель,mum@example.org,kid@example.org"),
        filename="parents.csv",
    )

    assert Guardianship.objects.get().child == child


def test_an_import_is_recorded_in_the_security_log(security_log):
    roster_import(data=csv_bytes(*CLASS_7A), filename="class.csv")

    [event] = security_log.events("roster.imported")
    assert event["file"] == "class.csv"
    assert (event["created"], event["updated"], event["unchanged"]) == (3, 0, 0)
