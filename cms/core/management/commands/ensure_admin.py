"""Create the first administrator once; later runs leave accounts alone."""

import os
import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = (
        "Create an administrator if none exists. The password comes from ADMIN_PASSWORD, "
        "or is generated and printed once."
    )

    def handle(self, *args, **options):
        User = get_user_model()
        if User.objects.filter(is_superuser=True).exists():
            self.stdout.write("An administrator already exists; nothing to do.")
            return
        username = os.environ.get("ADMIN_USERNAME", "admin")
        given = os.environ.get("ADMIN_PASSWORD")
        password = given or secrets.token_urlsafe(18)
        try:
            validate_password(password, user=User(username=username))
        except ValidationError as exc:
            raise CommandError(
                "ADMIN_PASSWORD is not accepted: "
                + " ".join(exc.messages)
                + " Choose a longer password (at least 12 characters, not a common word), "
                "or unset ADMIN_PASSWORD to have one generated."
            ) from exc
        User.objects.create_superuser(username=username, email="", password=password)
        if given:
            self.stdout.write(
                f"Administrator «{username}» created with the password from ADMIN_PASSWORD."
            )
        else:
            self.stdout.write(
                self.style.WARNING(
                    f"Administrator «{username}» created. "
                    f"Password (shown only this once): {password}"
                )
            )
