"""Events of the space: conferences, hackathons, master classes, problem sessions, seminars,
webinars. Each event publishes an iCalendar file beside its page (``event.ics``); the index
lists upcoming and past events, one listing per event type (``type/<slug>/``) and a calendar
of all its events (``calendar.ics``).
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.models import TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from cms.core.blocks import BaseStreamBlock
from cms.core.build_cache import page_language, per_build, prefetch_page_relations
from cms.core.fields import StreamField
from cms.core.models import BasePage, IllustrationMixin, StaticRoute
from cms.registrations.events import REGISTRATION_ACCESS_CHOICES, Access, validate_reminder_hours
from cms.registrations.questions import QuestionsBlock
from cms.users.fields import RoleListField
from publish.context import current
from site_content.taxonomy.models import EventType, Grade
from site_content.taxonomy.selectors import TermLabels

from . import selectors
from .blocks import (
    ChallengeBlock,
    EventMaterialsBlock,
    SessionBlock,
    SessionTemplateBlock,
    SpeakerBlock,
)
from .ics import calendar_ics

ICS_CONTENT_TYPE = "text/calendar; charset=utf-8"


class EventIndexPage(BasePage):
    """Upcoming and past events, as of the moment the static site was built."""

    body = StreamField(
        BaseStreamBlock(),
        blank=True,
        verbose_name=_("вступление"),
        help_text=_("Текст над списком событий: какие события проводит пространство и для кого."),
    )

    content_panels = BasePage.content_panels + [FieldPanel("body")]
    search_fields = BasePage.search_fields + [index.SearchField("body")]

    parent_page_types = ["pages.HomePage"]
    subpage_types = ["events.EventPage"]
    template = "events/event_index_page.html"
    calendar_path = "calendar.ics"

    class Meta:
        verbose_name = _("список событий")
        verbose_name_plural = _("списки событий")

    @classmethod
    def reserved_child_slugs(cls) -> set[str]:
        """Child slugs that would collide with the index's own listing addresses."""
        return {"type"}

    def _labels(self, request) -> TermLabels:
        return TermLabels(language=page_language(self, request), request=request)

    def _listing(self, request, event_type: str | None = None) -> selectors.EventListing:
        ctx = current(request)
        ctx.depends_on(f"children:{self.pk}")
        return selectors.event_listing(
            index_id=self.pk,
            index=ctx.index,
            now=selectors.events_now(),
            labels=self._labels(request),
            event_type=event_type,
        )

    def _types(self, request) -> list[tuple[str, str]]:
        """(slug, name) of the event types some public event here has, in vocabulary order."""
        return per_build(request, ("event types under", self.pk), lambda: self._load_types(request))

    def _load_types(self, request) -> list[tuple[str, str]]:
        ctx = current(request)
        ids = [info.id for info in ctx.index.children_of(self.pk)]
        terms = (
            EventType.objects.filter(eventpage__pk__in=ids)
            .distinct()
            .order_by("sort_order", "name", "pk")
        )
        labels = self._labels(request)
        seen: dict[str, str] = {}
        for term in terms:
            seen.setdefault(term.slug, labels.label(term))
        return list(seen.items())

    def get_context(self, request, *args, event_type: str | None = None, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        listing = self._listing(request, event_type)
        types = self._types(request)
        context["upcoming"] = listing.upcoming
        context["past"] = listing.past
        context["event_types"] = types
        context["event_type"] = event_type
        context["event_type_label"] = dict(types).get(event_type, "")
        return context

    def type_response(self, request, event_type: str) -> TemplateResponse:
        return TemplateResponse(
            request, self.template, self.get_context(request, event_type=event_type)
        )

    def calendar_response(self, request) -> HttpResponse:
        """Every public event of this index as one calendar a reader can subscribe to."""
        listing = self._listing(request)
        entries = [
            selectors.event_calendar_entry(
                event=item.page, url=item.url, type_label=item.type_label
            )
            for item in [*reversed(listing.past), *listing.upcoming]
        ]
        return HttpResponse(calendar_ics(entries, name=self.title), content_type=ICS_CONTENT_TYPE)

    def static_routes(self) -> list[StaticRoute]:
        routes = [StaticRoute(self.calendar_path, self.calendar_response)]
        for slug, _label in self._types(None):
            routes.append(
                StaticRoute(
                    f"type/{slug}/", lambda request, slug=slug: self.type_response(request, slug)
                )
            )
        return routes


class EventPage(IllustrationMixin, BasePage):
    """One event: what, when (Moscow time), where, for whom, registration, programme, speakers
    and, once it is over, its materials."""

    event_type = models.ForeignKey(
        EventType,
        verbose_name=_("тип события"),
        null=True,
        on_delete=models.PROTECT,
        help_text=_("Конференция, хакатон, мастер-класс, проблемная сессия, семинар, вебинар."),
    )
    start = models.DateTimeField(
        _("начало"), help_text=_("Дата и время начала по московскому времени.")
    )
    end = models.DateTimeField(
        _("окончание"), help_text=_("Дата и время окончания по московскому времени.")
    )
    place = models.CharField(
        _("место проведения"),
        max_length=255,
        blank=True,
        help_text=_("Адрес и аудитория, например «Лицей, актовый зал». Пусто — только онлайн."),
    )
    online_url = models.URLField(
        _("ссылка для онлайн-участия"),
        blank=True,
        help_text=_("Трансляция или видеовстреча (Сферум, Яндекс Телемост…). Пусто — только очно."),
    )
    audience = ParentalManyToManyField(
        Grade,
        blank=True,
        verbose_name=_("для кого"),
        related_name="+",
        help_text=_("Классы и группы участников: обучающиеся, родители, педагоги, партнёры."),
    )
    capacity = models.PositiveIntegerField(
        _("число мест"),
        null=True,
        blank=True,
        help_text=_("Сколько участников можно принять; пусто — без ограничения."),
    )
    registration_opens = models.DateTimeField(
        _("регистрация открывается"),
        null=True,
        blank=True,
        help_text=_("Пусто вместе с закрытием — регистрация не нужна."),
    )
    registration_closes = models.DateTimeField(
        _("регистрация закрывается"),
        null=True,
        blank=True,
        help_text=_("Не позже окончания события."),
    )
    registration_access = models.CharField(
        _("кто может зарегистрироваться"),
        max_length=12,
        choices=REGISTRATION_ACCESS_CHOICES,
        default=Access.SIGNED_IN,
    )
    registration_roles = RoleListField(
        _("роли"),
        blank=True,
        help_text=_("Для «только выбранные»: люди с одной из этих ролей…"),
    )
    registration_classes = ParentalManyToManyField(
        "users.SchoolClass",
        blank=True,
        verbose_name=_("классы"),
        related_name="+",
        help_text=_("…или ученики этих классов. Пусто и там, и там — все с учётной записью."),
    )
    registration_moderated = models.BooleanField(
        _("заявки одобряет организатор"),
        default=False,
        help_text=_("Место держится за заявкой, пока организатор её не одобрит или отклонит."),
    )
    registration_questions = StreamField(
        QuestionsBlock(),
        blank=True,
        verbose_name=_("вопросы участникам"),
        help_text=_("Несколько вопросов при регистрации; ответы видят только организаторы."),
    )
    reminder_hours = models.CharField(
        _("напоминания, часов до начала"),
        max_length=50,
        default="24,1",
        validators=[validate_reminder_hours],
        help_text=_("Через запятую: «24,1» — за сутки и за час. Пусто — без напоминаний."),
    )
    team_size_min = models.PositiveSmallIntegerField(
        _("команда: от, человек"),
        null=True,
        blank=True,
        help_text=_("Для командных событий. Пусто вместе с «до» — участвуют без команд."),
    )
    team_size_max = models.PositiveSmallIntegerField(
        _("команда: до, человек"),
        null=True,
        blank=True,
        help_text=_("Сколько участников может быть в одной команде."),
    )
    body = StreamField(BaseStreamBlock(), blank=True, verbose_name=_("описание"))
    challenges = StreamField(
        [("challenge", ChallengeBlock())],
        blank=True,
        verbose_name=_("задачи"),
        help_text=_("Для хакатонов и проблемных сессий: задачи, над которыми работают команды."),
    )
    programme = StreamField(
        [("session", SessionBlock())],
        blank=True,
        verbose_name=_("программа"),
        help_text=_("Пункты программы по порядку, время московское."),
    )
    speakers = StreamField(
        [("speaker", SpeakerBlock())],
        blank=True,
        verbose_name=_("спикеры"),
        help_text=_("Взрослые спикеры и ведущие; обучающихся не указывайте здесь поимённо."),
    )
    materials = StreamField(
        EventMaterialsBlock(),
        blank=True,
        verbose_name=_("материалы"),
        help_text=_("После события: презентации, сборник, запись, фотоотчёт."),
    )

    content_panels = BasePage.content_panels + [
        FieldPanel("event_type"),
        FieldRowPanel([FieldPanel("start"), FieldPanel("end")], heading=_("Когда")),
        MultiFieldPanel([FieldPanel("place"), FieldPanel("online_url")], heading=_("Где")),
        FieldPanel("audience"),
        MultiFieldPanel(
            [
                FieldPanel("capacity"),
                FieldRowPanel(
                    [FieldPanel("registration_opens"), FieldPanel("registration_closes")]
                ),
                FieldPanel("registration_access"),
                FieldPanel("registration_roles"),
                FieldPanel("registration_classes"),
                FieldPanel("registration_moderated"),
                FieldPanel("registration_questions"),
                FieldPanel("reminder_hours"),
                FieldRowPanel([FieldPanel("team_size_min"), FieldPanel("team_size_max")]),
            ],
            heading=_("Регистрация"),
        ),
        IllustrationMixin.illustration_panel(),
        FieldPanel("body"),
        FieldPanel("challenges"),
        FieldPanel("programme"),
        FieldPanel("speakers"),
        FieldPanel("materials"),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("body"),
        index.SearchField("place"),
        index.SearchField("programme"),
        index.SearchField("speakers"),
        index.FilterField("start"),
    ]

    parent_page_types = ["events.EventIndexPage"]
    subpage_types: list[str] = []
    template = "events/event_page.html"
    ics_path = "event.ics"
    registration_ics_path = "registration.ics"

    class Meta:
        verbose_name = _("событие")
        verbose_name_plural = _("события")

    @property
    def display_date(self):
        return self.start

    @property
    def has_teams(self) -> bool:
        return self.team_size_max is not None

    def registration_class_ids(self) -> set[int]:
        return {school_class.pk for school_class in self.registration_classes.all()}

    def search_facets(self, language: str) -> dict:
        """The event's day and audience, for the search API's date, year and grade filters."""
        labels = TermLabels(language=language)
        return {"event_date": self.start, "grade": labels.labels(self.audience.all())}

    def clean(self):
        super().clean()
        errors: dict[str, list] = {}

        def add(field, message):
            errors.setdefault(field, []).append(message)

        if self.start and self.end and self.end <= self.start:
            add("end", _("Окончание должно быть позже начала."))
        if not self.place.strip() and not self.online_url:
            add("place", _("Укажите место проведения или ссылку для онлайн-участия."))
        opens, closes = self.registration_opens, self.registration_closes
        if bool(opens) != bool(closes):
            add(
                "registration_closes" if opens else "registration_opens",
                _("Укажите и открытие, и закрытие регистрации (или оставьте оба пустыми)."),
            )
        if opens and closes and closes <= opens:
            add("registration_closes", _("Регистрация должна закрыться позже, чем откроется."))
        if closes and self.end and closes > self.end:
            add("registration_closes", _("Регистрация должна закрыться до окончания события."))
        low, high = self.team_size_min, self.team_size_max
        if (low is None) != (high is None):
            add(
                "team_size_max" if low is not None else "team_size_min",
                _("Укажите размер команды «от» и «до» (или оставьте оба пустыми)."),
            )
        elif low is not None and (low < 1 or high < low):
            add("team_size_max", _("Размер команды «до» не может быть меньше «от»; «от» — от 1."))
        for field, message in self.illustration_errors().items():
            add(field, message)
        if self.slug in EventIndexPage.reserved_child_slugs():
            add(
                "slug",
                _("Адрес «%(slug)s» занят страницами типов событий; выберите другой.")
                % {"slug": self.slug},
            )
        if errors:
            raise ValidationError(errors)

    def _public_url(self, request) -> str:
        info = current(request).index.get(self.pk)
        return info.url if info is not None else (self.url or "")

    def type_label(self, request) -> str:
        if self.event_type is None:
            return ""
        return TermLabels(language=page_language(self, request), request=request).label(
            self.event_type
        )

    def get_context(self, request, *args, **kwargs):
        prefetch_page_relations(
            self, request, select_related=("event_type", "image"), prefetch_related=("audience",)
        )
        context = super().get_context(request, *args, **kwargs)
        labels = TermLabels(language=page_language(self, request), request=request)
        now = selectors.events_now()
        context["now"] = now
        context["is_past"] = self.end <= now
        context["is_ongoing"] = self.start <= now < self.end
        context["registration"] = selectors.event_registration(event=self, now=now)
        context["event_type_label"] = labels.label(self.event_type) if self.event_type else ""
        context["audience"] = [labels.label(term) for term in self.audience.all()]
        context["ics_url"] = self._public_url(request) + self.ics_path
        if self.registration_opens:
            context["registration_ics_url"] = self._public_url(request) + self.registration_ics_path
        ctx = current(request)
        info = ctx.index.get(self.pk)
        parent = ctx.index.get(info.parent_id) if info and info.parent_id else None
        if parent is not None and self.event_type is not None:
            ctx.depends_on(f"page:{parent.id}")
            context["type_url"] = f"{parent.url}type/{self.event_type.slug}/"
        return context

    def ics_response(self, request) -> HttpResponse:
        """This event as an iCalendar file, so readers can add it to their calendars."""
        entry = selectors.event_calendar_entry(
            event=self, url=self._public_url(request), type_label=self.type_label(request)
        )
        return HttpResponse(calendar_ics([entry], name=self.title), content_type=ICS_CONTENT_TYPE)

    def registration_ics_response(self, request) -> HttpResponse:
        """The moment registration opens, for readers who want to be there on time."""
        from cms.registrations.calendars import registration_window_ics

        body = registration_window_ics(
            event=self,
            url=settings.PUBLIC_BASE_URL + self._public_url(request),
            now=self.last_published_at or selectors.events_now(),
        )
        return HttpResponse(body, content_type=ICS_CONTENT_TYPE)

    def static_routes(self) -> list[StaticRoute]:
        routes = [StaticRoute(self.ics_path, self.ics_response)]
        if self.registration_opens:
            routes.append(StaticRoute(self.registration_ics_path, self.registration_ics_response))
        return routes


class EventKind(models.TextChoices):
    """The kinds of event the generator makes, one template each."""

    HACKATHON = "hackathon", _("хакатон")
    PROBLEM_SESSION = "problem_session", _("проблемная сессия")
    DEFENCE_DAY = "defence_day", _("день защиты проектов")
    CONFERENCE = "conference", _("конференция")
    MASTER_CLASS = "master_class", _("мастер-класс")


# Kinds whose participants work on challenges, in teams.
CHALLENGE_KINDS = frozenset({EventKind.HACKATHON, EventKind.PROBLEM_SESSION})


class EventTemplate(TranslatableMixin, models.Model):
    """What a generated event of one kind starts with: its programme, its registration
    settings and the sections of its description. A partner school adapts these."""

    kind = models.CharField(_("вид события"), max_length=20, choices=EventKind.choices)
    slug = models.SlugField(
        _("код"),
        max_length=80,
        help_text=_("Латиницей, без пробелов: по нему шаблон находят файлы содержания."),
    )
    name = models.CharField(_("название шаблона"), max_length=200)
    event_type = models.ForeignKey(
        EventType,
        verbose_name=_("тип события"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    lead = models.CharField(
        _("анонс по умолчанию"),
        max_length=300,
        blank=True,
        help_text=_("Одно предложение; учитель может его поправить в черновике."),
    )
    duration_hours = models.PositiveSmallIntegerField(
        _("длительность, часов"),
        default=3,
        help_text=_("Предлагается, если учитель не указал окончание."),
    )
    place = models.CharField(_("место по умолчанию"), max_length=255, blank=True)
    programme = StreamField(
        [("session", SessionTemplateBlock())],
        blank=True,
        verbose_name=_("программа"),
        help_text=_("Пункты программы; время отсчитывается от начала события."),
    )
    body = StreamField(
        BaseStreamBlock(),
        blank=True,
        verbose_name=_("описание"),
        help_text=_("Заготовка описания: разделы, которые заполнит организатор, и «Материалы»."),
    )
    registration_access = models.CharField(
        _("кто может зарегистрироваться"),
        max_length=12,
        choices=REGISTRATION_ACCESS_CHOICES,
        default=Access.SIGNED_IN,
    )
    registration_moderated = models.BooleanField(_("заявки одобряет организатор"), default=False)
    registration_opens_days = models.PositiveSmallIntegerField(
        _("регистрация открывается за, дней"),
        default=14,
        help_text=_("Сколько дней до начала открывается регистрация (не раньше, чем сейчас)."),
    )
    registration_closes_hours = models.PositiveSmallIntegerField(
        _("регистрация закрывается за, часов"),
        default=2,
        help_text=_("За сколько часов до начала закрывается регистрация."),
    )
    capacity = models.PositiveIntegerField(_("число мест по умолчанию"), null=True, blank=True)
    registration_questions = StreamField(
        QuestionsBlock(), blank=True, verbose_name=_("вопросы участникам")
    )
    reminder_hours = models.CharField(
        _("напоминания, часов до начала"),
        max_length=50,
        default="24,1",
        blank=True,
        validators=[validate_reminder_hours],
    )
    team_size_min = models.PositiveSmallIntegerField(
        _("команда: от, человек"), null=True, blank=True
    )
    team_size_max = models.PositiveSmallIntegerField(
        _("команда: до, человек"),
        null=True,
        blank=True,
        help_text=_("Пусто — участвуют без команд."),
    )

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("slug")]),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("event_type")]),
        FieldPanel("lead"),
        FieldRowPanel([FieldPanel("duration_hours"), FieldPanel("place")]),
        FieldPanel("programme"),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("registration_access"),
                FieldPanel("registration_moderated"),
                FieldRowPanel(
                    [
                        FieldPanel("registration_opens_days"),
                        FieldPanel("registration_closes_hours"),
                    ]
                ),
                FieldPanel("capacity"),
                FieldPanel("registration_questions"),
                FieldPanel("reminder_hours"),
                FieldRowPanel([FieldPanel("team_size_min"), FieldPanel("team_size_max")]),
            ],
            heading=_("Регистрация"),
        ),
    ]

    # A translation shares the settings; only the words are translated.
    override_translatable_fields = [
        SynchronizedField("slug"),
        SynchronizedField("kind"),
        SynchronizedField("duration_hours"),
        SynchronizedField("registration_access"),
        SynchronizedField("registration_moderated"),
        SynchronizedField("registration_opens_days"),
        SynchronizedField("registration_closes_hours"),
        SynchronizedField("capacity"),
        SynchronizedField("reminder_hours"),
        SynchronizedField("team_size_min"),
        SynchronizedField("team_size_max"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("шаблон события")
        verbose_name_plural = _("шаблоны событий")
        ordering = ["kind", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["locale", "slug"], name="event_template_unique_slug_locale"
            )
        ]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        low, high = self.team_size_min, self.team_size_max
        if (low is None) != (high is None) or (low is not None and (low < 1 or high < low)):
            raise ValidationError(
                {
                    "team_size_max": _(
                        "Укажите размер команды «от» и «до» (от 1, «до» не меньше «от») "
                        "или оставьте оба пустыми."
                    )
                }
            )


class GeneratedEvent(models.Model):
    """An event page the generator made: whom to tell when it is published (once)."""

    page = models.OneToOneField(
        "wagtailcore.Page", primary_key=True, on_delete=models.CASCADE, related_name="+"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("кто создал"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    template = models.ForeignKey(
        EventTemplate, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    kind = models.CharField(_("вид события"), max_length=20, choices=EventKind.choices)
    created_at = models.DateTimeField(auto_now_add=True)
    published_notified_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("созданное генератором событие")
        verbose_name_plural = _("созданные генератором события")

    def __str__(self):
        return f"{self.page_id} ({self.kind})"
