"""What publishing needs from media: refusing pages that show images without consent."""

from __future__ import annotations

import logging

from django.utils.translation import gettext as _
from wagtail.models import Page

from .selectors import images_used_by, refused_image_ids, refused_images_used_by

logger = logging.getLogger(__name__)


def publish_check(*, page: Page) -> list[str]:
    """Why the page may not be published, one sentence per image; empty when it may.

    A page may not show an image whose people refused consent to publication.
    """
    return [
        _(
            "Страница «%(page)s» показывает изображение «%(image)s» (id %(id)s), на публикацию "
            "которого нет согласия. Замените или уберите это изображение, затем опубликуйте "
            "страницу снова."
        )
        % {"page": page.title, "image": image.title, "id": image.pk}
        for image in refused_images_used_by(page=page.specific)
    ]


def consent_errors(*, page_ids: list[int]) -> list[str]:
    """For the static builder: one message per live page that shows an image without consent.

    Costs one query when no image is marked «согласия нет», the usual case.
    """
    refused = refused_image_ids()
    if not refused:
        return []
    errors = []
    for start in range(0, len(page_ids), 200):
        pages = Page.objects.filter(pk__in=page_ids[start : start + 200]).specific()
        for page in sorted(pages, key=lambda p: p.pk):
            for image in images_used_by(page=page):
                if image.pk in refused:
                    # The builder's own messages are English log lines; this one joins them.
                    errors.append(
                        f"page «{page.title}» (id {page.pk}, {page.url_path}) shows image "
                        f"«{image.title}» (id {image.pk}) whose people refused consent to "
                        "publication; replace the image or unpublish the page"
                    )
    return errors


def page_withdraw_if_refused(*, page: Page) -> list[str]:
    """Unpublish a page that went live showing an image without consent; the problems found.

    This is the last line for publishing paths that cannot be refused beforehand (scheduled
    publishing, workflow approval, code): the privacy of the people shown comes first.
    """
    problems = publish_check(page=page)
    if problems and page.live:
        page.unpublish(log_action="wagtail.unpublish")
        for problem in problems:
            logger.warning("Unpublished page id %s: %s", page.pk, problem)
    return problems
