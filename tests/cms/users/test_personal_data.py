"""What the space holds about a person: every app's share is exported, and erased on deletion.

The first tests are the guard for later apps: a model that points at the user model must be
covered by an exporter and an eraser, or declared exempt with a reason
(`cms/users/personal_data.py`).
"""

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.apps import apps
from django.contrib.auth import get_user_model
from django.test import Client

from cms.calendars.models import CalendarFeedToken
from cms.calendars.services import calendar_feed_create
from cms.notifications.models import Notification, NotificationPreference
from cms.users.choices import RoleChoices
from cms.users.models import Guardianship, Invitation, User, UserRole
from cms.users.personal_data import (
    erasers,
    exempt_from_erasure,
    exempt_from_export,
    exporters,
    register_eraser,
    register_exporter,
)
from cms.users.selectors import account_deletion_refusal, personal_data_export, sessions_of
from cms.users.services import account_delete, email_address_record, invitation_create

from .conftest import make_person

TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def models_pointing_at_people() -> set[str]:
    """Every model with a foreign key (or many-to-many) of its own to the user model."""
    user_model = get_user_model()
    found = set()
    for model in apps.get_models():
        if model._meta.proxy:
            continue
        fields = [*model._meta.local_fields, *model._meta.local_many_to_many]
        if any(field.is_relation and field.related_model is user_model for field in fields):
            found.add(model._meta.label)
    return found


def test_every_model_that_points_at_a_person_is_exported_or_exempt_with_a_reason():
    covered = {label for exporter in exporters() for label in exporter.models}
    # The guard sees the models it guards: ours, allauth's and Wagtail's.
    assert {"notifications.Notification", "mfa.Authenticator", "wagtailcore.Revision"} <= (
        models_pointing_at_people()
    )

    missing = models_pointing_at_people() - covered - set(exempt_from_export())

    assert not missing, (
        f"{sorted(missing)} hold rows about people but no exporter covers them: register one "
        "in the app's privacy.py (cms/users/personal_data.py says how), or register_exempt "
        "them with the reason"
    )


def test_every_model_that_points_at_a_person_is_erased_or_exempt_with_a_reason():
    covered = {label for eraser in erasers() for label in eraser.models}

    missing = models_pointing_at_people() - covered - set(exempt_from_erasure())

    assert not missing, (
        f"{sorted(missing)} hold rows about people but deleting an account leaves them: "
        "register an eraser in the app's privacy.py, or register_exempt them with the reason"
    )


def test_every_model_named_by_the_registry_exists():
    named = {
        *(label for exporter in exporters() for label in exporter.models),
        *(label for eraser in erasers() for label in eraser.models),
        *exempt_from_export(),
        *exempt_from_erasure(),
    }

    for label in named:
        apps.get_model(label)


@pytest.fixture
def olga(family, password):
    """The parent of the family with everything the space can hold about a person."""
    parent = family["parent"]
    parent.first_name, parent.last_name = "Ольга", "Смирнова"
    parent.set_password(password)
    parent.save()
    email_address_record(user=parent, verified=True)
    invitation_create(user=parent)
    Authenticator.objects.create(
        user=parent, type=Authenticator.Type.TOTP, data={"secret": TOTP_SECRET}
    )
    Notification.objects.create(recipient=parent, kind="general", title="Собрание в четверг")
    NotificationPreference.objects.create(user=parent, kind="general", by_email=False)
    calendar_feed_create(user=parent)
    Notification.objects.create(recipient=family["teacher"], kind="general", title="Чужое")
    return parent


@pytest.mark.django_db
def test_the_export_has_every_section_and_the_child_by_name_but_no_secrets(olga, family):
    export = personal_data_export(person=olga)

    sections = export["sections"]
    assert export["format_version"] == 1
    assert sections["profile"]["last_name"] == "Смирнова"
    assert sections["profile"]["email"] == "parent@example.org"
    assert sections["roles"] == [RoleChoices.PARENT]
    assert sections["family"]["children"][0]["name"] == "Артём Смирнов"
    assert sections["family"]["children"][0]["school_class"] == "7А"
    assert sections["email_addresses"] == [
        {"email": "parent@example.org", "verified": True, "primary": True}
    ]
    assert [factor["type"] for factor in sections["second_factors"]] == ["totp"]
    assert len(sections["invitations"]) == 1
    assert [n["title"] for n in sections["notifications"]["notifications"]] == [
        "Собрание в четверг"
    ]
    assert sections["notifications"]["preferences"] == [{"kind": "general", "by_email": False}]
    assert sections["calendar"]["feed_created_at"] is not None
    text = repr(export)
    assert TOTP_SECRET not in text
    assert olga.password not in text
    assert "Чужое" not in text
    assert Invitation.objects.get(user=olga).token_hash not in text
    assert CalendarFeedToken.objects.get(user=olga).token_hash not in text


@pytest.mark.django_db
def test_a_section_registered_by_a_later_app_appears_in_the_export(family):
    def votes_export(person):
        return {"ballots_cast": 2}

    register_exporter("votes", votes_export)
    try:
        export = personal_data_export(person=family["child"])
    finally:
        from cms.users import personal_data

        personal_data._exporters.pop("votes")

    assert export["sections"]["votes"] == {"ballots_cast": 2}


@pytest.mark.django_db
def test_sessions_of_finds_the_persons_own_sessions_only(family):
    for person in (family["parent"], family["parent"], family["teacher"]):
        Client().force_login(person)

    assert len(sessions_of(user=family["parent"])) == 2


@pytest.mark.django_db
def test_deleting_an_account_leaves_no_personal_data(olga, family, security_log):
    Client().force_login(olga)
    pk = olga.pk

    account_delete(user=olga)

    gone = User.objects.get(pk=pk)
    assert gone.username.startswith("deleted-")
    assert (gone.first_name, gone.last_name, gone.patronymic, gone.email) == ("", "", "", "")
    assert not gone.is_active
    assert not gone.has_usable_password()
    assert gone.school_class is None
    for model, lookup in [
        (UserRole, {"user": pk}),
        (Guardianship, {"parent": pk}),
        (Invitation, {"user": pk}),
        (EmailAddress, {"user": pk}),
        (Authenticator, {"user": pk}),
        (Notification, {"recipient": pk}),
        (NotificationPreference, {"user": pk}),
        (CalendarFeedToken, {"user": pk}),
    ]:
        assert not model.objects.filter(**lookup).exists(), model.__name__
    assert sessions_of(user=gone) == []
    assert not User.objects.filter(email="parent@example.org").exists()
    assert not User.objects.filter(last_name="Смирнова").exists()
    # The child's own account and the other people are untouched.
    assert User.objects.get(pk=family["child"].pk).last_name == "Смирнов"
    assert Notification.objects.filter(title="Чужое").exists()
    [event] = security_log.events("account.deleted")
    assert event["user_id"] == pk
    assert "Смирнова" not in security_log.text()
    assert "parent@example.org" not in security_log.text()


@pytest.mark.django_db
def test_a_later_apps_eraser_runs_inside_the_deletion(family):
    seen = []
    register_eraser("ballots", lambda person: seen.append(person.last_name))
    try:
        account_delete(user=family["teacher"])
    finally:
        from cms.users import personal_data

        personal_data._erasers.pop("ballots")

    # Erasers see the person before the account is anonymised, so they can find their rows.
    assert seen == [family["teacher"].last_name or ""]
    assert not User.objects.filter(username="teacher").exists()


@pytest.mark.django_db
def test_a_failing_eraser_leaves_the_account_as_it_was(family):
    def broken(person):
        Notification.objects.filter(recipient=person).delete()
        raise RuntimeError("disk full")

    Notification.objects.create(recipient=family["teacher"], kind="general", title="Моё")
    register_eraser("broken", broken)
    try:
        with pytest.raises(RuntimeError):
            account_delete(user=family["teacher"])
    finally:
        from cms.users import personal_data

        personal_data._erasers.pop("broken")

    teacher = User.objects.get(pk=family["teacher"].pk)
    assert teacher.username == "teacher"
    assert teacher.is_active
    assert Notification.objects.filter(recipient=teacher).exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "who,refused",
    [("editor", True), ("teacher", False), ("child", False), ("parent", False)],
)
def test_staff_may_not_delete_their_own_account_and_everyone_else_may(family, who, refused):
    assert bool(account_deletion_refusal(user=family[who])) is refused


@pytest.mark.django_db
def test_superusers_and_staff_status_may_not_delete_their_own_account(superuser):
    plain = make_person("clerk", is_staff=True)

    assert account_deletion_refusal(user=superuser)
    assert account_deletion_refusal(user=plain)
