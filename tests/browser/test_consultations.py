"""Consultation hours and meetings in a real browser, as the issue's people use them.

A tutor pastes his room's video link and publishes consultation hours; two pupils try for the
same slot and only the first gets it; during hours that are on now a pupil joins the live
queue, the tutor takes "next" and the pupil enters the room by the link the API hands out.
Then a consultant from a partner organisation holds a meeting with a pupil of the project he
advises: it refuses to start until a teacher of the lyceum has joined it.
"""

from __future__ import annotations

import re
from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from cms.consultations import services as consultations
from cms.consultations.models import ConsultationBooking, ConsultationSlot
from cms.meetings.models import Meeting, MeetingStatus
from cms.projects.models import MemberRole, MemberStatus, ProjectMember
from cms.users.choices import RoleChoices
from tests.cms.projects.factories import make_project
from tests.cms.users.conftest import make_person

from .conftest import TIMEOUT_MS

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]

expect.set_options(timeout=TIMEOUT_MS)

MOSCOW = ZoneInfo("Europe/Moscow")
ROOM_LINK = "https://telemost.yandex.ru/j/55501234567890"
SAFETY = "нужен кто-то из взрослых лицея"


@pytest.fixture
def people(meetings_site):
    R = RoleChoices
    consent = {"parental_consent": True, "name_display": "full_name"}
    cast = {
        "tutor": make_person("tutor", R.TUTOR, first_name="Дмитрий", last_name="Волков"),
        "teacher": make_person("teacher", R.TEACHER, first_name="Мария", last_name="Кузнецова"),
        "anya": make_person("anya", R.STUDENT, school_class="8А", first_name="Анна",
                            last_name="Соколова", **consent),
        "boris": make_person("boris", R.STUDENT, school_class="8А", first_name="Борис",
                             last_name="Петров", **consent),
        "consultant": make_person("consultant", R.PARTNER, first_name="Thomas",
                                  last_name="Fischer", organisation="Технопарк"),
    }  # fmt: skip
    project = make_project(cast["anya"], title="Школьная метеостанция", tutor=cast["tutor"])
    ProjectMember.objects.create(
        project=project,
        person=cast["consultant"],
        role=MemberRole.CONSULTANT,
        status=MemberStatus.ACCEPTED,
    )
    cast["project"] = project
    return cast


def meetings_page(open_page, person):
    page = open_page(person)
    # The room's video service is outside this machine: answer its address here.
    page.context.route(
        re.compile(r"https://telemost\.yandex\.ru/.*"),
        lambda route: route.fulfill(body="<title>Телемост</title>", content_type="text/html"),
    )
    page.goto("/ru/cabinet/meetings/")
    return page


def choose_host(page, name: str):
    page.get_by_label("К кому записаться").select_option(label=name)


def test_consultation_hours_one_booking_per_slot_the_live_queue_and_the_join_link(
    open_page, people, screenshot_dir
):
    tutor = meetings_page(open_page, people["tutor"])
    # The tutor pastes his room's Telemost link once.
    link = tutor.get_by_label(re.compile("Ссылка на видеовстречу .* «Комната: Дмитрий Волков»"))
    link.fill(ROOM_LINK)
    tutor.locator("form.meeting-room-link", has=link).get_by_role(
        "button", name="Сохранить"
    ).click()
    expect(tutor.get_by_text("Сохранено.")).to_be_visible()

    # He publishes tomorrow's hours, 15:00 to 16:00 Moscow time, in two half-hour slots.
    tomorrow = (timezone.now().astimezone(MOSCOW) + timedelta(days=1)).date()
    tutor.get_by_label("Дата").fill(tomorrow.isoformat())
    tutor.get_by_label("С", exact=True).fill("15:00")
    tutor.get_by_label("До", exact=True).fill("16:00")
    tutor.get_by_label("Длина слота, минут").fill("30")
    tutor.get_by_label("Где (кабинет или «онлайн»)").fill("каб. 214")
    tutor.get_by_role("button", name="Опубликовать часы консультаций").click()
    expect(tutor.get_by_text("Часы опубликованы.")).to_be_visible()
    assert ConsultationSlot.objects.filter(hours__host=people["tutor"]).count() == 2

    # Both pupils open the tutor's hours; Anya books the first slot.
    boris = meetings_page(open_page, people["boris"])
    choose_host(boris, "Дмитрий Волков")
    expect(boris.get_by_role("button", name="Записаться")).to_have_count(2)
    anya = meetings_page(open_page, people["anya"])
    choose_host(anya, "Дмитрий Волков")
    anya.get_by_role("button", name="Записаться").first.click()
    expect(anya.get_by_text(re.compile("Вы записаны на"))).to_be_visible()

    # Boris, whose page still shows the slot free, presses too: the slot is Anya's.
    boris.get_by_role("button", name="Записаться").first.click()
    expect(boris.get_by_text("Этот слот уже занят. Выберите другое время.")).to_be_visible()
    assert list(ConsultationBooking.objects.values_list("student__username", flat=True)) == ["anya"]

    # Hours that are on now: Boris joins the live queue and sees his place.
    now = timezone.now()
    consultations.hours_publish(
        host=people["tutor"],
        starts_at=now - timedelta(minutes=10),
        ends_at=now + timedelta(minutes=50),
        slot_minutes=30,
        place="онлайн",
    )
    boris.reload()
    choose_host(boris, "Дмитрий Волков")
    boris.get_by_role("button", name="Встать в живую очередь").click()
    expect(boris.get_by_text("Ваше место в очереди: 1.")).to_be_visible()

    # The tutor takes the next one; Boris's page sees his turn and enters the room.
    tutor.reload()
    tutor.get_by_role("button", name="Следующий").click()
    expect(tutor.get_by_text("Приглашён(а): Борис Петров, 8А.")).to_be_visible()
    expect(boris.get_by_text("Ваша очередь! Нажмите «Войти».")).to_be_visible(timeout=15_000)
    with boris.expect_popup() as popup:
        boris.get_by_role("button", name="Войти", exact=True).click()
    assert popup.value.url == ROOM_LINK
    boris.screenshot(path=screenshot_dir / "consultations-pupil-called.png", full_page=True)

    # Anya, who only booked tomorrow, is handed no link today.
    meeting = ConsultationBooking.objects.get().meeting
    assert anya.request.get(f"/api/meetings/{meeting.pk}/join").status == 403
    assert tutor.problems == [] and anya.problems == []
    # Boris's only failed call is the booking the slot refused.
    assert [p.split(" ")[0] for p in boris.problems] == ["409"]
    assert "/booking" in boris.problems[0]


def test_an_outside_consultants_meeting_with_a_pupil_waits_for_a_teacher_of_the_lyceum(
    open_page, people, screenshot_dir
):
    consultant = meetings_page(open_page, people["consultant"])
    start = (timezone.now() + timedelta(minutes=5)).astimezone(MOSCOW)
    consultant.get_by_label("Комната", exact=True).select_option(
        label="Проект: Школьная метеостанция"
    )
    consultant.get_by_label("Тема").fill("Датчики влажности")
    consultant.get_by_label("Начало (МСК)").fill(start.strftime("%Y-%m-%dT%H:%M"))
    consultant.get_by_role("button", name="Создать").click()
    expect(consultant.get_by_role("heading", level=3, name="Датчики влажности")).to_be_visible()
    meeting = Meeting.objects.get(title="Датчики влажности")

    def invite(name_part: str, shown: str):
        consultant.locator("details.meeting-invite summary").first.click()
        consultant.get_by_label("Имя, фамилия или класс").fill(name_part)
        consultant.get_by_role("button", name="Найти").click()
        consultant.get_by_role("button", name=f"Пригласить: {shown}").click()
        expect(consultant.get_by_text(re.compile(r"Приглашено: 1\."))).to_be_visible()

    # He invites Anya, the project's author (a pupil he may reach), and she accepts.
    invite("Соколова", "Анна Соколова, 8А")
    # A pupil outside his project is not offered to him at all.
    consultant.locator("details.meeting-invite summary").first.click()
    consultant.get_by_label("Имя, фамилия или класс").fill("Петров")
    consultant.get_by_role("button", name="Найти").click()
    expect(consultant.get_by_text("Никого не нашли. Проверьте имя или класс.")).to_be_visible()

    anya = meetings_page(open_page, people["anya"])
    anya.get_by_role("button", name="Принять").click()
    expect(anya.get_by_text("Вы придёте")).to_be_visible()

    # He cannot start: a pupil and someone from outside need an adult of the lyceum.
    consultant.reload()
    consultant.get_by_role("button", name="Начать встречу").click()
    expect(consultant.get_by_text(re.compile(SAFETY))).to_be_visible()
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.SCHEDULED
    consultant.screenshot(path=screenshot_dir / "meeting-safety-refusal.png", full_page=True)

    # He invites the teacher; once she accepts, the meeting starts.
    invite("Кузнецова", "Мария Кузнецова")
    teacher = meetings_page(open_page, people["teacher"])
    teacher.get_by_role("button", name="Принять").click()
    expect(teacher.get_by_text("Вы придёте")).to_be_visible()
    consultant.reload()
    consultant.get_by_role("button", name="Начать встречу").click()
    expect(consultant.get_by_text(re.compile("· идёт"))).to_be_visible()
    expect(consultant.get_by_text("Мария Кузнецова — придёт")).to_be_visible()
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.STARTED
