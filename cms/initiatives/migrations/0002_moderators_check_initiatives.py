from django.contrib.auth.management import create_permissions
from django.db import migrations

MODERATORS = "Модераторы"


def moderators_may_check(apps, schema_editor):
    """The "Модераторы" group checks initiatives' feasibility (with the administration)."""
    # Permissions are made after all migrations; make this app's now so it can be granted.
    config = apps.get_app_config("initiatives")
    # A historical app config has no models module, which create_permissions requires.
    config.models_module = True
    create_permissions(config, apps=apps, verbosity=0)
    config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=MODERATORS)
    permission = Permission.objects.filter(
        content_type__app_label="initiatives", codename="check_initiative"
    ).first()
    if permission is not None:
        group.permissions.add(permission)


def moderators_may_not_check(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    group = Group.objects.filter(name=MODERATORS).first()
    if group is not None:
        group.permissions.remove(
            *group.permissions.filter(
                content_type__app_label="initiatives", codename="check_initiative"
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("initiatives", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(moderators_may_check, moderators_may_not_check)]
