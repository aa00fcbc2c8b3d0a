"""The "Модераторы" group may moderate comments (staff and administrators may by their role)."""

from django.db import migrations

MODERATORS = "Модераторы"


def moderators_group_create(apps, schema_editor):
    # Django makes permission rows after all migrations; make this one now to give it away.
    ContentType = apps.get_model("contenttypes", "ContentType")
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    comment_type, _ = ContentType.objects.get_or_create(app_label="comments", model="comment")
    Permission.objects.get_or_create(
        content_type=comment_type,
        codename="moderate_comment",
        defaults={"name": "Может модерировать комментарии"},
    )
    group, _ = Group.objects.get_or_create(name=MODERATORS)
    wanted = Permission.objects.filter(
        content_type__app_label="comments", codename="moderate_comment"
    ) | Permission.objects.filter(content_type__app_label="wagtailadmin", codename="access_admin")
    group.permissions.add(*wanted)


def moderators_group_forget(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Permission.objects.filter(
        content_type__app_label="comments", codename="moderate_comment"
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("comments", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
    ]

    operations = [migrations.RunPython(moderators_group_create, moderators_group_forget)]
