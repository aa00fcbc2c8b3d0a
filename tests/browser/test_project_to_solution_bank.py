"""One collective project walked from its start to the open solution bank in a real browser.

Two pupils start it together and ask a tutor; the tutor invites a consultant from a partner
organisation; the tutor returns the first stage with feedback and accepts it once corrected; a
parent comments; the consultant sees that project and nothing else; two experts score it with
the default rubric; the coordinator releases the result; the tutor proposes it for the solution
bank, the parents consent, an editor publishes the draft, and the static page shows the rating.

The stages between the first and the last are handed in and accepted through the services, so
the walk stays short; every step a person of the issue takes is taken in the browser.
"""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import expect
from wagtail.models import GroupApprovalTask, Workflow, WorkflowPage, WorkflowTask

from cms.projects import services
from cms.projects.models import Project, ProjectStatus, SolutionProposal, StageStatus
from cms.reviews.models import ExpertAssignment
from cms.users.choices import RoleChoices
from cms.users.models import Guardianship
from site_content.solutions.models import SolutionIndexPage, SolutionPage
from tests.cms.users.conftest import make_person
from tests.publish.helpers import page_html, publish_full

from .conftest import TIMEOUT_MS

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]

expect.set_options(timeout=TIMEOUT_MS)

TITLE = "Школьная метеостанция"
PRIVATE_COMMENT = "Кажется, датчик влажности стоит на солнце"
PRIVATE_FEEDBACK = "Уточните цель: что именно будете измерять"
PRIVATE_NOTE = "Заметка координатору: сомневаюсь в самостоятельности"


@pytest.fixture
def people(projects_site):
    """Everyone in the walk, and the solution bank the project will end in."""
    home = projects_site["ru"]
    # The moderation workflow Wagtail's migrations attach to the root (an earlier test's
    # flush removed it): editors approve what the solution bank road submits.
    moderators, _ = Group.objects.get_or_create(name="Moderators")
    task = GroupApprovalTask.objects.create(name="Moderators approval")
    task.groups.set([moderators])
    workflow = Workflow.objects.create(name="Moderators approval")
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowPage.objects.get_or_create(page=home.get_parent(), defaults={"workflow": workflow})
    bank = SolutionIndexPage(title="Банк проектных решений", slug="solutions")
    home.add_child(instance=bank)
    bank.save_revision().publish()
    R = RoleChoices
    consent = {"parental_consent": True}
    cast = {
        "anya": make_person("anya", R.STUDENT, school_class="8А", first_name="Анна",
                            last_name="Соколова", email="anya@school.example", **consent),
        "boris": make_person("boris", R.STUDENT, school_class="8А", first_name="Борис",
                             last_name="Петров", email="boris@school.example", **consent),
        "mother": make_person("mother", R.PARENT, first_name="Ольга", last_name="Соколова",
                              email="olga@home.example"),
        "father": make_person("father", R.PARENT, first_name="Иван", last_name="Петров"),
        "tutor": make_person("tutor", R.TUTOR, first_name="Дмитрий", last_name="Волков"),
        "consultant": make_person("consultant", R.PARTNER, first_name="Thomas",
                                  last_name="Fischer", email="thomas@partner.example",
                                  organisation="Технопарк"),
        "expert1": make_person("expert1", R.EXPERT, first_name="Елена", last_name="Орлова"),
        "expert2": make_person("expert2", R.EXPERT, first_name="Павел", last_name="Зайцев"),
        "coordinator": make_person("coordinator", R.TEACHER, R.COORDINATOR, first_name="Мария",
                                   last_name="Кузнецова"),
        "editor": make_person("editor", R.STAFF, is_staff=True, is_superuser=True),
    }  # fmt: skip
    Guardianship.objects.create(parent=cast["mother"], child=cast["anya"])
    Guardianship.objects.create(parent=cast["father"], child=cast["boris"])
    # Another pupil's project, which the consultant must never see.
    other_owner = make_person("vera", R.STUDENT, school_class="8Б")
    cast["other"] = services.project_create(by=other_owner, title="Чужой проект", kind="individual")
    return cast


def project_view(page, project: Project):
    page.goto(f"/ru/cabinet/projects/?project={project.pk}")
    expect(page.get_by_role("heading", level=2, name=project.title)).to_be_visible()


def stage_box(page, stage):
    return page.locator(f"#stage-{stage.pk}")


def test_a_collective_project_goes_from_its_start_to_the_solution_bank(
    open_page, people, screenshot_dir
):
    # Anya starts a collective project.
    anya = open_page(people["anya"])
    anya.goto("/ru/cabinet/projects/")
    anya.get_by_role("button", name="Начать проект").click()
    anya.get_by_label("Тема проекта").fill(TITLE)
    anya.get_by_label("Коллективный проект").check()
    anya.get_by_label("Проблема").fill("Прогноз погоды для района неточный.")
    anya.get_by_label("Цель").fill("Собрать метеостанцию на крыше лицея.")
    anya.get_by_role("button", name="Создать проект").click()
    expect(anya.get_by_role("heading", level=2, name=TITLE)).to_be_focused()
    project = Project.objects.get(title=TITLE)

    # She invites Boris, who accepts in his own list of projects.
    anya.get_by_text("Пригласить одноклассника").click()
    invite = anya.locator("details[data-keep=invite-student]")
    invite.get_by_label("Имя").fill("Петров")
    invite.get_by_role("button", name="Найти").click()
    invite.get_by_role("button", name=re.compile("Пригласить: Борис")).click()
    expect(anya.get_by_text(re.compile("Приглашение отправлено"))).to_be_visible()

    boris = open_page(people["boris"])
    boris.goto("/ru/cabinet/projects/")
    boris.get_by_role("button", name=f"Принять: {TITLE}").click()
    expect(boris.get_by_text(f"Вы в проекте «{TITLE}».")).to_be_visible()

    # They ask Dmitry Sergeevich to be their tutor; he accepts.
    project_view(anya, project)
    anya.get_by_text("Попросить тьютора").click()
    anya.get_by_label("Тьютор", exact=True).select_option(label="Дмитрий Волков")
    anya.get_by_role("button", name="Отправить запрос").click()
    expect(anya.get_by_text("Запрос отправлен. Тьютор ответит в кабинете.")).to_be_visible()

    tutor = open_page(people["tutor"])
    tutor.goto("/ru/cabinet/projects/")
    tutor.get_by_role("button", name=f"Принять: {TITLE}").click()
    expect(tutor.get_by_text(f"Вы тьютор проекта «{TITLE}».")).to_be_visible()
    project.refresh_from_db()
    assert project.tutor == people["tutor"]

    # The tutor invites a consultant from the partner organisation by email.
    project_view(tutor, project)
    tutor.get_by_text("Пригласить консультанта").click()
    tutor.get_by_label("Или адрес почты консультанта").fill("thomas@partner.example")
    tutor.locator("details[data-keep=invite-partner] form").last.get_by_role(
        "button", name="Пригласить"
    ).click()
    expect(tutor.get_by_text(re.compile("Приглашение отправлено"))).to_be_visible()
    consultant = open_page(people["consultant"])
    consultant.goto("/ru/cabinet/projects/")
    consultant.get_by_role("button", name=f"Принять: {TITLE}").click()
    expect(consultant.get_by_text(f"Вы в проекте «{TITLE}».")).to_be_visible()

    # Anya hands in the first stage; the tutor returns it with feedback, then accepts it.
    first, *middle, last = list(project.stages.order_by("position"))
    project_view(anya, project)
    box = stage_box(anya, first)
    box.get_by_text("Сдать этап").click()
    box.get_by_label("Что сделано").fill("Тема: метеостанция; цель: точный прогноз.")
    box.get_by_role("button", name="Сдать на проверку").click()
    expect(box).to_contain_text("Сдан на проверку")

    project_view(tutor, project)
    box = stage_box(tutor, first)
    box.get_by_label("Отзыв для авторов").fill(PRIVATE_FEEDBACK)
    box.get_by_role("button", name="Вернуть на доработку").click()
    expect(box).to_contain_text("Возвращён с замечаниями")

    project_view(anya, project)
    box = stage_box(anya, first)
    expect(box).to_contain_text(PRIVATE_FEEDBACK)
    box.get_by_text("Сдать исправленную версию").click()
    box.get_by_label("Что сделано").fill("Измеряем температуру, влажность и давление.")
    box.get_by_role("button", name="Сдать на проверку").click()
    expect(box).to_contain_text("Сдан на проверку")

    project_view(tutor, project)
    box = stage_box(tutor, first)
    box.get_by_role("button", name="Принять этап").click()
    expect(box).to_contain_text("Принят")

    # Anya's mother reads the project and comments.
    mother = open_page(people["mother"])
    project_view(mother, project)
    mother.get_by_label("Комментарий к проекту").fill(PRIVATE_COMMENT)
    mother.get_by_role("button", name="Отправить").first.click()
    expect(mother.get_by_text(PRIVATE_COMMENT)).to_be_visible()

    # The consultant sees this project, the comment, and nobody's email address; the other
    # pupil's project does not open for him.
    consultant.goto("/ru/cabinet/projects/")
    expect(consultant.get_by_role("link", name=TITLE)).to_be_visible()
    expect(consultant.get_by_role("link", name="Чужой проект")).to_have_count(0)
    project_view(consultant, project)
    expect(consultant.get_by_text(PRIVATE_COMMENT)).to_be_visible()
    for address in ("anya@school.example", "boris@school.example", "olga@home.example"):
        assert address not in consultant.content()
    consultant.goto(f"/ru/cabinet/projects/?project={people['other'].pk}")
    expect(consultant.get_by_role("heading", level=2, name="Проект не открылся")).to_be_visible()

    # The remaining stages are handed in and accepted (the same services the widgets call).
    for stage in [*middle, last]:
        services.stage_submit(stage=stage, by=people["boris"], text=f"Готово: {stage.title}.")
        services.stage_decide(stage=stage, by=people["tutor"], accepted=True)
    project.refresh_from_db()
    assert project.status == ProjectStatus.FINISHED

    # The coordinator opens the evaluation with the default rubric and assigns two experts.
    coordinator = open_page(people["coordinator"])
    coordinator.goto("/ru/cabinet/projects/")
    candidates = coordinator.locator("[data-widget=evaluations] [data-projects]")
    candidates.locator("li", has_text=TITLE).get_by_role("button", name="Начать экспертизу").click()
    detail = coordinator.locator("[data-widget=evaluations] [data-detail]")
    expect(detail.get_by_role("heading", name=TITLE)).to_be_visible()
    for count, name in enumerate(("Елена Орлова", "Павел Зайцев"), start=1):
        choice = detail.get_by_label("Эксперт")
        expect(choice.locator("option", has_text=name)).to_have_count(1)
        choice.select_option(label=name)
        detail.get_by_role("button", name="Назначить").click()
        expect(detail.get_by_role("button", name="Снять")).to_have_count(count)
    assert ExpertAssignment.objects.filter(evaluation__project=project).count() == 2

    # Each expert scores every criterion of the default rubric in their queue.
    for key, level, note in (("expert1", 2, PRIVATE_NOTE), ("expert2", 3, "")):
        expert = open_page(people[key])
        expert.goto("/ru/cabinet/projects/")
        queue = expert.locator("[data-widget=expert-queue]")
        queue.get_by_role("button", name=TITLE).click()
        form = queue.locator("form")
        # The default rubric's four criteria, each with its levels.
        expect(form.locator("fieldset")).to_have_count(4)
        for criterion in form.locator("fieldset").all():
            criterion.locator(f"input[type=radio][value='{level}']").check()
        form.get_by_label("Комментарий для авторов").fill(f"Хорошая работа, уровень {level}.")
        if note:
            form.get_by_label(re.compile("Заметка для координатора")).fill(note)
        expert.once("dialog", lambda dialog: dialog.accept())
        form.get_by_role("button", name="Отправить оценку").click()
        expect(queue).to_contain_text("Оценка отправлена.")
        assert expert.problems == []

    # The coordinator sees both scores and releases the result.
    coordinator.reload()
    coordinator.locator("[data-widget=evaluations] [data-list]").get_by_role(
        "button", name=TITLE
    ).click()
    expect(detail).to_contain_text("Оценили 2 из 2")
    coordinator.once("dialog", lambda dialog: dialog.accept())
    detail.get_by_role("button", name="Опубликовать итоги").click()
    expect(detail.get_by_text("Итоги опубликованы.").first).to_be_visible()

    # The tutor proposes the project for the solution bank; both parents consent.
    project_view(tutor, project)
    proposal = tutor.locator("[data-widget=solution-proposal]")
    proposal.get_by_role("button", name="Предложить в банк решений").click()
    expect(proposal).to_contain_text("ждём согласия родителя")
    for parent in ("mother", "father"):
        page = open_page(people[parent])
        project_view(page, project)
        box = page.locator("[data-widget=solution-proposal]")
        box.locator("form.solution-consent-form").first.get_by_label(
            re.compile("Только инициалы")
        ).check()
        box.get_by_role("button", name="Подтвердить согласие").click()
        parent_name = people[parent].full_name
        expect(box).to_contain_text(f"согласие подтверждено ({parent_name})")
    expect(page.get_by_text(re.compile("Отправлено редакторам")).first).to_be_visible()
    proposal_row = SolutionProposal.objects.get(project=project)
    assert proposal_row.page is not None
    solution = SolutionPage.objects.get(pk=proposal_row.page_id)
    assert not solution.live

    # An editor approves the draft in the moderation workflow, and the site is built.
    solution.current_workflow_state.current_task_state.approve(user=people["editor"])
    solution.refresh_from_db()
    assert solution.live
    publish_full()

    url = solution.get_url()
    html = page_html(url)
    for private in (PRIVATE_COMMENT, PRIVATE_FEEDBACK, PRIVATE_NOTE, "anya@school.example",
                    "Соколова", "Петров", "/cabinet/projects"):  # fmt: skip
        assert private not in html
    visitor = open_page()
    visitor.goto(url)
    rating = visitor.locator(".expert-review")
    expect(rating).to_contain_text("Экспертная оценка")
    expect(rating.get_by_role("table")).to_be_visible()
    expect(rating).to_contain_text("2,5")
    visitor.screenshot(path=str(screenshot_dir / "solution-with-rating.png"), full_page=True)
    assert StageStatus.ACCEPTED == project.stages.get(pk=first.pk).status
