"""Support for students, teachers and parents: the relaxation room, courses, guides and FAQ."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel

from cms.core.blocks import BaseStreamBlock, FAQItemBlock
from cms.core.fields import StreamField
from cms.core.models import BasePage

from . import selectors
from .blocks import ResourceCardBlock

SUPPORT_CHILDREN = [
    "support.RelaxationRoomPage",
    "support.SupportSectionPage",
    "support.CoursePage",
    "support.ParentGuidePage",
    "support.FAQPage",
]


class SupportIndexPage(BasePage):
    """The support system: what it offers students, teachers and parents."""

    body = StreamField(BaseStreamBlock(), blank=True, verbose_name=_("содержание"))

    content_panels = BasePage.content_panels + [FieldPanel("body")]

    parent_page_types = ["pages.HomePage"]
    subpage_types = SUPPORT_CHILDREN
    template = "support/support_index_page.html"

    class Meta:
        verbose_name = _("раздел «Сопровождение»")
        verbose_name_plural = _("разделы «Сопровождение»")


class SupportSectionPage(BasePage):
    """Support for one group of adults (teachers, parents): its courses, guides and answers."""

    body = StreamField(BaseStreamBlock(), blank=True, verbose_name=_("содержание"))

    content_panels = BasePage.content_panels + [FieldPanel("body")]

    parent_page_types = ["support.SupportIndexPage"]
    subpage_types = ["support.CoursePage", "support.ParentGuidePage", "support.FAQPage"]
    template = "support/support_section_page.html"

    class Meta:
        verbose_name = _("раздел сопровождения")
        verbose_name_plural = _("разделы сопровождения")


class RelaxationRoomPage(BasePage):
    """The students' relaxation room: psychological help, health, sport and leisure resources."""

    urgent_help = models.TextField(
        _("если нужна помощь прямо сейчас"),
        blank=True,
        help_text=_("Показывается вверху страницы: куда звонить, если плохо или страшно."),
    )
    body = StreamField(BaseStreamBlock(), blank=True, verbose_name=_("вступление"))
    resources = StreamField(
        [("resource", ResourceCardBlock())],
        blank=True,
        verbose_name=_("ресурсы"),
        help_text=_("Карточки по разделам: психологическая поддержка, здоровье, спорт, досуг."),
    )

    content_panels = BasePage.content_panels + [
        FieldPanel("urgent_help"),
        FieldPanel("body"),
        FieldPanel("resources"),
    ]

    parent_page_types = ["support.SupportIndexPage"]
    subpage_types: list[str] = []
    template = "support/relaxation_room_page.html"

    class Meta:
        verbose_name = _("комната отдыха")
        verbose_name_plural = _("комнаты отдыха")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["resource_groups"] = selectors.resource_groups(resources=self.resources)
        return context


class CoursePage(BasePage):
    """A course for teachers, made of ordered module pages."""

    audience = models.CharField(
        _("для кого"),
        max_length=255,
        help_text=_("Например: «учителя и тьюторы общеобразовательных организаций»."),
    )
    duration_hours = models.PositiveSmallIntegerField(_("объём, часов"), null=True, blank=True)
    study_format = models.CharField(
        _("формат"),
        max_length=255,
        blank=True,
        help_text=_("Например: «очно-заочно, с дистанционными модулями»."),
    )
    developer = models.CharField(
        _("разработчик"),
        max_length=255,
        blank=True,
        help_text=_("Кто разработал программу, например лицей и ИМЦ района."),
    )
    outcomes = models.TextField(
        _("результаты обучения"),
        blank=True,
        help_text=_("Что слушатель сможет делать после курса: каждый пункт с новой строки."),
    )
    body = StreamField(BaseStreamBlock(), blank=True, verbose_name=_("о курсе"))
    # Never rendered on the public page: it only decides who sees the cohort's progress.
    coordinator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("координатор курса"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Видит, как продвигаются все слушатели, и выгружает сводку. Сотрудники и "
            "администрация видят её всегда."
        ),
    )

    content_panels = BasePage.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("audience"),
                FieldRowPanel([FieldPanel("duration_hours"), FieldPanel("study_format")]),
                FieldPanel("developer"),
                FieldPanel("coordinator"),
            ],
            heading=_("Паспорт курса"),
        ),
        FieldPanel("outcomes"),
        FieldPanel("body"),
    ]

    parent_page_types = ["support.SupportIndexPage", "support.SupportSectionPage"]
    subpage_types = ["support.CourseModulePage"]
    template = "support/course_page.html"

    class Meta:
        verbose_name = _("курс")
        verbose_name_plural = _("курсы")

    @property
    def outcome_list(self) -> list[str]:
        return [line.strip() for line in self.outcomes.splitlines() if line.strip()]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["modules"] = selectors.course_modules(course=self, request=request)
        return context


class CourseModulePage(BasePage):
    """A module of a course: goals, duration, materials, and the way to the next module."""

    goals = models.TextField(_("цели модуля"), help_text=_("Каждая цель с новой строки."))
    duration_hours = models.PositiveSmallIntegerField(_("объём, часов"), null=True, blank=True)
    body = StreamField(BaseStreamBlock(), blank=True, verbose_name=_("содержание"))
    materials = StreamField(
        BaseStreamBlock(),
        blank=True,
        verbose_name=_("материалы"),
        help_text=_("Презентации, памятки, шаблоны, ссылки для самостоятельной работы."),
    )
    assignment = models.TextField(
        _("задание"),
        blank=True,
        help_text=_("Практическое задание, которое слушатель выполняет по итогам модуля."),
    )

    content_panels = BasePage.content_panels + [
        FieldPanel("goals"),
        FieldPanel("duration_hours"),
        FieldPanel("body"),
        FieldPanel("materials"),
        FieldPanel("assignment"),
    ]

    parent_page_types = ["support.CoursePage"]
    subpage_types: list[str] = []
    template = "support/course_module_page.html"

    class Meta:
        verbose_name = _("модуль курса")
        verbose_name_plural = _("модули курса")

    @property
    def goal_list(self) -> list[str]:
        return [line.strip() for line in self.goals.splitlines() if line.strip()]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["position"] = selectors.module_position(module=self, request=request)
        return context


class ParentGuidePage(BasePage):
    """A practical guide for parents: a topic explained step by step."""

    grades = models.CharField(
        _("для родителей учеников"),
        max_length=120,
        blank=True,
        help_text=_("Например: «5–9 классов» или «всех классов»."),
    )
    reading_minutes = models.PositiveSmallIntegerField(
        _("время чтения, минут"), null=True, blank=True
    )
    body = StreamField(BaseStreamBlock(), verbose_name=_("содержание"))

    content_panels = BasePage.content_panels + [
        FieldRowPanel([FieldPanel("grades"), FieldPanel("reading_minutes")]),
        FieldPanel("body"),
    ]

    parent_page_types = ["support.SupportIndexPage", "support.SupportSectionPage"]
    subpage_types: list[str] = []
    template = "support/parent_guide_page.html"

    class Meta:
        verbose_name = _("памятка для родителей")
        verbose_name_plural = _("памятки для родителей")


class FAQPage(BasePage):
    """Frequently asked questions, each answer unfolding under its question."""

    body = StreamField(BaseStreamBlock(), blank=True, verbose_name=_("вступление"))
    questions = StreamField([("question", FAQItemBlock())], verbose_name=_("вопросы и ответы"))
    contact = models.CharField(
        _("если ответа нет"),
        max_length=255,
        blank=True,
        help_text=_("Куда задать свой вопрос, например адрес почты или кабинет."),
    )

    content_panels = BasePage.content_panels + [
        FieldPanel("body"),
        FieldPanel("questions"),
        FieldPanel("contact"),
    ]

    parent_page_types = ["support.SupportIndexPage", "support.SupportSectionPage"]
    subpage_types: list[str] = []
    template = "support/faq_page.html"

    class Meta:
        verbose_name = _("вопросы и ответы")
        verbose_name_plural = _("страницы вопросов и ответов")
