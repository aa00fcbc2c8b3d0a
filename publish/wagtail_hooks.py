"""Rich-text links resolved through the build's site index, recording what a page links to."""

from django.utils.html import escape
from wagtail import hooks
from wagtail.documents import get_document_model
from wagtail.documents.rich_text import DocumentLinkHandler
from wagtail.rich_text.pages import PageLinkHandler

from .assets import document_file_for
from .context import current


class PublishedPageLinkHandler(PageLinkHandler):
    """Links to a page only while it is public; a link to a draft or deleted page loses its href."""

    @classmethod
    def expand_db_attributes_many(cls, attrs_list):
        ctx = current()
        links = []
        for attrs in attrs_list:
            try:
                page_id = int(attrs.get("id"))
            except (TypeError, ValueError):
                links.append("<a>")
                continue
            ctx.shows_links(f"page:{page_id}")
            info = ctx.index.get(page_id)
            links.append(f'<a href="{escape(info.url)}">' if info else "<a>")
        return links


class PublishedDocumentLinkHandler(DocumentLinkHandler):
    """Links to the copy of the document that the build places under /files/; a link to a
    deleted document keeps its words and loses its address."""

    @classmethod
    def expand_db_attributes_many(cls, attrs_list):
        ctx = current()
        ids = [attrs.get("id") for attrs in attrs_list]
        documents = get_document_model().objects.in_bulk([i for i in ids if str(i).isdigit()])
        links = []
        for doc_id in ids:
            document = documents.get(int(doc_id)) if str(doc_id).isdigit() else None
            if document is None:
                if str(doc_id).isdigit():
                    ctx.lacks(f"document:{doc_id}")
                links.append("<a>")
                continue
            links.append(f'<a href="{escape(document_file_for(document, ctx).url)}">')
        return links


@hooks.register("register_rich_text_features", order=100)
def use_published_link_handlers(features):
    features.register_link_type(PublishedPageLinkHandler)
    features.register_link_type(PublishedDocumentLinkHandler)
