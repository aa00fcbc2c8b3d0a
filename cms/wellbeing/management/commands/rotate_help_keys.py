"""`manage.py rotate_help_keys`: re-encrypt every request and reply with the first key of
HELP_ENCRYPTION_KEYS, so the keys after it can be dropped."""

from django.core.management.base import BaseCommand, CommandError

from cms.wellbeing.crypto import DecryptionError
from cms.wellbeing.keys import texts_rotate


class Command(BaseCommand):
    help = (
        "Re-encrypts the psychologist's requests and replies with the first key of "
        "HELP_ENCRYPTION_KEYS. Run it after putting a new key first; then drop the old ones."
    )

    def handle(self, *args, **options):
        try:
            done = texts_rotate(progress=lambda line: self.stdout.write(line))
        except DecryptionError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            f"re-encrypted {done['requests']} requests and {done['replies']} replies "
            "with the first key"
        )
