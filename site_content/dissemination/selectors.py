"""Reads for the dissemination pages: published materials, grouped by kind and audience."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.http import HttpRequest

from cms.core.build_cache import per_build
from publish.context import current
from publish.listings import children_or_originals

if TYPE_CHECKING:
    from .models import DisseminationIndexPage, DisseminationMaterialPage


def published_materials(
    *, index_page: DisseminationIndexPage, request: HttpRequest
) -> list[DisseminationMaterialPage]:
    """The published materials of the section, newest first, each with `public_url` and
    `public_language`.

    The index shows its children's own fields (kind, audience, files), so it records that it
    depends on its children and is re-rendered when one of them is published. A translated
    section with no materials of its own lists its original's
    (see `publish.listings.children_or_originals`).
    """
    from .models import DisseminationMaterialPage

    infos, _ = children_or_originals(page=index_page, request=request)
    urls = {info.id: info.url for info in infos}
    languages = {info.id: info.language for info in infos}

    def load() -> list[DisseminationMaterialPage]:
        materials = list(
            DisseminationMaterialPage.objects.filter(pk__in=urls).prefetch_related(
                "downloads__document"
            )
        )
        for material in materials:
            material.public_url = urls[material.pk]
            material.public_language = languages[material.pk]
        materials.sort(key=lambda m: (m.date, m.pk), reverse=True)
        return materials

    # The index and each audience's page list the same materials: read them once per build.
    return list(per_build(request, ("dissemination materials", tuple(sorted(urls))), load))


@dataclass(frozen=True)
class MaterialGroup:
    code: str
    label: str
    materials: list[DisseminationMaterialPage]


def materials_by_type(*, materials: list[DisseminationMaterialPage]) -> list[MaterialGroup]:
    """Materials grouped by kind, in the order of MaterialType; empty kinds are left out."""
    from .models import MaterialType

    groups = []
    for kind in MaterialType:
        chosen = [m for m in materials if m.material_type == kind]
        if chosen:
            groups.append(MaterialGroup(code=kind.value, label=kind.label, materials=chosen))
    return groups


@dataclass(frozen=True)
class AudienceLink:
    code: str
    label: str
    url: str
    count: int


def audience_links(
    *,
    index_page: DisseminationIndexPage,
    materials: list[DisseminationMaterialPage],
    request: HttpRequest,
) -> list[AudienceLink]:
    """A link to each audience's listing with how many materials it holds."""
    from .models import Audience

    info = current(request).index.get(index_page.pk)
    base = info.url if info else index_page.url
    return [
        AudienceLink(
            code=audience.value,
            label=audience.label,
            url=f"{base}audience/{audience.value}/",
            count=sum(1 for m in materials if audience in m.audiences),
        )
        for audience in Audience
    ]
