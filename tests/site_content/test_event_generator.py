"""The project event generator: a teacher's form becomes a draft event made from the template of
its kind, in moderation; once an editor publishes it, the teacher hears, and the static page
works."""

from __future__ import annotations

import shutil
from datetime import timedelta

import pytest
from django.utils import timezone
from wagtail.models import Locale

from cms.notifications.models import Notification
from cms.users.choices import RoleChoices
from site_content.events.models import EventIndexPage, EventKind, EventPage, EventTemplate
from site_content.loader import DEFAULT_CONTENT_DIR, content_load
from site_content.partners.models import Partner
from site_content.taxonomy.models import Grade
from tests.cms.users.conftest import make_person
from tests.publish.helpers import page_html, publish_full

pytestmark = pytest.mark.django_db

FORM_URL = "/ru/accounts/events/new/"


@pytest.fixture
def templates(db, tmp_path):
    """The school's own event templates and event types, loaded from its content files, in a
    site of a home page and the events index."""
    content = tmp_path / "content"
    (content / "snippets").mkdir(parents=True)
    (content / "ru").mkdir()
    for name in ("events.EventTemplate.yaml", "taxonomy.EventType.yaml"):
        shutil.copy(DEFAULT_CONTENT_DIR / "snippets" / name, content / "snippets" / name)
    (content / "ru" / "index.md").write_text("---\ntitle: Лицей\n---\n", encoding="utf-8")
    (content / "ru" / "events.md").write_text(
        "---\ntype: EventIndexPage\ntitle: События\n---\n", encoding="utf-8"
    )
    content_load(root=content)
    assert EventIndexPage.objects.live().count() == 1
    return {t.kind: t for t in EventTemplate.objects.filter(locale__language_code="ru")}


@pytest.fixture
def teacher(db):
    return make_person(
        "teacher", RoleChoices.TEACHER, first_name="Ольга", email="olga@school.example"
    )


@pytest.fixture
def editor(db):
    from django.contrib.auth.models import Group

    person = make_person("editor", RoleChoices.STAFF)
    person.groups.add(Group.objects.get(name="Moderators"))
    return person


def form_data(kind: str, **fields) -> dict:
    start = timezone.localtime() + timedelta(days=10)
    start = start.replace(hour=10, minute=0, second=0, microsecond=0)
    data = {
        "kind": kind,
        "title": f"Событие: {kind}",
        "start": start.strftime("%Y-%m-%dT%H:%M"),
        "end": "",
        "place": "",
        "capacity": "25",
        "challenges-TOTAL_FORMS": "3",
        "challenges-INITIAL_FORMS": "0",
        "challenges-MIN_NUM_FORMS": "0",
        "challenges-MAX_NUM_FORMS": "12",
    }
    data.update(fields)
    return data


def generate(client, teacher, kind: str, **fields) -> EventPage:
    client.force_login(teacher)
    response = client.post(FORM_URL, form_data(kind, **fields))
    assert response.status_code == 302, response.content.decode()[:2000]
    page = EventPage.objects.get(title=f"Событие: {kind}")
    assert response["Location"] == f"{FORM_URL}{page.pk}/"
    return page


@pytest.mark.parametrize("kind", list(EventKind))
def test_each_kind_becomes_a_draft_from_its_template_that_an_editor_publishes_with_a_working_page(
    kind, client, teacher, editor, templates, site_dir
):
    template = templates[kind]
    challenges = {}
    if kind in (EventKind.HACKATHON, EventKind.PROBLEM_SESSION):
        partner = Partner.objects.create(
            name="СПбГУ",
            slug="spbu",
            kind="university",
            locale=Locale.objects.get(language_code="ru"),
        )
        challenges = {
            "challenges-0-title": "Умная столовая",
            "challenges-0-statement": "Сократить очередь на большой перемене.",
            "challenges-0-partner": str(partner.pk),
        }
    grade = Grade.objects.create(
        name="8 класс", slug="grade-8", locale=Locale.objects.get(language_code="ru")
    )

    page = generate(client, teacher, kind, audience=[str(grade.pk)], **challenges)

    assert not page.live and page.owner == teacher
    assert page.current_workflow_state is not None
    assert page.current_workflow_state.status == "in_progress"
    sessions = [block.value for block in page.programme]
    assert [s["title"] for s in sessions] == [b.value["title"] for b in template.programme]
    local_start = timezone.localtime(page.start)
    assert sessions[0]["starts"] == local_start.time()
    assert page.end == page.start + timedelta(hours=template.duration_hours)
    assert page.capacity == 25
    assert page.registration_access == template.registration_access
    assert page.registration_moderated == template.registration_moderated
    assert len(page.registration_questions) == len(template.registration_questions)
    assert (
        timezone.now() - timedelta(minutes=1) <= page.registration_opens < page.registration_closes
    )
    assert page.registration_closes <= page.start
    assert "Материалы" in str(page.body)
    assert list(page.audience.all()) == [grade]
    if challenges:
        assert [c.value["title"] for c in page.challenges] == ["Умная столовая"]
        assert page.challenges[0].value["partner"].name == "СПбГУ"
        assert (page.team_size_min, page.team_size_max) == (
            template.team_size_min,
            template.team_size_max,
        )
    else:
        assert page.team_size_max is None and len(page.challenges) == 0

    done = client.get(f"{FORM_URL}{page.pk}/").content.decode()
    assert "отправлен редакторам на проверку" in done
    assert not Notification.objects.filter(recipient=teacher).exists()

    task_state = page.current_workflow_state.current_task_state
    task_state.approve(user=editor)

    page.refresh_from_db()
    assert page.live
    note = Notification.objects.get(recipient=teacher, kind="event_published")
    assert page.title in note.title and note.url == page.url
    result = publish_full(strict=True)
    assert result.broken_links == []
    html = page_html(page.url)
    assert 'data-widget="registration"' in html
    assert sessions[0]["title"] in html
    if challenges:
        assert "Умная столовая" in html and "СПбГУ" in html


def test_publishing_the_event_again_does_not_tell_the_teacher_twice(
    client, teacher, editor, templates
):
    page = generate(client, teacher, EventKind.MASTER_CLASS)
    page.current_workflow_state.current_task_state.approve(user=editor)
    page.refresh_from_db()

    page.save_revision(user=editor).publish(user=editor)

    assert Notification.objects.filter(recipient=teacher, kind="event_published").count() == 1


def test_the_teacher_reads_the_news_in_their_own_language(client, editor, templates):
    teacher = make_person("teacher-en", RoleChoices.TUTOR, language="en")

    page = generate(client, teacher, EventKind.CONFERENCE)
    page.current_workflow_state.current_task_state.approve(user=editor)

    note = Notification.objects.get(recipient=teacher)
    assert note.title == f"The event “{page.title}” is published"


def test_a_student_may_not_generate_events_and_a_visitor_is_asked_to_sign_in(client, templates):
    assert client.get(FORM_URL).status_code == 302

    client.force_login(make_person("pupil", RoleChoices.STUDENT))

    assert client.get(FORM_URL).status_code == 403
    assert client.post(FORM_URL, form_data(EventKind.CONFERENCE)).status_code == 403
    assert not EventPage.objects.exists()


def test_the_form_is_shown_to_a_tutor_with_every_kind(client, templates):
    client.force_login(make_person("tutor", RoleChoices.TUTOR))

    html = client.get(FORM_URL).content.decode()

    for label in ("хакатон", "проблемная сессия", "день защиты проектов", "мастер-класс"):
        assert label in html


def test_bad_input_is_explained_and_nothing_typed_is_lost(client, teacher, templates):
    client.force_login(teacher)
    data = form_data(EventKind.HACKATHON, title="Хакатон «Город»")
    data["end"] = data["start"]
    data["challenges-0-title"] = "Задача без постановки"

    response = client.post(FORM_URL, data)

    html = response.content.decode()
    assert response.status_code == 400
    assert "Окончание должно быть позже начала." in html
    assert "У задачи должны быть и название, и постановка." in html
    assert 'value="Хакатон «Город»"' in html and "Задача без постановки" in html
    assert not EventPage.objects.exists()


def test_a_hackathon_needs_at_least_one_challenge(client, teacher, templates):
    client.force_login(teacher)

    response = client.post(FORM_URL, form_data(EventKind.HACKATHON))

    assert response.status_code == 400
    assert "опишите хотя бы одну задачу" in response.content.decode()


def test_an_event_in_the_past_is_refused(client, teacher, templates):
    client.force_login(teacher)
    yesterday = (timezone.localtime() - timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")

    response = client.post(FORM_URL, form_data(EventKind.CONFERENCE, start=yesterday))

    assert response.status_code == 400
    assert "Начало должно быть в будущем." in response.content.decode()


def test_another_teacher_cannot_open_what_the_generator_made_for_someone_else(
    client, teacher, templates
):
    page = generate(client, teacher, EventKind.MASTER_CLASS)
    client.force_login(make_person("other", RoleChoices.TEACHER))

    assert client.get(f"{FORM_URL}{page.pk}/").status_code == 404
