"""The comments endpoints in the permission matrix: every kind of person asks about a
discussion's comment section (pupils, parents and teachers may comment) where the pupil
(Иванов) wrote a comment still waiting for a moderator. Nobody but the pupil and the
moderators (staff here) ever sees it."""

import pytest

from cms.comments import services
from tests.cms.comments.conftest import make_section

from .test_permission_matrix import ASKERS, ask, people  # noqa: F401

pytestmark = pytest.mark.django_db

PENDING = "Хочу шахматный клуб"
IN_AUDIENCE = {"student", "other_student", "parent_of", "parent_of_other", "teacher"}


@pytest.fixture
def section(people):  # noqa: F811
    section = make_section(roles=("student", "parent", "teacher"))
    services.comment_create(section=section, author=people["student"], text=PENDING)
    services.comment_create(section=section, author=people["teacher"], text="Согласна")
    return section


@pytest.mark.parametrize("asker", ASKERS)
def test_a_pending_comment_is_invisible_to_all_but_its_author_and_the_moderators(
    client,
    people,  # noqa: F811
    section,
    asker,
):
    response = ask(client, people, asker, "get", f"/api/comments/{section.code}")

    expected = {"anonymous": 401, "tutor": 403, "partner": 403}.get(asker, 200)
    assert response.status_code == expected
    assert "no-store" in response["Cache-Control"]
    if expected != 200:
        return
    texts = [c["text"] for c in response.json()["comments"]]
    assert (PENDING in texts) is (asker in ("student", "staff"))
    assert "Согласна" in texts


@pytest.mark.parametrize("asker", ASKERS)
def test_only_the_audience_comments(client, people, section, asker):  # noqa: F811
    response = ask(
        client, people, asker, "post", f"/api/comments/{section.code}", {"text": "Моё мнение"}
    )

    # Staff read and moderate every section, but take part only when in its audience.
    expected = 201 if asker in IN_AUDIENCE else (401 if asker == "anonymous" else 403)
    assert response.status_code == expected
    if expected == 201:
        pending = asker in ("student", "other_student")
        assert response.json()["status"] == ("pending" if pending else "visible")


@pytest.mark.parametrize("asker", ASKERS)
def test_only_moderators_approve(client, people, section, asker):  # noqa: F811
    pending = section.comments.get(text=PENDING)

    response = ask(
        client, people, asker, "post", f"/api/comments/{pending.pk}/moderate", {"action": "approve"}
    )

    # Those who cannot see a pending comment are told it does not exist.
    expected = {"anonymous": 401, "staff": 200, "student": 403}.get(asker, 404)
    assert response.status_code == expected


@pytest.mark.parametrize("asker", ASKERS)
def test_anyone_who_sees_a_comment_reports_it_once(client, people, section, asker):  # noqa: F811
    visible = section.comments.get(text="Согласна")
    path = f"/api/comments/{visible.pk}/report"

    response = ask(client, people, asker, "post", path, {"reason": "Спам"})

    expected = {"anonymous": 401, "tutor": 404, "partner": 404, "teacher": 409}.get(asker, 201)
    assert response.status_code == expected
    if expected == 201:
        again = ask(client, people, asker, "post", path, {"reason": "Спам"})
        assert again.json()["error"]["code"] == "already_reported"


@pytest.mark.parametrize("asker", ASKERS)
def test_the_queue_is_the_moderators_alone(client, people, section, asker):  # noqa: F811
    response = ask(client, people, asker, "get", "/api/comments/queue")

    expected = {"anonymous": 401, "staff": 200}.get(asker, 403)
    assert response.status_code == expected
    if expected == 200:
        assert [c["text"] for c in response.json()["results"]] == [PENDING]


@pytest.mark.parametrize("asker", ASKERS)
def test_only_staff_close_a_discussion(client, people, asker):  # noqa: F811
    from tests.cms.comments.conftest import make_discussion

    page = make_discussion()
    make_section(page)

    response = ask(
        client, people, asker, "post", f"/api/comments/discussions/{page.pk}/close",
        {"response": "Спасибо"},
    )  # fmt: skip

    expected = {"anonymous": 401, "staff": 201}.get(asker, 403)
    assert response.status_code == expected
    if expected == 201:
        assert response.json()["in_moderation"] is True
