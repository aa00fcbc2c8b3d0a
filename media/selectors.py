"""Reads about images: which ones a page shows, and whether it may show them."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from django.contrib.contenttypes.models import ContentType
from django.db import models
from modelcluster.models import ClusterableModel, get_all_child_relations
from wagtail.images import get_image_model
from wagtail.models import Page, ReferenceIndex
from wagtail.snippets.models import get_snippet_models

from .models import Consent


def images_used_by(*, page: Page) -> list:
    """Every image the page shows: image fields, StreamField and rich-text images, images of
    its inline children (council members, exhibits…) and of the snippets it shows."""
    # A plain Page has none of its type's fields; `specific` is free when it already is one.
    page = page.specific if isinstance(page, Page) else page
    ids = set(_image_ids(page, follow_snippets=True))
    if not ids:
        return []
    return list(get_image_model().objects.filter(pk__in=ids).order_by("pk"))


def refused_images_used_by(*, page: Page) -> list:
    """The images the page shows whose people did not consent to publication."""
    if not get_image_model().objects.filter(consent=Consent.REFUSED).exists():
        # The usual case costs one query and no walk through the page's content.
        return []
    return [image for image in images_used_by(page=page) if image.consent == Consent.REFUSED]


def refused_image_ids() -> set[int]:
    return set(
        get_image_model().objects.filter(consent=Consent.REFUSED).values_list("pk", flat=True)
    )


def live_pages_showing(*, image) -> list[Page]:
    """The live pages that show the image, directly or through a snippet they show.

    Candidates come from Wagtail's reference index (which indexes each page's saved, i.e.
    live, content); each is confirmed by reading the page itself.
    """
    page_type = ContentType.objects.get_for_model(Page)
    snippet_models = set(get_snippet_models())
    page_ids: set[str] = set()
    referrers = ReferenceIndex.get_references_to(image).values_list(
        "base_content_type_id", "content_type_id", "object_id"
    )
    for base_type_id, type_id, object_id in referrers:
        if base_type_id == page_type.id:
            page_ids.add(object_id)
            continue
        model = ContentType.objects.get_for_id(type_id).model_class()
        snippet = (
            model._default_manager.filter(pk=object_id).first() if model in snippet_models else None
        )
        if snippet is not None:
            page_ids.update(
                ReferenceIndex.get_references_to(snippet)
                .filter(base_content_type_id=page_type.id)
                .values_list("object_id", flat=True)
            )
    pages = Page.objects.live().filter(pk__in=[int(pk) for pk in page_ids]).specific()
    return [
        page
        for page in sorted(pages, key=lambda p: p.pk)
        if image.pk in set(_image_ids(page, follow_snippets=True))
    ]


def _image_ids(obj: models.Model, *, follow_snippets: bool) -> Iterator[int]:
    image_model = get_image_model()
    snippet_models = set(get_snippet_models()) if follow_snippets else set()
    snippets = []
    for model, object_id in _references(obj):
        if issubclass(model, image_model):
            yield int(object_id)
        elif model in snippet_models and model is not type(obj):
            snippets.append((model, object_id))
    for model, object_id in snippets:
        snippet = model._default_manager.filter(pk=object_id).first()
        if snippet is not None:
            yield from _image_ids(snippet, follow_snippets=False)


def _references(obj: models.Model) -> Iterable[tuple[type[models.Model], object]]:
    """(model, primary key) of everything the object points at, as Wagtail's reference index
    sees it: foreign keys, many-to-many, StreamField and rich-text choosers, and children."""
    for field in obj._meta.get_fields():
        if getattr(field, "wagtail_reference_index_ignore", False):
            continue
        if field.is_relation and field.concrete and (field.many_to_one or field.one_to_one):
            if field.one_to_one and field.remote_field.parent_link:
                continue
            value = field.value_from_object(obj)
            if value is not None and field.related_model is not None:
                yield field.related_model, value
        elif field.is_relation and field.concrete and field.many_to_many:
            if field.related_model is not None and _is_interesting(field.related_model):
                for related in getattr(obj, field.name).all():
                    yield field.related_model, related.pk
        elif hasattr(field, "extract_references"):
            value = field.value_from_object(obj)
            if value is not None:
                for model, object_id, _model_path, _content_path in field.extract_references(value):
                    yield model, object_id
    if isinstance(obj, ClusterableModel):
        for relation in get_all_child_relations(obj):
            for child in getattr(obj, relation.get_accessor_name()).all():
                yield from _references(child)


def _is_interesting(model: type[models.Model]) -> bool:
    """Many-to-many targets worth reading: images and snippets (not tags or users)."""
    return issubclass(model, get_image_model()) or model in set(get_snippet_models())
