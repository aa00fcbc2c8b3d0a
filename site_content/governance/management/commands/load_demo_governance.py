"""The questionnaire and the comments of the open discussion of the coworking Regulation, and a
pupil's initiative to the students' council, so the governance pages have something to take
part in: `make run` calls this after `load_demo_meetings`.

The discussion and the councils are the school's content (site_content/content/…/governance);
the questionnaire and the comment section are records the widgets name by the code the content
gives them. Idempotent: what exists is left as it is, so a second run changes nothing.
"""

from __future__ import annotations

from datetime import datetime, time
from zoneinfo import ZoneInfo

from django.core.management.base import BaseCommand
from django.db import transaction

from cms.comments.models import CommentSection
from cms.initiatives.models import Initiative
from cms.initiatives.services import initiative_propose, initiative_support
from cms.surveys.models import Survey
from cms.users.choices import RoleChoices
from cms.users.models import User
from cms.users.services import parental_consent_record
from site_content.governance.models import CouncilPage, DiscussionPage

CODE = "coworking-regulation-2026"
DISCUSSION_SLUG = "coworking-regulation-2026"
STUDENTS_COUNCIL_SLUG = "students-council"
PUPIL = "student@example.org"
SUPPORTER = "student2@example.org"
SCHOOL_TIME = ZoneInfo("Europe/Moscow")
# Who the Regulation concerns: "students, their parents, teachers and the lyceum's partners".
TAKING_PART = [
    RoleChoices.STUDENT,
    RoleChoices.PARENT,
    RoleChoices.TEACHER,
    RoleChoices.TUTOR,
    RoleChoices.PARTNER,
]


def _question(kind: str, block_id: str, **value) -> dict:
    return {"type": kind, "id": block_id, "value": value}


QUESTIONS = [
    _question(
        "section",
        "regulation-section",
        title="Проект новой редакции Положения",
        text="Ответы анонимны: Совет коворкинга увидит только общие итоги.",
    ),
    _question(
        "single_choice",
        "regulation-support",
        label="Поддерживаете ли вы новую редакцию Положения в целом?",
        help_text="",
        required=True,
        options=["Да", "Скорее да", "Скорее нет", "Нет"],
    ),
    _question(
        "multiple_choice",
        "regulation-important",
        label="Какие изменения для вас важнее всего?",
        help_text="Можно выбрать несколько.",
        required=False,
        options=[
            "Внешние резиденты",
            "Переговорные комнаты",
            "Комната отдыха",
            "Общественные обсуждения",
        ],
    ),
    _question(
        "scale",
        "regulation-clarity",
        label="Насколько понятен текст проекта?",
        help_text="",
        required=True,
        size=5,
        low_label="совсем непонятен",
        high_label="всё понятно",
    ),
    _question(
        "long_text",
        "regulation-proposals",
        label="Ваши предложения к проекту",
        help_text="",
        required=False,
    ),
]


def _moscow(day: str, hour: int) -> datetime:
    return datetime.combine(datetime.fromisoformat(day).date(), time(hour), SCHOOL_TIME)


class Command(BaseCommand):
    help = (
        "Create the questionnaire and the comment section of the coworking Regulation's "
        "discussion and a demo pupil's initiative to the students' council. Needs the site "
        "content; the initiative also needs the demo people."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-any",
            action="store_true",
            help="Skip quietly what has no page or person to belong to; `make run` uses this, "
            "so it works for every school.",
        )

    @transaction.atomic
    def handle(self, *args, **options):
        discussion = DiscussionPage.objects.filter(
            slug=DISCUSSION_SLUG, locale__language_code="ru"
        ).first()
        if discussion is None:
            self.stdout.write("No discussion of the coworking Regulation; nothing to do.")
            return
        survey, made = Survey.objects.get_or_create(
            code=CODE,
            defaults={
                "title": "Анкета участника обсуждения Положения о коворкинг-пространстве",
                "intro": "Пять вопросов о проекте новой редакции Положения.",
                "questions": QUESTIONS,
                "anonymous": True,
                "editable": True,
                "results_public": True,
                "opens_at": _moscow(discussion.opens_on.isoformat(), 9),
                "closes_at": _moscow(discussion.closes_on.isoformat(), 23),
                "audience_roles": TAKING_PART,
            },
        )
        self.stdout.write(f"Survey {survey.code}: {'made' if made else 'already there'}.")
        section, made = CommentSection.objects.get_or_create(
            code=CODE,
            defaults={
                "title": "Комментарии к проекту Положения",
                "page": discussion,
                "audience_roles": TAKING_PART,
            },
        )
        self.stdout.write(f"Comment section {section.code}: {'made' if made else 'already there'}.")
        self._initiative(options["if_any"])

    def _initiative(self, if_any: bool) -> None:
        council = CouncilPage.objects.filter(
            slug=STUDENTS_COUNCIL_SLUG, locale__language_code="ru", initiative_threshold__gt=0
        ).first()
        pupil = User.objects.filter(email__iexact=PUPIL).first()
        if council is None or pupil is None:
            self.stdout.write("No demo pupil or no council taking initiatives; no initiative.")
            return
        if Initiative.objects.filter(council=council, author=pupil).exists():
            self.stdout.write("The demo initiative is already there.")
            return
        if not pupil.parental_consent:
            # The demo parent (parent@example.org) gives it, as they would in their cabinet:
            # an initiative is published with its author's name.
            parental_consent_record(child=pupil, given=True)
            pupil.refresh_from_db()
        initiative = initiative_propose(
            by=pupil,
            council=council,
            title="Клуб настольных игр на большой перемене",
            description=(
                "Открыть в рекреации третьего этажа полку с настольными играми и по средам "
                "проводить турниры. Игры принесём сами, нужен шкаф и разрешение администрации."
            ),
        )
        supporter = User.objects.filter(email__iexact=SUPPORTER).first()
        if supporter is not None:
            initiative_support(initiative=initiative, by=supporter)
        self.stdout.write(f"Initiative «{initiative.title}» proposed.")
