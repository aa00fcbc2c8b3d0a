"""The relaxation room's confidential help in a real browser.

A visitor writes to the psychologist anonymously and keeps the one-time code; the psychologist
reads the request in the queue and answers; the code reads the answer back. An administrator
and an editor find nothing on any path to the request, and the database column holds only a
Fernet token (read raw).
"""

from __future__ import annotations

import pytest
from django.db import connection
from playwright.sync_api import expect

from cms.users.choices import RoleChoices as R
from cms.wellbeing import crypto
from cms.wellbeing.models import HelpRequest
from site_content.support.models import RelaxationRoomPage, SupportIndexPage
from tests.cms.users.conftest import make_person
from tests.publish.helpers import publish_full

from .conftest import TIMEOUT_MS

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]

expect.set_options(timeout=TIMEOUT_MS)

SECRET = "Мне страшно идти в школу из-за старшеклассников"
ANSWER = "Спасибо, что написал. Приходи в кабинет 214 в среду в 15:00."
ROOM = "/ru/support/relaxation-room/"


@pytest.fixture
def room(cabinet_site):
    home = cabinet_site["ru"]
    index = SupportIndexPage(title="Сопровождение", slug="support")
    home.add_child(instance=index)
    index.save_revision().publish()
    page = RelaxationRoomPage(
        title="Комната отдыха",
        slug="relaxation-room",
        urgent_help="Телефон доверия: 8-800-2000-122.",
    )
    index.add_child(instance=page)
    page.save_revision().publish()
    publish_full(strict=True)
    return page


@pytest.fixture
def people(room):
    return {
        "psychologist": make_person(
            "psy", R.PSYCHOLOGIST, first_name="Ирина", last_name="Светлова"
        ),
        "administrator": make_person("director", R.ADMINISTRATOR, is_staff=True, is_superuser=True),
        "editor": make_person("editor", R.STAFF, is_staff=True),
    }


def raw_text(pk: int) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT text FROM wellbeing_helprequest WHERE id = %s", [pk])
        return cursor.fetchone()[0]


def test_an_anonymous_request_is_answered_and_read_back_by_its_code(
    open_page, people, screenshot_dir
):
    # A pupil writes without signing in and keeps the code.
    visitor = open_page()
    visitor.goto(ROOM)
    expect(visitor.get_by_role("heading", name="Как получить помощь")).to_be_visible()
    visitor.get_by_label("Что случилось? Напишите, как можете").fill(SECRET)
    visitor.get_by_label("Хочу встретиться с психологом").check()
    visitor.get_by_role("button", name="Отправить", exact=True).click()
    expect(visitor.get_by_text("Сохраните его: он показан только один раз")).to_be_visible()
    expect(visitor.get_by_role("button", name="Скопировать код")).to_be_visible()
    code = visitor.locator("[data-help-code]").inner_text()
    assert len(code) == 19
    visitor.screenshot(path=screenshot_dir / "help-code.png")
    assert visitor.problems == []

    help_request = HelpRequest.objects.get()
    assert help_request.requester is None
    stored = raw_text(help_request.pk)
    assert crypto.is_token(stored) and SECRET not in stored and "страшно" not in stored

    # The psychologist opens it from the queue (the read is logged) and answers.
    psy = open_page(people["psychologist"])
    psy.goto(ROOM)
    expect(psy.get_by_role("heading", name="Обращения к психологу")).to_be_visible()
    psy.get_by_role("button", name=f"Обращение №{help_request.pk}").click()
    expect(psy.get_by_text(SECRET)).to_be_visible()
    expect(psy.get_by_text("Автор анонимен и просит о встрече")).to_be_visible()
    psy.get_by_label("Ваш ответ").fill(ANSWER)
    psy.get_by_role("button", name="Ответить").click()
    expect(psy.get_by_role("status").filter(has_text="Ответ отправлен.")).to_be_attached()
    expect(psy.get_by_text(ANSWER)).to_be_visible()
    assert psy.problems == []
    from cms.wellbeing.models import HelpAccessLog

    assert set(HelpAccessLog.objects.values_list("action", flat=True)) == {"read", "reply"}

    # Days later, in a fresh browser, the code reads the answer back.
    later = open_page()
    later.goto(ROOM)
    later.get_by_label("Одноразовый код").fill(code.lower())
    later.get_by_role("button", name="Прочитать ответ").click()
    expect(later.get_by_text(ANSWER)).to_be_visible()
    expect(later.get_by_text(SECRET)).to_be_visible()
    later.screenshot(path=screenshot_dir / "help-answer.png")
    assert later.problems == []


def test_an_administrator_and_an_editor_find_nothing_on_any_path_to_a_request(
    open_page, people, base_url
):
    from cms.wellbeing.services import help_request_create

    created = help_request_create(text=SECRET)
    pk = created.request.pk
    api = f"{base_url}/api/help"
    for who in ("administrator", "editor"):
        page = open_page(people[who])
        page.goto(ROOM)
        csrf = page.request.get(f"{base_url}/api/me").json()["csrf_token"]
        headers = {"X-CSRFToken": csrf, "Referer": base_url + ROOM}
        answers = {
            "GET list": page.request.get(f"{api}/requests"),
            "GET one": page.request.get(f"{api}/requests/{pk}"),
            "reply": page.request.post(
                f"{api}/requests/{pk}/replies", data={"text": "x"}, headers=headers
            ),
            "consultation": page.request.post(
                f"{api}/requests/{pk}/consultation",
                data={"starts_at": "2099-01-01T10:00:00+03:00"},
                headers=headers,
            ),
            "close": page.request.post(f"{api}/requests/{pk}/close", data={}, headers=headers),
            "crisis words": page.request.get(f"{api}/crisis-words"),
            "wagtail snippets": page.request.get(
                f"{base_url}/ru/admin/snippets/wellbeing/helprequest/", max_redirects=0
            ),
            "wagtail app": page.request.get(
                f"{base_url}/ru/admin/wellbeing/helprequest/", max_redirects=0
            ),
            "django admin": page.request.get(
                f"{base_url}/ru/django-admin/wellbeing/helprequest/", max_redirects=0
            ),
        }
        for name, response in answers.items():
            assert response.status in (403, 404), (who, name, response.status)
            assert SECRET not in response.text(), (who, name)
        # Nor does the widget show them the queue.
        expect(page.get_by_role("heading", name="Написать психологу")).to_be_visible()
        expect(page.get_by_role("heading", name="Обращения к психологу")).to_have_count(0)
    assert HelpRequest.objects.get(pk=pk).status == "new"
    stored = raw_text(pk)
    assert crypto.is_token(stored) and SECRET not in stored
