"""Template tags that read the site index, so a page renders without tree queries."""

from django import template
from django.conf import settings
from django.utils.html import format_html, format_html_join

from ..assets import document_file_for, picture_for
from ..context import current

register = template.Library()


def _ctx(context):
    return current(context.get("request"))


@register.simple_tag(takes_context=True)
def site_menu(context, language):
    """The language root and its children shown in menus."""
    ctx = _ctx(context)
    root = ctx.index.roots.get(language)
    if root is None:
        return []
    ctx.shows_links(f"children:{root.id}")
    ctx.shows_links(f"page:{root.id}")
    return ctx.index.menu_of(language)


@register.simple_tag(takes_context=True)
def language_root(context, language):
    ctx = _ctx(context)
    root = ctx.index.roots.get(language)
    if root is not None:
        ctx.shows_links(f"page:{root.id}")
    return root


@register.simple_tag(takes_context=True)
def breadcrumbs(context, page):
    ctx = _ctx(context)
    chain = ctx.index.ancestors_of(page.pk)
    for ancestor in chain:
        ctx.shows_links(f"page:{ancestor.id}")
    return chain


@register.simple_tag(takes_context=True)
def language_links(context, page):
    """(language code, page in that language or its nearest translated ancestor, is exact)."""
    ctx = _ctx(context)
    index = ctx.index
    if page.pk not in index.pages:
        return []
    ctx.shows_links(f"translations:{index.pages[page.pk].translation_key}")
    for ancestor in index.ancestors_of(page.pk):
        ctx.shows_links(f"translations:{ancestor.translation_key}")
    exact = {p.language for p in index.translations.get(index.pages[page.pk].translation_key, [])}
    found = index.translations_of(page.pk)
    order = [code for code, _ in settings.LANGUAGES]
    return [(code, found[code], code in exact) for code in order if code in found]


@register.simple_tag(takes_context=True)
def child_pages(context, page):
    ctx = _ctx(context)
    ctx.shows_links(f"children:{page.pk}")
    return ctx.index.children_of(page.pk)


@register.simple_tag(takes_context=True)
def latest_pages(context, language, count, exclude_sections=False):
    """The newest pages; exclude_sections leaves out the top-level sections the menu shows."""
    ctx = _ctx(context)
    ctx.shows_links(f"latest:{language}")
    return ctx.index.latest(language, count, exclude_depth=3 if exclude_sections else 2)


@register.simple_tag(takes_context=True)
def page_url(context, page_id):
    """The URL of a publishable page, or an empty string when it is not public."""
    ctx = _ctx(context)
    ctx.shows_links(f"page:{page_id}")
    info = ctx.index.get(page_id)
    return info.url if info else ""


@register.simple_tag(takes_context=True)
def responsive_image(context, image, alt, css_class=""):
    """A <picture> with WebP sources in three widths and a fallback <img>."""
    if image is None:
        return ""
    picture = picture_for(image, _ctx(context))
    sources = format_html_join(
        "",
        '<source type="{}" srcset="{}" sizes="(max-width: 60rem) 100vw, 60rem">',
        ((mime, srcset) for srcset, mime in picture.sources),
    )
    return format_html(
        '<picture>{}<img src="{}" width="{}" height="{}" alt="{}" loading="lazy"{}></picture>',
        sources,
        picture.src,
        picture.width,
        picture.height,
        alt,
        format_html(' class="{}"', css_class) if css_class else "",
    )


@register.simple_tag(takes_context=True)
def document_file(context, document):
    """The document's published file (URL, extension, size), or None without a document."""
    if document is None:
        return None
    return document_file_for(document, _ctx(context))


@register.simple_tag(takes_context=True)
def section_url(context, language, model_label):
    """The URL of the language's top-level section of a page type ("legal.LegalSectionPage"),
    or "" when it has none published."""
    from django.apps import apps
    from django.contrib.contenttypes.models import ContentType

    ctx = _ctx(context)
    root = ctx.index.roots.get(language)
    if root is None:
        return ""
    ctx.shows_links(f"children:{root.id}")
    content_type_id = ContentType.objects.get_for_model(apps.get_model(model_label)).id
    for child in ctx.index.children_of(root.id):
        if child.content_type_id == content_type_id:
            return child.url
    return ""
