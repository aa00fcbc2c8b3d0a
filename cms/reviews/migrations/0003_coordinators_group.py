"""The group "Координаторы проектов": the school makes a teacher a coordinator of expert
evaluation by adding them to it (the group holds `reviews.coordinate`)."""

from django.db import migrations

GROUP = "Координаторы проектов"


def create_group(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    # Permissions are created after all migrations ran; this one is needed now.
    content_type, _ = ContentType.objects.get_or_create(app_label="reviews", model="evaluation")
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type,
        codename="coordinate",
        defaults={"name": "Может назначать экспертов и публиковать итоги"},
    )
    group, _ = Group.objects.get_or_create(name=GROUP)
    group.permissions.add(permission)


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("reviews", "0002_default_rubric"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_group, remove_group)]
