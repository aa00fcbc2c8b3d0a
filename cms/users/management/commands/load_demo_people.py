"""Import the demo school's people and give them a password to try the site with."""

import os
import secrets
from pathlib import Path

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from cms.users.models import User
from cms.users.roster import RosterError, roster_parse
from cms.users.services import email_address_record, roster_import

from .import_roster import report_text


class Command(BaseCommand):
    help = (
        "Import the demo people (DEMO_PEOPLE_ROSTER) and set their password from DEMO_PASSWORD, "
        "or a generated one printed once. Refuses to run for a school without demo people."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-any",
            action="store_true",
            help="Do nothing (instead of failing) when the school has no demo people; "
            "`make run` uses this, so it works for every school.",
        )

    def handle(self, *args, **options):
        roster = Path(settings.DEMO_PEOPLE_ROSTER) if settings.DEMO_PEOPLE_ROSTER else None
        if (roster is None or not roster.is_file()) and options["if_any"]:
            self.stdout.write("This school's content has no demo people; nothing to do.")
            return
        if roster is None or not roster.is_file():
            raise CommandError(
                "This school's content has no demo people (DEMO_PEOPLE_ROSTER is empty or "
                "missing); import real people with `manage.py import_roster FILE.csv`."
            )
        data = roster.read_bytes()
        try:
            emails = [row.email for row in roster_parse(data=data, filename=str(roster))]
            # Demo people sign in with the password below: no invitation emails.
            report = roster_import(data=data, filename=str(roster), invite=False)
        except RosterError as error:
            raise CommandError("\n" + "\n".join(str(p) for p in error.problems)) from None
        self.stdout.write(report_text(report))

        people = list(User.objects.filter(email__in=[e for e in emails if e]))
        given = os.environ.get("DEMO_PASSWORD")
        if given:
            try:
                validate_password(given)
            except ValidationError as error:
                raise CommandError(
                    "DEMO_PASSWORD is not accepted: " + " ".join(error.messages)
                ) from None
            to_set = [p for p in people if not p.check_password(given)]
            password = given
        else:
            # Generated once: people who already have a password keep it.
            to_set = [p for p in people if not p.has_usable_password()]
            password = secrets.token_urlsafe(12)
        with transaction.atomic():
            for person in to_set:
                person.set_password(password)
                person.email_verified_at = person.email_verified_at or timezone.now()
                person.save(update_fields=["password", "email_verified_at"])
            # Demo addresses receive no mail: count them as confirmed, so signing in as a demo
            # person needs no confirmation email.
            for person in people:
                email_address_record(user=person, verified=True)
        if not to_set:
            self.stdout.write("Demo passwords are already set; nothing to do.")
        elif given:
            self.stdout.write(f"Password from DEMO_PASSWORD set for {len(to_set)} demo people.")
        else:
            self.stdout.write(
                self.style.WARNING(
                    f"Password for {len(to_set)} demo people (shown only this once): {password}"
                )
            )
        for person in people:
            self.stdout.write(f"  {person.email}  ({', '.join(sorted(person.roles))})")
