"""A parent asks the school; the people it is addressed to answer, and the answer reaches the
parent in the cabinet and by email; staff turn it into a FAQ item that names nobody and waits
for moderation while the live page stays as it was."""

from __future__ import annotations

import pytest

from cms.notifications.models import Notification
from cms.parent_questions import services
from cms.parent_questions.models import ParentQuestion, QuestionStatus
from cms.users.choices import RoleChoices
from cms.users.models import Guardianship
from site_content.support.models import FAQPage, SupportIndexPage
from tests.cms.users.conftest import make_person
from tests.factories import make_site
from tests.tasks import run_worker


@pytest.fixture
def cast(db):
    parent = make_person(
        "parent", RoleChoices.PARENT, first_name="Мария", last_name="Петрова",
        email="maria@example.org",
    )  # fmt: skip
    child = make_person(
        "child", RoleChoices.STUDENT, school_class="5Б", first_name="Коля", last_name="Петров"
    )
    Guardianship.objects.create(parent=parent, child=child)
    return {
        "parent": parent,
        "child": child,
        "other_parent": make_person("other-parent", RoleChoices.PARENT),
        "teacher": make_person("teacher", RoleChoices.TEACHER, first_name="Анна"),
        "tutor": make_person("tutor", RoleChoices.TUTOR),
        "staff": make_person("staff", RoleChoices.STAFF),
        "student": make_person("student", RoleChoices.STUDENT, school_class="5Б"),
    }


def ask(client, person, method, path, body=None):
    client.force_login(person)
    if body is None:
        return getattr(client, method)(path)
    return getattr(client, method)(path, body, content_type="application/json")


QUESTION = "Коля Петров забывает сменку. Мария Петрова спрашивает: где купить форму?"


@pytest.mark.django_db
def test_a_parent_asks_the_class_teacher_about_their_child(client, cast):
    body = {"addressee": "class_teacher", "text": QUESTION, "child_id": cast["child"].pk}

    response = ask(client, cast["parent"], "post", "/api/parent-questions", body)

    assert response.status_code == 201
    assert response.json()["child"]["name"] == "Коля Петров"
    queue = ask(client, cast["teacher"], "get", "/api/parent-questions").json()["queue"]
    assert [q["text"] for q in queue] == [QUESTION]
    assert ask(client, cast["tutor"], "get", "/api/parent-questions").json()["queue"] == []


@pytest.mark.django_db
def test_a_parent_cannot_ask_about_someone_elses_child(client, cast):
    body = {"addressee": "tutor", "text": "Вопрос", "child_id": cast["student"].pk}

    response = ask(client, cast["parent"], "post", "/api/parent-questions", body)

    assert response.status_code == 400
    assert not ParentQuestion.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["teacher", "student", "staff"])
def test_only_parents_ask(client, cast, who):
    response = ask(
        client, cast[who], "post", "/api/parent-questions", {"addressee": "tutor", "text": "?"}
    )

    assert response.status_code == 403


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["other_parent", "tutor", "student", "child"])
def test_outsiders_find_no_question(client, cast, who):
    question = services.question_ask(
        parent=cast["parent"], text=QUESTION, addressee="class_teacher", child_id=cast["child"].pk
    )

    seen = ask(client, cast[who], "get", f"/api/parent-questions/{question.pk}")
    answered = ask(
        client, cast[who], "post", f"/api/parent-questions/{question.pk}/answer", {"answer": "x"}
    )
    listed = ask(client, cast[who], "get", "/api/parent-questions")

    assert seen.status_code == 404
    assert answered.status_code == 404
    assert "сменку" not in listed.content.decode()
    assert ParentQuestion.objects.get().status == QuestionStatus.OPEN


@pytest.mark.django_db(transaction=True)
def test_the_answer_reaches_the_parent_in_the_cabinet_and_by_email(client, cast, smtp):
    question = services.question_ask(parent=cast["parent"], text=QUESTION, addressee="tutor")

    response = ask(
        client,
        cast["tutor"],
        "post",
        f"/api/parent-questions/{question.pk}/answer",
        {"answer": "Форму продают в магазине на Невском."},
    )
    run_worker()

    assert response.status_code == 200
    mine = ask(client, cast["parent"], "get", "/api/parent-questions").json()["mine"]
    assert mine[0]["answer"] == "Форму продают в магазине на Невском."
    assert mine[0]["status"] == "answered"
    assert Notification.objects.filter(recipient=cast["parent"]).count() == 1
    [message] = smtp.to("maria@example.org")
    assert (
        "Форму продают в магазине на Невском."
        in message.get_body(preferencelist=("plain",)).get_content()
    )


@pytest.fixture
def faq_page(db):
    home = make_site(english=False)["ru"]
    index = SupportIndexPage(title="Сопровождение", slug="support")
    home.add_child(instance=index)
    index.save_revision().publish()
    page = FAQPage(
        title="Вопросы родителей",
        slug="faq",
        questions=[("question", {"question": "Когда собрание?", "answer": "<p>В сентябре.</p>"})],
    )
    index.add_child(instance=page)
    page.save_revision().publish()
    return FAQPage.objects.get(pk=page.pk)


@pytest.mark.django_db
def test_staff_turn_an_answer_into_a_faq_draft_in_moderation_without_names(client, cast, faq_page):
    question = services.question_ask(
        parent=cast["parent"], text=QUESTION, addressee="administration", child_id=cast["child"].pk
    )
    services.question_answer(
        question=question, by=cast["staff"], answer="Мария, форму продают на Невском, 10."
    )

    response = ask(
        client,
        cast["staff"],
        "post",
        f"/api/parent-questions/{question.pk}/faq",
        {"faq_page_id": faq_page.pk},
    )

    assert response.status_code == 201
    assert response.json()["in_moderation"] is True
    faq_page.refresh_from_db()
    assert faq_page.workflow_in_progress
    draft = faq_page.get_latest_revision_as_object()
    items = [block.value for block in draft.questions]
    assert len(items) == 2
    new = items[-1]
    text = f"{new['question']} {new['answer'].source}"
    assert "Невском" in text
    for name in ("Мария", "Петрова", "Коля", "Петров"):
        assert name not in text
    live = FAQPage.objects.get(pk=faq_page.pk)
    assert [block.value["question"] for block in live.questions] == ["Когда собрание?"]
    assert ParentQuestion.objects.get().faq_page_id == faq_page.pk


@pytest.mark.django_db
def test_a_question_goes_to_the_faq_only_after_it_is_answered(client, cast, faq_page):
    question = services.question_ask(parent=cast["parent"], text="Вопрос", addressee="tutor")

    response = ask(
        client,
        cast["staff"],
        "post",
        f"/api/parent-questions/{question.pk}/faq",
        {"faq_page_id": faq_page.pk},
    )

    assert response.status_code == 409


@pytest.mark.django_db
def test_a_teacher_who_answers_does_not_edit_the_faq(client, cast, faq_page):
    question = services.question_ask(
        parent=cast["parent"], text="Вопрос", addressee="class_teacher"
    )
    services.question_answer(question=question, by=cast["teacher"], answer="Ответ")

    response = ask(
        client,
        cast["teacher"],
        "post",
        f"/api/parent-questions/{question.pk}/faq",
        {"faq_page_id": faq_page.pk},
    )

    assert response.status_code == 403
    assert not FAQPage.objects.get(pk=faq_page.pk).workflow_in_progress
