"""Small builders for page trees, images and documents used across the suite."""

from __future__ import annotations

import io

from anyascii import anyascii
from django.core.files.base import ContentFile
from django.utils.text import slugify
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, Site

from site_content.pages.models import HomePage, StandardPage


def make_site(*, english: bool = True) -> dict[str, HomePage]:
    """A default site with a Russian home page and, optionally, its English translation."""
    ru, _ = Locale.objects.get_or_create(language_code="ru")
    root = Page.get_first_root_node()
    home = root.add_child(
        instance=HomePage(title="Коворкинг", slug="coworking", locale=ru, lead="Главная")
    )
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(hostname="localhost", root_page=home, is_default_site=True)
    else:
        old_root = site.root_page
        site.root_page = home
        site.save()
        if old_root.pk != home.pk and old_root.depth == 2:
            old_root.delete()
    homes = {"ru": home}
    if english:
        en, _ = Locale.objects.get_or_create(language_code="en")
        home_en = home.copy_for_translation(en)
        home_en.title = "Coworking"
        home_en.save_revision().publish()
        homes["en"] = home_en
    return homes


def add_page(
    parent: Page, title: str, *, slug: str | None = None, live: bool = True, **fields
) -> StandardPage:
    """A standard page under parent; published unless live=False (then only a draft exists)."""
    page = StandardPage(title=title, slug=slug or _slugify(title), live=live, **fields)
    parent.add_child(instance=page)
    if live:
        page.save_revision().publish()
    else:
        page.save_revision()
    return page


def translate(page: Page, language: str, title: str) -> Page:
    locale, _ = Locale.objects.get_or_create(language_code=language)
    translated = page.copy_for_translation(locale)
    translated.title = title
    translated.save_revision().publish()
    return translated


def make_image(title: str = "Фото", *, size=(1200, 800), color=(40, 90, 160)) -> object:
    buffer = io.BytesIO()
    PILImage.new("RGB", size, color).save(buffer, "JPEG")
    return get_image_model().objects.create(
        title=title, file=ContentFile(buffer.getvalue(), name=f"{_slugify(title)}.jpg")
    )


def make_document(title: str = "Программа", content: bytes = b"%PDF-1.4 test") -> object:
    return get_document_model().objects.create(
        title=title, file=ContentFile(content, name=f"{_slugify(title)}.pdf")
    )


def _slugify(text: str) -> str:
    return slugify(anyascii(text)) or "page"


def sign_in_editor(client) -> None:
    """A superuser named «editor», signed in on `client` (as a session, like the admin does)."""
    from django.contrib.auth import get_user_model

    editor = get_user_model().objects.create_superuser(
        "editor", "editor@example.org", "editor-password-long"
    )
    client.force_login(editor)


def add_cabinet(home: HomePage, title: str = "Личный кабинет", slug: str = "cabinet") -> Page:
    """The cabinet page under a home page, published."""
    from cms.users.models import CabinetPage

    page = CabinetPage(title=title, slug=slug)
    home.add_child(instance=page)
    page.save_revision().publish()
    return page
