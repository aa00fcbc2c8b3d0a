"""Reads for the support pages: resource groups, a course's modules, a module's neighbours."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.http import HttpRequest

from publish.context import current
from publish.site_index import PageInfo

from .blocks import ResourceCategory

if TYPE_CHECKING:
    from .models import CourseModulePage, CoursePage


@dataclass(frozen=True)
class ResourceGroup:
    code: str
    label: str
    cards: list = field(default_factory=list)


def phone_href(phone: str) -> str:
    """A phone number as a tel: address, digits and a leading plus only."""
    return "tel:" + re.sub(r"[^\d+]", "", phone) if phone else ""


def resource_groups(*, resources) -> list[ResourceGroup]:
    """The relaxation room's cards by section; urgent cards first within each section.

    Each card is the block's value plus `phone_href`, so a phone number can be dialled.
    """
    groups = []
    for code, label in ResourceCategory.CHOICES:
        cards = [
            {**block.value, "phone_href": phone_href(block.value.get("phone", ""))}
            for block in resources
            if block.value.get("category") == code
        ]
        cards.sort(key=lambda card: not card.get("urgent"))
        if cards:
            groups.append(ResourceGroup(code=code, label=label, cards=cards))
    return groups


def course_modules(*, course: CoursePage, request: HttpRequest) -> list[CourseModulePage]:
    """The course's published modules in their order, each with `public_url` and `number`."""
    from .models import CourseModulePage

    ctx = current(request)
    ctx.depends_on(f"children:{course.pk}")
    infos = ctx.index.children_of(course.pk)
    pages = CourseModulePage.objects.in_bulk([i.id for i in infos])
    modules = []
    for info in infos:
        module = pages.get(info.id)
        if module is not None:
            module.public_url = info.url
            module.number = len(modules) + 1
            modules.append(module)
    return modules


@dataclass(frozen=True)
class ModulePosition:
    """Where a module stands in its course, for the previous / next navigation."""

    number: int
    total: int
    course: PageInfo | None
    previous: PageInfo | None
    next: PageInfo | None


def module_position(*, module: CourseModulePage, request: HttpRequest) -> ModulePosition:
    """The module's number and its published neighbours, read from the build's site index."""
    ctx = current(request)
    info = ctx.index.get(module.pk)
    if info is None or info.parent_id is None:
        return ModulePosition(number=1, total=1, course=None, previous=None, next=None)
    ctx.depends_on(f"children:{info.parent_id}")
    ctx.depends_on(f"page:{info.parent_id}")
    siblings = ctx.index.children_of(info.parent_id)
    at = next(i for i, sibling in enumerate(siblings) if sibling.id == module.pk)
    return ModulePosition(
        number=at + 1,
        total=len(siblings),
        course=ctx.index.get(info.parent_id),
        previous=siblings[at - 1] if at > 0 else None,
        next=siblings[at + 1] if at + 1 < len(siblings) else None,
    )
