"""Governance of the space: the councils, their members and decisions, and public discussions."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.documents import get_document_model_string
from wagtail.fields import RichTextField
from wagtail.models import Orderable

from cms.core.blocks import BaseStreamBlock, DocumentLinkBlock, RichTextBlock, WidgetBlock
from cms.core.build_cache import prefetch_page_relations
from cms.core.fields import StreamField
from cms.core.models import BasePage

from . import selectors


class GovernanceIndexPage(BasePage):
    """The governance section: how decisions are made, the councils and the open discussions."""

    body = StreamField(BaseStreamBlock(), blank=True, verbose_name=_("содержание"))

    content_panels = BasePage.content_panels + [FieldPanel("body")]

    parent_page_types = ["pages.HomePage"]
    subpage_types = ["governance.CouncilPage", "governance.DiscussionPage"]
    template = "governance/governance_index_page.html"

    class Meta:
        verbose_name = _("раздел «Управление»")
        verbose_name_plural = _("разделы «Управление»")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        children, language = selectors.governance_children(index_page=self, request=request)
        context["children_language"] = language
        context["councils"] = [p for p in children if isinstance(p, CouncilPage)]
        discussions = [p for p in children if isinstance(p, DiscussionPage)]
        context["open_discussions"] = [d for d in discussions if d.is_open]
        context["closed_discussions"] = [d for d in discussions if not d.is_open]
        return context


class CouncilPage(BasePage):
    """A council (of the coworking space, of parents, of students): purpose, members, decisions."""

    purpose = models.TextField(
        _("назначение совета"),
        help_text=_("Зачем существует совет и какие вопросы он решает: два-три предложения."),
    )
    body = StreamField(
        BaseStreamBlock(),
        blank=True,
        verbose_name=_("подробнее"),
        help_text=_("Полномочия, порядок работы, как стать членом совета."),
    )
    regulation = models.ForeignKey(
        get_document_model_string(),
        verbose_name=_("положение о совете"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    contact_email = models.EmailField(
        _("почта совета"),
        blank=True,
        help_text=_(
            "Общий адрес совета или его секретаря (взрослого). Адреса детей не указываются."
        ),
    )
    initiative_threshold = models.PositiveIntegerField(
        _("поддержек для инициативы"),
        default=0,
        help_text=_(
            "Сколько учеников должны поддержать инициативу, чтобы она ушла на проверку "
            "администрации. 0 — совет не принимает инициатив."
        ),
    )

    content_panels = BasePage.content_panels + [
        FieldPanel("purpose"),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("regulation"),
                FieldPanel("contact_email"),
                FieldPanel("initiative_threshold"),
            ],
            heading=_("Документы, контакты, инициативы"),
        ),
        InlinePanel("members", label=_("Члены совета")),
        InlinePanel("decisions", label=_("Заседания и решения")),
    ]

    parent_page_types = ["governance.GovernanceIndexPage"]
    subpage_types: list[str] = []
    template = "governance/council_page.html"

    class Meta:
        verbose_name = _("совет")
        verbose_name_plural = _("советы")

    def get_context(self, request, *args, **kwargs):
        prefetch_page_relations(
            self,
            request,
            select_related=("regulation",),
            prefetch_related=("members", "decisions__document"),
        )
        context = super().get_context(request, *args, **kwargs)
        context["member_groups"] = selectors.council_member_groups(council=self)
        context["decisions"] = sorted(
            self.decisions.all(), key=lambda d: (d.date, d.sort_order or 0), reverse=True
        )
        return context


class MemberGroup(models.TextChoices):
    """Which participants of education a council member represents."""

    TEACHER = "teacher", _("педагоги")
    ADMINISTRATION = "administration", _("администрация лицея")
    PARENT = "parent", _("родители")
    STUDENT = "student", _("обучающиеся")
    PARTNER = "partner", _("партнёры")


class CouncilMember(Orderable):
    """A member of a council. Adults are named in full; a student only by initials and class."""

    page = ParentalKey(CouncilPage, on_delete=models.CASCADE, related_name="members")
    name = models.CharField(
        _("фамилия, имя, отчество"),
        max_length=255,
        help_text=_(
            "Для обучающихся на сайте показываются только инициалы и класс: полное имя ребёнка "
            "не публикуется."
        ),
    )
    role = models.CharField(
        _("роль в совете"),
        max_length=120,
        default="член совета",
        help_text=_("Например: председатель, заместитель председателя, секретарь, член совета."),
    )
    group = models.CharField(_("кого представляет"), max_length=20, choices=MemberGroup.choices)
    school_class = models.CharField(
        _("класс"),
        max_length=10,
        blank=True,
        help_text=_("Только для обучающихся, например «10А»."),
    )
    organisation = models.CharField(
        _("организация или должность"),
        max_length=255,
        blank=True,
        help_text=_("Для взрослых: должность в лицее или организация-партнёр."),
    )
    email = models.EmailField(
        _("почта для связи"),
        blank=True,
        help_text=_("Только для взрослых, согласившихся на публикацию адреса."),
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("учётная запись"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="council_memberships",
        help_text=_(
            "Чья это учётная запись на сайте: член совета голосует в голосованиях совета. "
            "На сайте не показывается."
        ),
    )

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("role")]),
        FieldRowPanel([FieldPanel("group"), FieldPanel("school_class")]),
        FieldPanel("organisation"),
        FieldPanel("email"),
        FieldPanel("person"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("член совета")
        verbose_name_plural = _("члены совета")

    @property
    def is_student(self) -> bool:
        return self.group == MemberGroup.STUDENT

    @property
    def public_name(self) -> str:
        """What the public site shows: an adult's full name, a student's initials and class."""
        if not self.is_student:
            return self.name
        initials = " ".join(f"{part[0].upper()}." for part in self.name.split() if part)
        return f"{initials}, {self.school_class}" if self.school_class else initials

    @property
    def public_email(self) -> str:
        return "" if self.is_student else self.email

    def clean(self):
        super().clean()
        if self.is_student and self.email:
            raise ValidationError(
                {"email": _("Контакты обучающихся не публикуются: оставьте поле пустым.")}
            )
        if self.is_student and not self.school_class:
            raise ValidationError({"school_class": _("Укажите класс обучающегося.")})


class CouncilDecision(Orderable):
    """A meeting of a council and what it decided, with its minutes if published."""

    page = ParentalKey(CouncilPage, on_delete=models.CASCADE, related_name="decisions")
    date = models.DateField(_("дата заседания"))
    title = models.CharField(_("вопрос или повестка"), max_length=255)
    text = models.TextField(_("решение"), help_text=_("Что решили, кто исполняет, к какому сроку."))
    document = models.ForeignKey(
        get_document_model_string(),
        verbose_name=_("протокол или документ"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        FieldRowPanel([FieldPanel("date"), FieldPanel("title")]),
        FieldPanel("text"),
        FieldPanel("document"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("решение совета")
        verbose_name_plural = _("решения совета")


class DiscussionStatus(models.TextChoices):
    OPEN = "open", _("идёт обсуждение")
    CLOSED = "closed", _("обсуждение завершено")


# The widget kinds a discussion can collect opinions with, each at most once.
PARTICIPATION_KINDS = ("survey", "voting", "comments")


class DiscussionPage(BasePage):
    """A public discussion of a plan or initiative: materials, timeline, survey, results."""

    status = models.CharField(
        _("статус"),
        max_length=10,
        choices=DiscussionStatus.choices,
        default=DiscussionStatus.OPEN,
        help_text=_(
            "Пока обсуждение идёт, на странице показывается анкета или голосование; после "
            "завершения — итоги."
        ),
    )
    initiator = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("кто выносит на обсуждение"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Страница совета или раздела, который предлагает обсуждение."),
    )
    opens_on = models.DateField(_("обсуждение открывается"))
    closes_on = models.DateField(_("обсуждение закрывается"))
    results_on = models.DateField(
        _("итоги будут опубликованы"),
        null=True,
        blank=True,
    )
    body = StreamField(
        BaseStreamBlock(),
        blank=True,
        verbose_name=_("что обсуждаем"),
        help_text=_("Суть предложения, почему оно важно и какие решения возможны."),
    )
    materials = StreamField(
        [("document", DocumentLinkBlock()), ("rich_text", RichTextBlock())],
        blank=True,
        verbose_name=_("материалы к обсуждению"),
    )
    document = RichTextField(
        _("текст проекта документа"),
        blank=True,
        features=["h2", "h3", "bold", "italic", "ol", "ul", "link"],
        help_text=_(
            "Обсуждаемый документ: на сайте он показывается по абзацам, и к каждому абзацу "
            "можно оставить комментарий."
        ),
    )
    participation = StreamField(
        [("widget", WidgetBlock())],
        blank=True,
        max_num=len(PARTICIPATION_KINDS),
        verbose_name=_("опрос, голосование, комментарии"),
        help_text=_(
            "Виджеты «Опрос», «Голосование» и «Комментарии» (каждый не больше одного раза) с "
            "текстом для тех, у кого они не загрузятся. Показываются, только пока обсуждение "
            "идёт."
        ),
    )
    results = StreamField(
        BaseStreamBlock(),
        blank=True,
        verbose_name=_("итоги обсуждения"),
        help_text=_("Публикуются после завершения: сколько участников, что решено."),
    )

    content_panels = BasePage.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("status"),
                FieldPanel("initiator"),
                FieldRowPanel(
                    [FieldPanel("opens_on"), FieldPanel("closes_on"), FieldPanel("results_on")]
                ),
            ],
            heading=_("Сроки и статус"),
        ),
        FieldPanel("body"),
        FieldPanel("materials"),
        FieldPanel("document"),
        FieldPanel("participation"),
        FieldPanel("results"),
    ]

    parent_page_types = ["governance.GovernanceIndexPage"]
    subpage_types: list[str] = []
    template = "governance/discussion_page.html"

    class Meta:
        verbose_name = _("общественное обсуждение")
        verbose_name_plural = _("общественные обсуждения")

    @property
    def is_open(self) -> bool:
        return self.status == DiscussionStatus.OPEN

    @property
    def display_date(self):
        return self.opens_on

    def clean(self):
        super().clean()
        if self.opens_on and self.closes_on and self.closes_on < self.opens_on:
            raise ValidationError(
                {"closes_on": _("Обсуждение не может закрыться раньше, чем откроется.")}
            )
        if self.results_on and self.closes_on and self.results_on < self.closes_on:
            raise ValidationError({"results_on": _("Итоги публикуются после закрытия обсуждения.")})
        kinds = [block.value["kind"] for block in self.participation]
        if any(kind not in PARTICIPATION_KINDS for kind in kinds):
            raise ValidationError(
                {
                    "participation": _(
                        "Для обсуждения подходят только опрос, голосование и комментарии."
                    )
                }
            )
        if len(set(kinds)) != len(kinds):
            raise ValidationError(
                {"participation": _("Каждый виджет добавляется к обсуждению один раз.")}
            )
        if self.is_open and not self.participation:
            raise ValidationError(
                {
                    "participation": _(
                        "Пока обсуждение идёт, добавьте опрос, голосование или комментарии."
                    )
                }
            )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["timeline"] = selectors.discussion_timeline(discussion=self)
        return context
