"""Rich-text links resolved through the build's site index, recording what a page links to; the
admin's view of publishing (a dashboard panel, and a note after publishing a page)."""

from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.documents import get_document_model
from wagtail.documents.rich_text import DocumentLinkHandler
from wagtail.rich_text.pages import PageLinkHandler

from .assets import document_file_for
from .context import current
from .selectors import publish_status

# A publish usually starts within seconds; after this long the worker is probably not running.
WAITING_TOO_LONG = timedelta(minutes=3)


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


class PublishStatusPanel(Component):
    """The dashboard's answer to "is my change on the site yet?"."""

    name = "publish_status"
    template_name = "publish/admin/status_panel.html"
    order = 50

    def get_context_data(self, parent_context):
        status = publish_status()
        waiting_too_long = (
            status.waiting_since is not None
            and status.running is None
            and timezone.now() - status.waiting_since > WAITING_TOO_LONG
        )
        return {"status": status, "waiting_too_long": waiting_too_long}


@hooks.register("construct_homepage_panels")
def add_publish_status_panel(request, panels):
    panels.append(PublishStatusPanel())


@hooks.register("after_publish_page")
@hooks.register("after_unpublish_page")
def say_where_to_see_the_publish(request, page):
    if settings.PUBLISH_ON_CHANGE and settings.PUBLISH_IN_BACKGROUND:
        messages.info(
            request,
            _(
                "Сайт обновится через несколько секунд; когда изменения станут видны, покажет "
                "панель «Публикация сайта» на главной странице админки."
            ),
        )
