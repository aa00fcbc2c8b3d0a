"""The site and home pages demo content goes under, and indexing done in bulk afterwards."""

from __future__ import annotations

from contextlib import contextmanager

from django.db import transaction
from django.db.models.signals import post_save
from modelsearch import index as search_index
from modelsearch.backends import get_search_backends
from modelsearch.signal_handlers import post_save_signal_handler
from wagtail.models import Locale, Page, ReferenceIndex, Site
from wagtail.signal_handlers import disable_reference_index_auto_update

from site_content.pages.models import HomePage

__all__ = ["deferred_indexing", "ensure_site", "index_in_bulk", "unchecked_page_saves"]


@contextmanager
def deferred_indexing():
    """Skip the search and reference index updates on every save (a page is saved three times
    on its way to being published); `index_in_bulk` catches up afterwards."""
    models = [
        m for m in search_index.get_indexed_models() if getattr(m, "search_auto_update", True)
    ]
    disconnected = [m for m in models if post_save.disconnect(post_save_signal_handler, sender=m)]
    try:
        with disable_reference_index_auto_update():
            yield
    finally:
        for model in disconnected:
            post_save.connect(post_save_signal_handler, sender=model)


@contextmanager
def unchecked_page_saves():
    """Save live pages without `full_clean` while demo content is created.

    Wagtail validates a live page on every save (when it is added to the tree and again when
    its revision is published), a dozen queries each: a fifth of the generator's time. The
    builders make pages an editor could have made, and the tests run `full_clean` on every
    type instead. The defaults `full_clean` would set (locale, draft title) are still set.
    """
    original = Page.full_clean

    def defaults_only(self, *args, **kwargs):
        self._set_core_field_defaults()

    Page.full_clean = defaults_only
    try:
        yield
    finally:
        Page.full_clean = original


def index_in_bulk(model, ids: list[int], chunk: int = 500) -> None:
    """Add the objects to the search backends and the reference index, a chunk at a time."""
    for start in range(0, len(ids), chunk):
        objects = list(model.objects.filter(pk__in=ids[start : start + chunk]))
        for backend in get_search_backends(with_auto_update=True):
            backend.add_bulk(model, objects)
        with transaction.atomic():
            for obj in objects:
                ReferenceIndex.create_or_update_for_object(obj)


def ensure_site() -> dict[str, Page]:
    """The Russian home of the default site and its English translation, created if missing."""
    ru, _ = Locale.objects.get_or_create(language_code="ru")
    en, _ = Locale.objects.get_or_create(language_code="en")
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    home = None
    if site is not None and isinstance(site.root_page.specific, HomePage):
        home = site.root_page.specific
    elif HomePage.objects.filter(locale=ru).exists():
        home = HomePage.objects.filter(locale=ru).order_by("path").first()
    if home is None:
        root = Page.get_first_root_node()
        home = HomePage(title="Коворкинг", slug="coworking", locale=ru, lead="Главная")
        root.add_child(instance=home)
        home.save_revision().publish()
    if site is None:
        Site.objects.create(hostname="localhost", root_page=home, is_default_site=True)
    elif site.root_page_id != home.pk:
        old_root = site.root_page
        site.root_page = home
        site.save()
        if old_root.depth == 2 and not isinstance(old_root.specific, HomePage):
            old_root.delete()
    home_en = home.get_translation_or_none(en)
    if home_en is None:
        home_en = home.copy_for_translation(en)
        home_en.title = "Coworking"
        home_en.lead = "Home"
        home_en.save_revision().publish()
    return {"ru": home, "en": home_en.specific}
