"""Meeting rooms and the meetings held in them: who hosts, who is invited, who asked to enter.

A room belongs to a person (a teacher's, tutor's or the psychologist's own room), a project,
a council or the school. A meeting in a room has a time, a duration, a host and participants.
The video itself is the school's provider's (`video/`): a room only carries the unguessable
name the provider's room is called by, so nobody can walk into a meeting by guessing it.

The rules that must hold under concurrency are in the database: one personal room per person,
one room per project and per council, one participation per person (or outside address) and
meeting.
"""

from __future__ import annotations

import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from cms.core.models import BasePage

__all__ = [
    "Meeting",
    "MeetingParticipant",
    "MeetingStatus",
    "MeetingsPage",
    "ParticipantStatus",
    "Room",
    "RoomKind",
    "new_video_name",
]


def new_video_name() -> str:
    """A room name nobody can guess: 128 random bits, letters and digits only (every provider
    accepts them in a room name and an address)."""
    return "cw" + secrets.token_hex(16)


class RoomKind(models.TextChoices):
    PERSONAL = "personal", _("комната человека")
    PROJECT = "project", _("комната проекта")
    COUNCIL = "council", _("комната совета")
    SCHOOL = "school", _("общая комната лицея")


class Room(models.Model):
    """A place to meet: a person's, a project's, a council's or the school's."""

    kind = models.CharField(_("чья комната"), max_length=16, choices=RoomKind.choices)
    title = models.CharField(_("название"), max_length=200)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("владелец"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="meeting_rooms",
        help_text=_("Для комнаты человека: учитель, тьютор или психолог."),
    )
    project = models.OneToOneField(
        "projects.Project",
        verbose_name=_("проект"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="meeting_room",
    )
    council = models.OneToOneField(
        "wagtailcore.Page",
        verbose_name=_("совет"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("Страница совета, чьи заседания проходят в этой комнате."),
    )
    video_name = models.CharField(
        _("имя комнаты у видеосервиса"),
        max_length=64,
        unique=True,
        default=new_video_name,
        editable=False,
    )
    external_url = models.URLField(
        _("постоянная ссылка на видеовстречу"),
        blank=True,
        help_text=_(
            "Только для внешнего сервиса (Телемост, Сферум): ссылка, которую выдадут "
            "допущенным участникам. Для Jitsi и BigBlueButton не нужна."
        ),
    )
    created_at = models.DateTimeField(_("создана"), auto_now_add=True)

    class Meta:
        verbose_name = _("комната встреч")
        verbose_name_plural = _("комнаты встреч")
        ordering = ["title", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["owner"],
                condition=Q(kind="personal"),
                name="meetings_room_one_personal_per_owner",
            ),
            models.CheckConstraint(
                condition=~Q(kind="personal") | Q(owner__isnull=False),
                name="meetings_room_personal_has_owner",
            ),
            models.CheckConstraint(
                condition=~Q(kind="project") | Q(project__isnull=False),
                name="meetings_room_project_has_project",
            ),
            models.CheckConstraint(
                condition=~Q(kind="council") | Q(council__isnull=False),
                name="meetings_room_council_has_council",
            ),
        ]

    def __str__(self):
        return self.title


class MeetingStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("запланирована")
    STARTED = "started", _("идёт")
    ENDED = "ended", _("завершена")
    CANCELLED = "cancelled", _("отменена")


class Meeting(models.Model):
    """A meeting in a room: a time (stored in UTC, shown in Europe/Moscow), a duration, a host.

    `sequence` grows each time the meeting is moved or cancelled, so calendar programs replace
    the event they have (RFC 5545's SEQUENCE) instead of adding a second one.
    """

    room = models.ForeignKey(
        Room, verbose_name=_("комната"), on_delete=models.CASCADE, related_name="meetings"
    )
    title = models.CharField(_("тема"), max_length=200)
    description = models.TextField(_("описание"), blank=True)
    starts_at = models.DateTimeField(_("начало"))
    duration_minutes = models.PositiveSmallIntegerField(_("длительность, минут"), default=45)
    host = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ведущий"),
        on_delete=models.PROTECT,
        related_name="hosted_meetings",
    )
    status = models.CharField(
        _("состояние"),
        max_length=16,
        choices=MeetingStatus.choices,
        default=MeetingStatus.SCHEDULED,
    )
    confidential = models.BooleanField(
        _("конфиденциальная"),
        default=False,
        help_text=_(
            "Встреча с психологом: в письмах и календарях вместо темы пишется «Консультация»."
        ),
    )
    sequence = models.PositiveIntegerField(default=0, editable=False)
    started_at = models.DateTimeField(_("началась"), null=True, blank=True)
    ended_at = models.DateTimeField(_("закончилась"), null=True, blank=True)
    minutes = models.TextField(_("протокол"), blank=True)
    created_at = models.DateTimeField(_("создана"), auto_now_add=True)
    updated_at = models.DateTimeField(_("изменена"), auto_now=True)

    class Meta:
        verbose_name = _("встреча")
        verbose_name_plural = _("встречи")
        ordering = ["starts_at", "pk"]
        indexes = [models.Index(fields=["room", "starts_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(duration_minutes__gte=5) & Q(duration_minutes__lte=480),
                name="meetings_meeting_duration_5_to_480",
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def ends_at(self):
        return self.starts_at + timedelta(minutes=self.duration_minutes)


class ParticipantStatus(models.TextChoices):
    INVITED = "invited", _("приглашён")
    ACCEPTED = "accepted", _("придёт")
    DECLINED = "declined", _("отказался")
    # Asked to enter: before the meeting the host answers the request; during it the person
    # waits in the lobby.
    REQUESTED = "requested", _("просит войти")
    ADMITTED = "admitted", _("допущен")
    REFUSED = "refused", _("не допущен")


class MeetingParticipant(models.Model):
    """A person (or an outside address) and their place in a meeting."""

    meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("встреча"),
        on_delete=models.CASCADE,
        related_name="participants",
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("участник"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="meeting_participations",
    )
    email = models.EmailField(
        _("почта приглашённого извне"),
        blank=True,
        help_text=_("Для гостя без учётной записи на сайте."),
    )
    name = models.CharField(_("имя гостя"), max_length=200, blank=True)
    status = models.CharField(
        _("состояние"),
        max_length=16,
        choices=ParticipantStatus.choices,
        default=ParticipantStatus.INVITED,
    )
    reason = models.CharField(_("зачем хочет войти"), max_length=300, blank=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("кто пригласил"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # A guest without an account follows a link with this token (only its hash is kept).
    token_hash = models.CharField(max_length=64, blank=True, editable=False)
    created_at = models.DateTimeField(_("добавлен"), auto_now_add=True)
    responded_at = models.DateTimeField(_("ответил"), null=True, blank=True)

    class Meta:
        verbose_name = _("участник встречи")
        verbose_name_plural = _("участники встреч")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "person"],
                condition=Q(person__isnull=False),
                name="meetings_participant_one_per_person",
            ),
            models.UniqueConstraint(
                "meeting",
                Lower("email"),
                condition=Q(person__isnull=True),
                name="meetings_participant_one_per_email",
            ),
            models.CheckConstraint(
                condition=Q(person__isnull=False) | ~Q(email=""),
                name="meetings_participant_person_or_email",
            ),
        ]

    def __str__(self):
        return self.name or self.email or str(self.person)


class MeetingsPage(BasePage):
    """The meetings on the static site, inside the cabinet: one shell for everyone, whose
    widgets fetch the signed-in person's meetings, invitations and lobby from the API. A meeting
    opens in it by its address (`?meeting=<id>`), a guest's invitation by the fragment
    (`#guest=<token>`); nothing personal is ever in the published file."""

    search_exclude = True

    parent_page_types = ["users.CabinetPage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1
    template = "meetings/meetings_page.html"

    class Meta:
        verbose_name = _("встречи (комнаты встреч)")
        verbose_name_plural = _("встречи (комнаты встреч)")
