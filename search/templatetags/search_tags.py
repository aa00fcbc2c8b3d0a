"""Template tags for the search box: where the search page of a language is."""

from django import template
from django.contrib.contenttypes.models import ContentType

from publish.context import current

register = template.Library()


@register.simple_tag(takes_context=True)
def search_page_url(context, language):
    """The URL of the language's published search page, or "" when it has none."""
    from search.models import SearchPage

    ctx = current(context.get("request"))
    root = ctx.index.roots.get(language)
    if root is None:
        return ""
    ctx.shows_links(f"children:{root.id}")
    content_type_id = ContentType.objects.get_for_model(SearchPage).id
    for child in ctx.index.children_of(root.id):
        if child.content_type_id == content_type_id:
            return child.url
    return ""
