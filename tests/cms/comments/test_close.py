"""Closing a discussion: the summary goes to the page's moderation, never straight out."""

import pytest
from django.core.exceptions import PermissionDenied

from cms.comments import services
from cms.comments.models import CommentSection
from site_content.governance.models import DiscussionPage

pytestmark = pytest.mark.django_db


def test_closing_makes_a_summary_revision_submitted_for_moderation_and_not_published(
    discussion, section, people
):
    teacher, parent = people["teacher"], people["parent"]
    first = services.comment_create(section=section, author=teacher, text="1", passage="p2")
    services.comment_create(section=section, author=parent, text="2", parent_id=first.pk)
    services.comment_create(section=section, author=parent, text="3", passage="p3")
    services.comment_create(section=section, author=people["pupil"], text="не одобрен")

    services.discussion_close(page=discussion, by=people["staff"], response="Спасибо всем.")

    page = DiscussionPage.objects.get(pk=discussion.pk)
    assert page.status == "open"  # the live page is unchanged until an editor publishes
    assert page.workflow_in_progress
    draft = page.get_latest_revision_as_object()
    assert draft.status == "closed"
    summary = str(draft.results[0].value)
    assert "Комментариев: 3; участников: 2." in summary
    assert "Абзац 2 «Лицей открывает коворкинг для проектов учеников.»: комментариев: 2" in summary
    assert "Спасибо всем." in summary
    assert "не одобрен" not in summary
    assert not CommentSection.objects.get(pk=section.pk).accepts_comments


def test_the_summary_counts_only_published_comments(discussion, section, people):
    services.comment_create(section=section, author=people["pupil"], text="ждёт")

    summary = services.discussion_summary(page=discussion)

    assert summary == {"comments": 0, "participants": 0, "passages": []}


def test_only_staff_close_a_discussion(discussion, section, people):
    with pytest.raises(PermissionDenied):
        services.discussion_close(page=discussion, by=people["moderator"], response="Итоги")


def test_a_discussion_is_closed_once(discussion, section, people):
    services.discussion_close(page=discussion, by=people["staff"], response="Итоги")

    with pytest.raises(services.CommentError) as refused:
        services.discussion_close(page=discussion, by=people["staff"], response="Ещё")

    assert refused.value.code == "already_closed"
