"""Who may comment, what each person sees, reports and moderation, one-level threads."""

import pytest
from django.core.exceptions import PermissionDenied

from cms.comments import selectors, services
from cms.comments.models import Comment, CommentStatus
from cms.comments.services import CommentError

pytestmark = pytest.mark.django_db


def seen_by(section, person) -> list[str]:
    return [c.text for c in selectors.comments_for(section=section, viewer=person)]


def test_an_adults_comment_is_published_at_once(section, people):
    comment = services.comment_create(section=section, author=people["teacher"], text="Согласна")

    assert comment.status == CommentStatus.VISIBLE
    assert seen_by(section, people["parent"]) == ["Согласна"]


def test_a_pupils_comment_waits_for_a_moderator(section, people):
    comment = services.comment_create(section=section, author=people["pupil"], text="Хочу кружок")

    assert comment.status == CommentStatus.PENDING


@pytest.mark.parametrize(
    ("asker", "sees"),
    [
        ("pupil", True),  # the author
        ("moderator", True),
        ("staff", True),
        ("parent", False),  # even the author's own parent waits for the moderator
        ("teacher", False),
    ],
)
def test_a_pending_comment_is_seen_only_by_its_author_and_the_moderators(
    section, people, asker, sees
):
    services.comment_create(section=section, author=people["pupil"], text="Хочу кружок")

    assert ("Хочу кружок" in seen_by(section, people[asker])) is sees


def test_an_approved_pupils_comment_is_seen_by_everyone_in_the_audience(section, people):
    comment = services.comment_create(section=section, author=people["pupil"], text="Хочу кружок")

    services.comment_approve(comment=comment, by=people["moderator"])

    assert seen_by(section, people["teacher"]) == ["Хочу кружок"]


def test_people_outside_the_audience_may_not_comment(section, people):
    with pytest.raises(PermissionDenied):
        services.comment_create(section=section, author=people["partner"], text="Hello")


def test_nobody_comments_once_the_section_is_closed(section, people):
    section.is_open = False
    section.save()

    with pytest.raises(CommentError) as refused:
        services.comment_create(section=section, author=people["teacher"], text="Поздно")

    assert refused.value.code == "closed"


def test_a_reply_to_a_reply_is_refused(section, people):
    first = services.comment_create(section=section, author=people["teacher"], text="Идея")
    reply = services.comment_create(
        section=section, author=people["parent"], text="Поддерживаю", parent_id=first.pk
    )

    with pytest.raises(CommentError) as refused:
        services.comment_create(
            section=section, author=people["teacher"], text="Спасибо", parent_id=reply.pk
        )

    assert refused.value.code == "too_deep"
    assert reply.parent_id == first.pk


def test_a_reply_goes_to_the_passage_of_its_comment(section, people):
    first = services.comment_create(
        section=section, author=people["teacher"], text="Про цели", passage="p2"
    )

    reply = services.comment_create(
        section=section, author=people["parent"], text="Да", parent_id=first.pk, passage="p3"
    )

    assert reply.passage == "p2"


@pytest.mark.parametrize("passage", ["p1", "p4"])
def test_a_heading_or_a_passage_the_document_lacks_takes_no_comment(section, people, passage):
    with pytest.raises(services.CommentError) as refused:
        services.comment_create(
            section=section, author=people["teacher"], text="Сюда?", passage=passage
        )

    assert refused.value.code == "no_passage"
    assert not section.comments.exists()


def test_counts_are_per_passage_and_include_replies(section, people):
    first = services.comment_create(
        section=section, author=people["teacher"], text="1", passage="p2"
    )
    services.comment_create(section=section, author=people["parent"], text="2", parent_id=first.pk)
    services.comment_create(section=section, author=people["parent"], text="3")

    comments = selectors.comments_for(section=section, viewer=people["teacher"])

    assert selectors.passage_counts(comments) == {"p2": 2, "": 1}


def test_a_person_reports_a_comment_once(section, people):
    comment = services.comment_create(section=section, author=people["teacher"], text="Резко")
    services.comment_report(comment=comment, reporter=people["parent"], reason="Грубо")

    with pytest.raises(CommentError) as refused:
        services.comment_report(comment=comment, reporter=people["parent"], reason="Ещё раз")

    assert refused.value.code == "already_reported"
    assert list(selectors.moderation_queue()) == [comment]


def test_nobody_reports_a_comment_they_cannot_see(section, people):
    comment = services.comment_create(section=section, author=people["pupil"], text="Тайное")

    with pytest.raises(CommentError):
        services.comment_report(comment=comment, reporter=people["teacher"])


def test_hiding_needs_a_reason_that_readers_see_instead_of_the_text(section, people):
    comment = services.comment_create(section=section, author=people["teacher"], text="Грубость")
    with pytest.raises(CommentError) as refused:
        services.comment_hide(comment=comment, by=people["moderator"], reason=" ")
    assert refused.value.code == "reason_required"

    services.comment_hide(comment=comment, by=people["moderator"], reason="Оскорбление")

    comment.refresh_from_db()
    assert comment.status == CommentStatus.HIDDEN
    assert comment.hidden_reason == "Оскорбление"
    assert comment.hidden_by == people["moderator"]


def test_only_moderators_moderate(section, people):
    comment = services.comment_create(section=section, author=people["pupil"], text="Идея")

    with pytest.raises(PermissionDenied):
        services.comment_approve(comment=comment, by=people["teacher"])

    assert Comment.objects.get(pk=comment.pk).status == CommentStatus.PENDING


def test_a_decision_clears_the_comment_from_the_queue(section, people):
    pending = services.comment_create(section=section, author=people["pupil"], text="Идея")
    reported = services.comment_create(section=section, author=people["teacher"], text="Спор")
    services.comment_report(comment=reported, reporter=people["parent"])
    assert list(selectors.moderation_queue()) == [pending, reported]

    services.comment_approve(comment=pending, by=people["moderator"])
    services.comment_approve(comment=reported, by=people["staff"])

    assert list(selectors.moderation_queue()) == []


def test_a_pupil_is_named_as_their_consent_says(section, people):
    from cms.users.selectors import display_name_for

    pupil = people["pupil"]
    pupil.name_display = "class"
    pupil.save()

    assert "Иванов" not in display_name_for(person=pupil, viewer=people["teacher"])
