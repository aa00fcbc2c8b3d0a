"""Admin hooks: pages showing an image without consent are not published from the admin."""

from django.contrib import messages
from django.shortcuts import redirect
from wagtail import hooks
from wagtail.models import Page

from .services import publish_check


@hooks.register("before_publish_page")
def refuse_publishing_images_without_consent(request, page):
    """Runs when an editor clicks Publish (or schedules publishing) on the create or edit view.

    Wagtail has already saved the draft, so the editor's work is kept; the page is simply not
    published, and the editor is sent back to it with the reason.
    """
    problems = publish_check(page=page)
    if not problems:
        return None
    if page.live and page.live_revision_id is None:
        # The create view has already saved the new page with Wagtail's default live=True,
        # expecting to publish it next; it must stay a draft.
        Page.objects.filter(pk=page.pk).update(live=False, has_unpublished_changes=True)
    for problem in problems:
        messages.error(request, problem)
    return redirect("wagtailadmin_pages:edit", page.pk)


@hooks.register("before_bulk_action")
def refuse_bulk_publishing_images_without_consent(request, action_type, objects, action):
    """The bulk Publish action publishes each page's latest revision: check those."""
    if action_type != "publish" or not issubclass(action.model, Page):
        return None
    problems = []
    for page in objects:
        latest = page.specific.get_latest_revision_as_object()
        problems.extend(publish_check(page=latest))
    if not problems:
        return None
    for problem in problems:
        messages.error(request, problem)
    return redirect(action.next_url)
