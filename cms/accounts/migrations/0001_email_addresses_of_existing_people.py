"""People who had accounts before the account pages: their address becomes known to allauth."""

from django.db import migrations


def record_addresses(apps, schema_editor):
    User = apps.get_model("users", "User")
    EmailAddress = apps.get_model("account", "EmailAddress")
    known = set(EmailAddress.objects.values_list("user_id", flat=True))
    EmailAddress.objects.bulk_create(
        EmailAddress(
            user_id=user.pk,
            email=user.email,
            primary=True,
            verified=user.email_verified_at is not None,
        )
        for user in User.objects.exclude(email="").exclude(pk__in=known).iterator()
    )


class Migration(migrations.Migration):
    dependencies = [
        ("account", "0009_emailaddress_unique_primary_email"),
        ("users", "0002_public_role"),
    ]

    operations = [migrations.RunPython(record_addresses, migrations.RunPython.noop)]
