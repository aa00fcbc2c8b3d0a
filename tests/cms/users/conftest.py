import pytest

from cms.users.choices import RoleChoices
from cms.users.models import Guardianship, SchoolClass, User, UserRole
from tests.cms.security.conftest import SecurityLog

HEADER = "surname,name,patronymic,class,role,email,parent_of\n"


def make_person(
    username: str, *roles: str, school_class: str = "", email: str = "", **fields
) -> User:
    """A person with `roles`; a pupil's class is created when it does not exist yet."""
    if school_class:
        fields["school_class"], _ = SchoolClass.objects.get_or_create(name=school_class)
    person = User.objects.create_user(username=username, email=email, **fields)
    UserRole.objects.bulk_create(UserRole(user=person, role=role) for role in roles)
    return person


def csv_bytes(*rows: str, header: str = HEADER, encoding: str = "utf-8") -> bytes:
    return (header + "".join(row + "\n" for row in rows)).encode(encoding)


@pytest.fixture
def security_log():
    from django.conf import settings

    return SecurityLog(settings.SECURITY_LOG_FILE)


@pytest.fixture
def password():
    return "correct-horse-battery-staple"


@pytest.fixture
def superuser(django_user_model, password):
    return django_user_model.objects.create_superuser(
        username="director", email="director@school.example", password=password
    )


@pytest.fixture
def family(db):
    """A pupil of 7А with a parent, another family's pupil, a teacher and an editor."""
    child = make_person(
        "pupil", RoleChoices.STUDENT, school_class="7А", first_name="Артём", last_name="Смирнов"
    )
    parent = make_person("parent", RoleChoices.PARENT, email="parent@example.org")
    Guardianship.objects.create(parent=parent, child=child)
    other_child = make_person("other", RoleChoices.STUDENT, school_class="7Б")
    teacher = make_person("teacher", RoleChoices.TEACHER, email="teacher@example.org")
    editor = make_person("editor", RoleChoices.STAFF, email="editor@example.org")
    return {
        "child": child,
        "parent": parent,
        "other_child": other_child,
        "teacher": teacher,
        "editor": editor,
    }
