"""Import people from a roster CSV, as the admin's «Загрузка списка людей» does."""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _

from cms.users.roster import RosterError
from cms.users.services import roster_import
from publish.progress import Progress

# Small files are done before a progress line would help.
PROGRESS_FROM_ROWS = 200


class Command(BaseCommand):
    help = (
        "Import people from a CSV (surname, name, patronymic, class, role, email, parent_of; "
        "Russian headers too). Nothing is imported when any row is wrong; re-importing the "
        "same file changes nothing. New people with an email get an invitation."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--language",
            choices=["ru", "en"],
            help="Language of the messages (default: the site's, Russian).",
        )

    def handle(self, *args, language=None, **options):
        with translation.override(language or translation.get_language()):
            self.import_file(options["file"])

    def import_file(self, file: Path) -> None:
        try:
            data = file.read_bytes()
        except OSError as error:
            raise CommandError(f"{file}: {error.strerror}") from error

        def progress_for(total):
            return Progress(
                _("Загрузка списка"), total, stream=sys.stderr, enabled=total >= PROGRESS_FROM_ROWS
            )

        try:
            report = roster_import(data=data, filename=str(file), progress_for=progress_for)
        except RosterError as error:
            raise CommandError("\n" + "\n".join(str(p) for p in error.problems)) from None
        self.stdout.write(report_text(report))
        for email in report.send_failures:
            self.stderr.write(_("Приглашение не отправлено: %(email)s") % {"email": email})


def report_text(report) -> str:
    return _(
        "Создано: %(created)s, изменено: %(updated)s, без изменений: %(unchanged)s. "
        "Новых связей «родитель — ребёнок»: %(links)s. Приглашений отправлено: %(invited)s."
    ) % vars(report)
