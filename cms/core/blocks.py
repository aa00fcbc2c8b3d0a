"""StreamField blocks shared by every page type."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import parse_qs, urlencode, urlsplit

from django.core.exceptions import ValidationError
from django.utils import dateformat
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.contrib.typed_table_block.blocks import TypedTableBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock

__all__ = [
    "RichTextBlock",
    "ImageBlock",
    "QuoteBlock",
    "DocumentLinkBlock",
    "GalleryBlock",
    "VideoEmbedBlock",
    "CallToActionBlock",
    "TimelineEntryBlock",
    "TimelineBlock",
    "TableBlock",
    "FAQItemBlock",
    "FAQBlock",
    "WidgetBlock",
    "WIDGET_KINDS",
    "Video",
    "parse_video_url",
    "BaseStreamBlock",
]

RICH_TEXT_FEATURES = ["h2", "h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link", "hr"]


class RichTextBlock(blocks.RichTextBlock):
    """Formatted text with headings, lists and links."""

    def __init__(self, **kwargs):
        kwargs.setdefault("features", RICH_TEXT_FEATURES)
        super().__init__(**kwargs)

    class Meta:
        icon = "pilcrow"
        label = _("Текст")
        template = "core/blocks/rich_text_block.html"


class ImageBlock(blocks.StructBlock):
    """An image with the alternative text and credit that every published image needs."""

    image = ImageChooserBlock(label=_("Изображение"))
    alt_text = blocks.CharBlock(
        label=_("Альтернативный текст"),
        max_length=250,
        help_text=_("Что изображено: это прочитает экранный диктор незрячему читателю."),
    )
    caption = blocks.CharBlock(label=_("Подпись"), required=False, max_length=250)
    credit = blocks.CharBlock(
        label=_("Автор / источник"),
        max_length=250,
        help_text=_("Автор фотографии или источник изображения."),
    )

    class Meta:
        icon = "image"
        label = _("Изображение")
        template = "core/blocks/image_block.html"


class QuoteBlock(blocks.StructBlock):
    """A quotation with its author."""

    quote = blocks.TextBlock(label=_("Цитата"))
    author = blocks.CharBlock(label=_("Автор"), required=False, max_length=250)
    role = blocks.CharBlock(label=_("Должность или роль"), required=False, max_length=250)

    class Meta:
        icon = "openquote"
        label = _("Цитата")
        template = "core/blocks/quote_block.html"


class DocumentLinkBlock(blocks.StructBlock):
    """A link to download a document, with a visible title."""

    document = DocumentChooserBlock(label=_("Документ"))
    title = blocks.CharBlock(
        label=_("Название ссылки"),
        required=False,
        max_length=250,
        help_text=_("Если пусто, используется название документа."),
    )

    class Meta:
        icon = "doc-full"
        label = _("Документ")
        template = "core/blocks/document_link_block.html"

    def clean(self, value):
        value = super().clean(value)
        if value.get("document") is None:
            raise ValidationError(_("Выберите документ."))
        return value


class GalleryBlock(blocks.StructBlock):
    """A set of images shown together, each with its own alternative text, caption and credit."""

    title = blocks.CharBlock(label=_("Заголовок"), required=False, max_length=250)
    images = blocks.ListBlock(ImageBlock(), label=_("Изображения"), min_num=1)

    class Meta:
        icon = "image"
        label = _("Галерея")
        template = "core/blocks/gallery_block.html"


@dataclass(frozen=True)
class Video:
    """A video on an allowed provider's site: where to watch it and how to embed its player."""

    provider: str
    host: str
    watch_url: str
    embed_url: str


_YOUTUBE_HOSTS = {
    "youtube.com",
    "www.youtube.com",
    "m.youtube.com",
    "youtu.be",
    "youtube-nocookie.com",
    "www.youtube-nocookie.com",
}
_RUTUBE_HOSTS = {"rutube.ru", "www.rutube.ru"}
_VK_HOSTS = {"vk.com", "www.vk.com", "m.vk.com", "vkvideo.ru", "www.vkvideo.ru", "m.vkvideo.ru"}
_YOUTUBE_ID = re.compile(r"^[A-Za-z0-9_-]{11}$")
_RUTUBE_ID = re.compile(r"^[0-9a-f]{32}$")
_VK_VIDEO = re.compile(r"video(-?\d+)_(\d+)")


def parse_video_url(url: str) -> Video | None:
    """The video a URL points at on RuTube, VK Video or YouTube; None for any other URL.

    Built from the URL alone: nothing is fetched from the provider (the static build has no
    internet, and readers' visits should not be reported to anyone before they press play).
    """
    parts = urlsplit((url or "").strip())
    if parts.scheme not in ("http", "https"):
        return None
    host = (parts.hostname or "").lower()
    query = parse_qs(parts.query)
    segments = [s for s in parts.path.split("/") if s]
    if host in _YOUTUBE_HOSTS:
        return _youtube(host, segments, query)
    if host in _RUTUBE_HOSTS:
        return _rutube(segments, query)
    if host in _VK_HOSTS:
        return _vk(parts.path, query)
    return None


def _youtube(host: str, segments: list[str], query: dict) -> Video | None:
    if host == "youtu.be":
        video_id = segments[0] if segments else ""
    elif segments[:1] == ["watch"]:
        video_id = query.get("v", [""])[0]
    elif len(segments) >= 2 and segments[0] in ("embed", "shorts", "live", "v"):
        video_id = segments[1]
    else:
        return None
    if not _YOUTUBE_ID.match(video_id):
        return None
    start = _seconds(query.get("t", query.get("start", [""]))[0])
    return Video(
        provider="YouTube",
        host="youtube.com",
        watch_url=f"https://www.youtube.com/watch?v={video_id}" + (f"&t={start}s" if start else ""),
        # The no-cookie domain sets no tracking cookies until the reader plays the video.
        embed_url=f"https://www.youtube-nocookie.com/embed/{video_id}"
        + (f"?start={start}" if start else ""),
    )


def _seconds(value: str) -> int:
    if value.isdigit():
        return int(value)
    match = re.fullmatch(r"(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?", value or "")
    if not match or not value:
        return 0
    hours, minutes, seconds = (int(g or 0) for g in match.groups())
    return hours * 3600 + minutes * 60 + seconds


def _rutube(segments: list[str], query: dict) -> Video | None:
    candidates = [s for s in segments if _RUTUBE_ID.match(s)]
    if not candidates or segments[0] not in ("video", "play", "shorts"):
        return None
    video_id = candidates[0]
    key = query.get("p", [""])[0]
    private = "private" in segments
    suffix = "?" + urlencode({"p": key}) if key else ""
    return Video(
        provider="RuTube",
        host="rutube.ru",
        watch_url=f"https://rutube.ru/video/{'private/' if private else ''}{video_id}/{suffix}",
        embed_url=f"https://rutube.ru/play/embed/{video_id}{suffix}",
    )


def _vk(path: str, query: dict) -> Video | None:
    if path.rstrip("/") == "/video_ext.php":
        owner, number = query.get("oid", [""])[0], query.get("id", [""])[0]
        if not re.fullmatch(r"-?\d+", owner) or not number.isdigit():
            return None
    else:
        match = _VK_VIDEO.fullmatch(path.strip("/")) or _VK_VIDEO.match(query.get("z", [""])[0])
        if not match:
            return None
        owner, number = match.groups()
    params = {"oid": owner, "id": number}
    if query.get("hash"):
        params["hash"] = query["hash"][0]
    return Video(
        provider=str(_("VK Видео")),
        host="vk.com",
        watch_url=f"https://vk.com/video{owner}_{number}",
        embed_url="https://vk.com/video_ext.php?" + urlencode(params),
    )


class VideoURLBlock(blocks.URLBlock):
    """The address of a video page on RuTube, VK Video or YouTube."""

    def clean(self, value):
        value = super().clean(value)
        if value and parse_video_url(value) is None:
            raise ValidationError(
                _(
                    "Можно вставить видео только с RuTube, VK Видео или YouTube. Откройте видео "
                    "на сайте и скопируйте адрес его страницы (например, "
                    "https://rutube.ru/video/…/)."
                )
            )
        return value

    class Meta:
        icon = "media"


class VideoValue(blocks.StructValue):
    @property
    def video(self) -> Video | None:
        return parse_video_url(self.get("url") or "")


class VideoEmbedBlock(blocks.StructBlock):
    """A video from an allowed provider: a link to it, and its player only when asked for."""

    url = VideoURLBlock(
        label=_("Ссылка на видео"),
        help_text=_("Адрес страницы видео на RuTube, VK Видео или YouTube."),
    )
    title = blocks.CharBlock(
        label=_("Название видео"),
        max_length=250,
        help_text=_("Показывается в ссылке и читается экранным диктором."),
    )
    caption = blocks.CharBlock(label=_("Подпись"), required=False, max_length=500)

    class Meta:
        icon = "media"
        label = _("Видео")
        template = "core/blocks/video_embed_block.html"
        value_class = VideoValue


class CallToActionBlock(blocks.StructBlock):
    """A short invitation with one button leading to a page of the site or another site."""

    title = blocks.CharBlock(label=_("Заголовок"), max_length=250)
    text = blocks.TextBlock(label=_("Текст"), required=False, max_length=1000)
    page = blocks.PageChooserBlock(
        label=_("Страница сайта"),
        required=False,
        help_text=_("Куда ведёт кнопка; или укажите адрес другого сайта ниже."),
    )
    url = blocks.URLBlock(label=_("Адрес другого сайта"), required=False)
    button_label = blocks.CharBlock(label=_("Надпись на кнопке"), max_length=80)

    class Meta:
        icon = "pick"
        label = _("Призыв к действию")
        template = "core/blocks/call_to_action_block.html"

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("page")) == bool(value.get("url")):
            message = _("Укажите либо страницу сайта, либо адрес другого сайта (одно из двух).")
            raise StructBlockValidationError(
                block_errors={"page": ValidationError(message), "url": ValidationError(message)}
            )
        return value


DATE_PRECISIONS = [
    ("day", _("день")),
    ("month", _("месяц")),
    ("year", _("год")),
]
_DATE_FORMATS = {"day": ("j E Y", "Y-m-d"), "month": ("F Y", "Y-m"), "year": ("Y", "Y")}


def _date_label(value, precision: str) -> str:
    return dateformat.format(value, _DATE_FORMATS.get(precision, _DATE_FORMATS["day"])[0])


def _date_iso(value, precision: str) -> str:
    return dateformat.format(value, _DATE_FORMATS.get(precision, _DATE_FORMATS["day"])[1])


class TimelineEntryValue(blocks.StructValue):
    """Dates as readers see them («Декабрь 2022») and as machines read them (2022-12)."""

    @property
    def start_label(self) -> str:
        return _date_label(self["start_date"], self.get("start_precision") or "day")

    @property
    def start_iso(self) -> str:
        return _date_iso(self["start_date"], self.get("start_precision") or "day")

    @property
    def end_label(self) -> str:
        end = self.get("end_date")
        return _date_label(end, self.get("end_precision") or "day") if end else ""

    @property
    def end_iso(self) -> str:
        end = self.get("end_date")
        return _date_iso(end, self.get("end_precision") or "day") if end else ""


class TimelineEntryBlock(blocks.StructBlock):
    """One stage of a timeline: when, what, and what it produced."""

    start_date = blocks.DateBlock(label=_("Начало"))
    start_precision = blocks.ChoiceBlock(
        choices=DATE_PRECISIONS,
        default="day",
        label=_("Точность начала"),
        help_text=_("«Месяц» покажет «Декабрь 2022», «день» — «1 декабря 2022»."),
    )
    end_date = blocks.DateBlock(label=_("Окончание"), required=False)
    end_precision = blocks.ChoiceBlock(
        choices=DATE_PRECISIONS, default="day", label=_("Точность окончания")
    )
    date_note = blocks.CharBlock(
        label=_("Примечание к срокам"),
        required=False,
        max_length=250,
        help_text=_("Например: «внесены коррективы — апрель 2024 г.»"),
    )
    title = blocks.CharBlock(label=_("Название этапа"), max_length=500)
    description = RichTextBlock(label=_("Описание"), required=False)
    result = blocks.TextBlock(label=_("Результат"), required=False)

    class Meta:
        icon = "date"
        label = _("Этап")
        template = "core/blocks/timeline_entry_block.html"
        value_class = TimelineEntryValue

    def clean(self, value):
        value = super().clean(value)
        start, end = value.get("start_date"), value.get("end_date")
        if start and end and end < start:
            raise StructBlockValidationError(
                block_errors={"end_date": ValidationError(_("Окончание раньше начала."))}
            )
        return value


class TimelineBlock(blocks.StructBlock):
    """Stages in time order, such as the roadmap of the project."""

    title = blocks.CharBlock(label=_("Заголовок"), required=False, max_length=250)
    entries = blocks.ListBlock(TimelineEntryBlock(), label=_("Этапы"), min_num=1)

    class Meta:
        icon = "time"
        label = _("Хронология")
        template = "core/blocks/timeline_block.html"


class TableBlock(TypedTableBlock):
    """A table with a caption and typed columns, rendered as a plain HTML table."""

    text = blocks.CharBlock(label=_("Текст"), required=False)
    numeric = blocks.DecimalBlock(label=_("Число"), required=False)
    rich_text = RichTextBlock(label=_("Форматированный текст"), required=False)

    class Meta:
        icon = "table"
        label = _("Таблица")
        template = "core/blocks/table_block.html"


class FAQItemBlock(blocks.StructBlock):
    """A question and its answer."""

    question = blocks.CharBlock(label=_("Вопрос"), max_length=500)
    answer = RichTextBlock(label=_("Ответ"))

    class Meta:
        icon = "help"
        label = _("Вопрос и ответ")
        template = "core/blocks/faq_item_block.html"


class FAQBlock(blocks.StructBlock):
    """Questions and answers that open one by one, without JavaScript."""

    title = blocks.CharBlock(label=_("Заголовок"), required=False, max_length=250)
    questions = blocks.ListBlock(FAQItemBlock(), label=_("Вопросы"), min_num=1)

    class Meta:
        icon = "help"
        label = _("Вопросы и ответы")
        template = "core/blocks/faq_block.html"


WIDGET_KINDS = [
    ("registration", _("Регистрация на событие")),
    ("survey", _("Опрос")),
    ("voting", _("Голосование")),
    ("room_request", _("Заявка на помещение")),
    ("expert_review", _("Экспертная оценка")),
    ("comments", _("Комментарии")),
    ("initiatives", _("Инициативы учеников")),
]


class WidgetBlock(blocks.StructBlock):
    """The place of an interactive widget, with the text readers see without JavaScript."""

    kind = blocks.ChoiceBlock(choices=WIDGET_KINDS, label=_("Виджет"))
    title = blocks.CharBlock(label=_("Заголовок"), max_length=250)
    reference = blocks.CharBlock(
        label=_("Идентификатор"),
        required=False,
        max_length=100,
        help_text=_("Код опроса, голосования или помещения, если виджету он нужен."),
    )
    fallback = RichTextBlock(
        label=_("Текст без JavaScript"),
        help_text=_(
            "Что делать, если виджет не загрузился: например, адрес почты для регистрации."
        ),
    )

    class Meta:
        icon = "cogs"
        label = _("Интерактивный виджет")
        template = "core/blocks/widget_block.html"


class BaseStreamBlock(blocks.StreamBlock):
    """The body of a content page."""

    rich_text = RichTextBlock()
    image = ImageBlock()
    quote = QuoteBlock()
    document = DocumentLinkBlock()
    gallery = GalleryBlock()
    video = VideoEmbedBlock()
    call_to_action = CallToActionBlock()
    timeline = TimelineBlock()
    table = TableBlock()
    faq = FAQBlock()
    widget = WidgetBlock()

    class Meta:
        template = "core/blocks/stream_block.html"
