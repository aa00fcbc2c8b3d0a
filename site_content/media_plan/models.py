"""The press centre: news and press releases, public media contacts and the media plan.

The press index publishes an Atom feed of its news beside its page (``<index>/feed.xml``) and
a listing per kind (``kind/news/``, ``kind/press-releases/``).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.search import index

from cms.core.blocks import BaseStreamBlock
from cms.core.build_cache import page_language, prefetch_page_relations
from cms.core.fields import StreamField
from cms.core.models import BasePage, IllustrationMixin, StaticRoute
from publish.context import current

from .blocks import MEDIA_PLAN_STATUSES, MediaPlanEntryBlock, PressKitBlock
from .selectors import KIND_SLUGS, media_plan_rows, press_feed_xml, press_items


class MediaContact(models.Model):
    """A public press contact of the lyceum: an adult staff member who speaks to the media.

    Only people who agreed to be named as press contacts belong here; never students.
    """

    name = models.CharField(_("имя"), max_length=200)
    slug = models.SlugField(
        _("краткое имя"),
        max_length=100,
        unique=True,
        help_text=_("Латиницей, для ссылок из файлов содержания, например press-office."),
    )
    role = models.CharField(
        _("должность"), max_length=200, help_text=_("Например: «заместитель директора по ИКТ».")
    )
    email = models.EmailField(_("электронная почта"), blank=True)
    phone = models.CharField(
        _("телефон"),
        max_length=40,
        blank=True,
        validators=[
            RegexValidator(
                r"^\+?[0-9 ()\-]{5,}$",
                _("Телефон: цифры, пробелы, скобки и дефисы, например +7 (812) 000-00-00."),
            )
        ],
    )
    is_public_adult_contact = models.BooleanField(
        _("публичный контакт сотрудника"),
        default=False,
        help_text=_(
            "Подтверждаю: это совершеннолетний сотрудник или представитель лицея, который "
            "согласен, что его рабочие контакты будут опубликованы для прессы. Контакты "
            "обучающихся здесь публиковать нельзя."
        ),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("role"),
        FieldRowPanel([FieldPanel("email"), FieldPanel("phone")]),
        FieldPanel("is_public_adult_contact"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("контакт для прессы")
        verbose_name_plural = _("контакты для прессы")

    def __str__(self) -> str:
        return f"{self.name} — {self.role}"

    def clean(self):
        super().clean()
        errors = {}
        if not self.is_public_adult_contact:
            errors["is_public_adult_contact"] = _(
                "Публиковать можно только рабочие контакты сотрудников, согласных на это; "
                "подтвердите галочкой."
            )
        if not self.email and not self.phone:
            errors["email"] = _("Укажите почту или телефон: иначе журналисту не связаться.")
        if errors:
            raise ValidationError(errors)


class PressIndexPage(BasePage):
    """News and press releases, newest first, with an Atom feed; the media plan lives here too."""

    body = StreamField(
        BaseStreamBlock(),
        blank=True,
        verbose_name=_("вступление"),
        help_text=_("Текст для журналистов над списком новостей."),
    )
    media_contacts = ParentalManyToManyField(
        MediaContact,
        blank=True,
        verbose_name=_("контакты для прессы"),
        related_name="+",
        help_text=_("Кого журналисты могут спрашивать о лицее и коворкинг-пространстве."),
    )

    content_panels = BasePage.content_panels + [FieldPanel("body"), FieldPanel("media_contacts")]
    search_fields = BasePage.search_fields + [index.SearchField("body")]

    parent_page_types = ["pages.HomePage"]
    subpage_types = ["media_plan.NewsPage", "media_plan.MediaPlanPage"]
    template = "media_plan/press_index_page.html"
    feed_path = "feed.xml"

    class Meta:
        verbose_name = _("пресс-центр")
        verbose_name_plural = _("пресс-центры")

    @classmethod
    def reserved_child_slugs(cls) -> set[str]:
        """Child slugs that would collide with the index's own listing addresses."""
        return {"kind"}

    def _items(self, request, kind: str | None = None):
        ctx = current(request)
        ctx.depends_on(f"children:{self.pk}")
        return press_items(index_id=self.pk, index=ctx.index, kind=kind)

    def get_context(self, request, *args, kind: str | None = None, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        ctx = current(request)
        items = self._items(request, kind)
        years: dict[int, list] = {}
        for item in items:
            years.setdefault(item.page.date.year, []).append(item)
        context["items"] = items
        context["years"] = list(years.items())
        context["kind"] = kind
        context["kinds"] = [(slug, label) for slug, (_value, label) in KIND_SLUGS.items()]
        context["media_plans"] = [
            info
            for info in ctx.index.children_of(self.pk)
            if info.content_type_id == _media_plan_type_id()
        ]
        prefetch_page_relations(self, request, prefetch_related=("media_contacts",))
        context["contacts"] = list(self.media_contacts.all())
        return context

    def kind_response(self, request, kind: str) -> TemplateResponse:
        return TemplateResponse(request, self.template, self.get_context(request, kind=kind))

    def feed_response(self, request) -> HttpResponse:
        """The Atom feed of this index's news, newest first."""
        ctx = current(request)
        ctx.depends_on(f"children:{self.pk}")
        info = ctx.index.get(self.pk)
        url = info.url if info is not None else (self.url or "")
        xml = press_feed_xml(
            title=self.title,
            subtitle=self.lead,
            page_url=url,
            feed_url=url + self.feed_path,
            language=page_language(self, request),
            items=self._items(request),
            fallback_updated=self.last_published_at,
        )
        return HttpResponse(xml, content_type="application/atom+xml; charset=utf-8")

    def static_routes(self) -> list[StaticRoute]:
        routes = [StaticRoute(self.feed_path, self.feed_response)]
        for slug in KIND_SLUGS:
            routes.append(
                StaticRoute(
                    f"kind/{slug}/",
                    lambda request, slug=slug: self.kind_response(request, slug),
                )
            )
        return routes


def _reserved_slug_errors(slug: str) -> dict:
    if slug in PressIndexPage.reserved_child_slugs():
        return {
            "slug": _("Адрес «%(slug)s» занят страницами пресс-центра; выберите другой.")
            % {"slug": slug}
        }
    return {}


def _media_plan_type_id() -> int:
    from django.contrib.contenttypes.models import ContentType

    return ContentType.objects.get_for_model(MediaPlanPage).pk


class NewsPage(IllustrationMixin, BasePage):
    """A news item or a press release: date, lead, text, contacts and files for journalists."""

    KIND_NEWS = "news"
    KIND_PRESS_RELEASE = "press_release"
    KINDS = [(KIND_NEWS, _("новость")), (KIND_PRESS_RELEASE, _("пресс-релиз"))]

    kind = models.CharField(
        _("вид"),
        max_length=20,
        choices=KINDS,
        default=KIND_NEWS,
        help_text=_("Пресс-релиз — официальное сообщение для СМИ; новость — для всех читателей."),
    )
    date = models.DateField(
        _("дата"), help_text=_("Дата новости; по ней упорядочены список и лента.")
    )
    body = StreamField(BaseStreamBlock(), blank=True, verbose_name=_("текст"))
    media_contacts = ParentalManyToManyField(
        MediaContact,
        blank=True,
        verbose_name=_("контакты для прессы"),
        related_name="+",
        help_text=_("Кто ответит журналистам на вопросы по этой новости."),
    )
    press_kit = StreamField(
        PressKitBlock(),
        blank=True,
        verbose_name=_("материалы для прессы"),
        help_text=_("Файлы для скачивания: текст релиза, фотографии, справка о проекте."),
    )

    content_panels = BasePage.content_panels + [
        FieldRowPanel([FieldPanel("kind"), FieldPanel("date")]),
        IllustrationMixin.illustration_panel(),
        FieldPanel("body"),
        FieldPanel("media_contacts"),
        FieldPanel("press_kit"),
    ]
    search_fields = BasePage.search_fields + [index.SearchField("body")]

    parent_page_types = ["media_plan.PressIndexPage"]
    subpage_types: list[str] = []
    template = "media_plan/news_page.html"

    class Meta:
        verbose_name = _("новость или пресс-релиз")
        verbose_name_plural = _("новости и пресс-релизы")

    @property
    def display_date(self):
        return self.date

    def get_context(self, request, *args, **kwargs):
        prefetch_page_relations(
            self, request, select_related=("image",), prefetch_related=("media_contacts",)
        )
        return super().get_context(request, *args, **kwargs)

    def search_facets(self, language: str) -> dict:
        """The year of the news item, for the search API's year filter."""
        return {"year": self.date}

    def clean(self):
        super().clean()
        errors = self.illustration_errors()
        errors.update(_reserved_slug_errors(self.slug))
        if errors:
            raise ValidationError(errors)


class MediaPlanPage(BasePage):
    """The media plan as a table the press can read: date, channel, topic, status, link."""

    period = models.CharField(
        _("период"),
        max_length=100,
        blank=True,
        help_text=_("Какой период охватывает план, например «2026/27 учебный год»."),
    )
    body = StreamField(
        BaseStreamBlock(),
        blank=True,
        verbose_name=_("вступление"),
        help_text=_("Зачем нужен медиаплан и как его читать."),
    )
    entries = StreamField(
        [("entry", MediaPlanEntryBlock())],
        blank=True,
        verbose_name=_("пункты медиаплана"),
        help_text=_("Порядок не важен: на сайте пункты выстроятся по дате."),
    )

    content_panels = BasePage.content_panels + [
        FieldPanel("period"),
        FieldPanel("body"),
        FieldPanel("entries"),
    ]
    search_fields = BasePage.search_fields + [index.SearchField("body")]

    parent_page_types = ["media_plan.PressIndexPage"]
    subpage_types: list[str] = []
    template = "media_plan/media_plan_page.html"

    class Meta:
        verbose_name = _("медиаплан")
        verbose_name_plural = _("медиапланы")

    def clean(self):
        super().clean()
        errors = _reserved_slug_errors(self.slug)
        if errors:
            raise ValidationError(errors)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        rows = media_plan_rows(entries=self.entries)
        context["rows"] = rows
        context["status_counts"] = [
            (value, label, sum(1 for row in rows if row["status"] == value))
            for value, label in MEDIA_PLAN_STATUSES
        ]
        return context
