"""The workspace's rules as its people meet them: starting a project, inviting, asking a
tutor, handing in and deciding stages, commenting, and who is told about each."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from cms.notifications.models import Notification
from cms.projects import services
from cms.projects.models import (
    MemberRole,
    MemberStatus,
    ProjectActivity,
    ProjectKind,
    ProjectMember,
    ProjectStatus,
    StageStatus,
    StageTemplate,
    StageTemplateStep,
    TutorRequest,
)
from cms.users.choices import RoleChoices
from site_content.taxonomy.models import ProjectType
from tests.cms.projects.factories import make_project
from tests.cms.users.conftest import make_person

pytestmark = pytest.mark.django_db


def verbs(project) -> list[str]:
    return list(ProjectActivity.objects.filter(project=project).values_list("verb", flat=True))


def notified(person, kind: str) -> list[Notification]:
    return list(Notification.objects.filter(recipient=person, kind=kind))


def test_a_pupil_starts_a_project_as_its_accepted_author_with_the_default_stages(cast):
    project = services.project_create(
        by=cast["other_student"], title="Метеостанция", kind=ProjectKind.INDIVIDUAL
    )

    member = ProjectMember.objects.get(project=project)
    assert (member.person, member.role, member.status) == (
        cast["other_student"],
        MemberRole.AUTHOR,
        MemberStatus.ACCEPTED,
    )
    steps = list(StageTemplate.objects.get(is_default=True).steps.all())
    stages = list(project.stages.order_by("position"))
    assert [s.title for s in stages] == [s.title for s in steps]
    # Each stage is due its template's weeks after the one before, counted from today.
    due = timezone.localdate()
    for stage, step in zip(stages, steps, strict=True):
        due += timedelta(weeks=step.weeks)
        assert stage.due_date == due
    assert verbs(project) == ["created"]


def test_a_project_of_a_type_with_its_own_template_gets_that_templates_stages(cast):
    from wagtail.models import Locale

    research = ProjectType.objects.create(
        name="Исследование", slug="research", locale=Locale.get_default()
    )
    template = StageTemplate.objects.create(name="Исследование", project_type=research)
    StageTemplateStep.objects.create(template=template, title="Гипотеза", weeks=1, sort_order=0)
    StageTemplateStep.objects.create(template=template, title="Опыт", weeks=3, sort_order=1)

    project = services.project_create(by=cast["author"], title="Опыты", project_type=research)

    assert [(s.title, s.due_date) for s in project.stages.order_by("position")] == [
        ("Гипотеза", timezone.localdate() + timedelta(weeks=1)),
        ("Опыт", timezone.localdate() + timedelta(weeks=4)),
    ]


@pytest.mark.parametrize("who", ["tutor", "parent", "consultant", "staff"])
def test_only_a_pupil_starts_a_project(cast, who):
    with pytest.raises(PermissionDenied):
        services.project_create(by=cast[who], title="Не ученик")


def test_a_collective_projects_author_invites_a_classmate_who_accepts(cast):
    project = cast["project"]
    newcomer = make_person("newcomer", RoleChoices.STUDENT, school_class="8А")

    services.member_invite(
        project=project, by=cast["author"], person=newcomer, role=MemberRole.AUTHOR
    )
    assert [n.title for n in notified(newcomer, "project_invitation")] == [
        "Приглашение в проект «Умная теплица»"
    ]
    services.member_answer(project=project, person=newcomer, accept=True)

    assert ProjectMember.objects.get(project=project, person=newcomer).status == "accepted"
    assert notified(cast["author"], "project_invitation_answered")
    assert verbs(project)[:2] == ["joined", "invited_author"]


def test_an_individual_project_has_no_co_authors(cast):
    project = make_project(cast["other_student"], kind=ProjectKind.INDIVIDUAL)

    with pytest.raises(services.ProjectError) as refused:
        services.member_invite(
            project=project,
            by=cast["other_student"],
            person=cast["coauthor"],
            role=MemberRole.AUTHOR,
        )
    assert refused.value.code == "individual_project"


def test_a_co_author_must_be_a_pupil_and_may_not_be_invited_twice(cast):
    project = cast["project"]
    with pytest.raises(services.ProjectError) as not_pupil:
        services.member_invite(
            project=project, by=cast["author"], person=cast["parent"], role=MemberRole.AUTHOR
        )
    with pytest.raises(services.ProjectError) as twice:
        services.member_invite(
            project=project, by=cast["author"], person=cast["coauthor"], role=MemberRole.AUTHOR
        )

    assert (not_pupil.value.code, twice.value.code) == ("not_a_student", "already_in_project")


def test_only_the_tutor_invites_a_consultant_and_only_while_there_is_a_tutor(cast):
    partner = make_person("partner2", RoleChoices.PARTNER)
    with pytest.raises(PermissionDenied):
        services.member_invite(
            project=cast["project"], by=cast["author"], person=partner, role="consultant"
        )
    untutored = make_project(cast["other_student"])
    with pytest.raises(PermissionDenied):
        # Without a tutor nobody holds the right to invite one at all.
        services.member_invite(
            project=untutored, by=cast["other_student"], person=partner, role="consultant"
        )

    member = services.member_invite(
        project=cast["project"], by=cast["tutor"], person=partner, role=MemberRole.CONSULTANT
    )
    assert member.status == MemberStatus.INVITED


def test_an_author_who_declined_may_be_invited_again_and_the_last_author_may_not_leave(cast):
    project = cast["project"]
    services.member_leave(project=project, person=cast["coauthor"])
    services.member_invite(
        project=project, by=cast["author"], person=cast["coauthor"], role=MemberRole.AUTHOR
    )
    services.member_answer(project=project, person=cast["coauthor"], accept=False)
    services.member_leave(project=project, person=cast["consultant"])

    with pytest.raises(services.ProjectError) as refused:
        services.member_leave(project=project, person=cast["author"])
    assert refused.value.code == "last_author"


def test_a_second_tutor_request_waits_for_the_first_answer(cast):
    project = make_project(cast["other_student"])
    services.tutor_request_create(project=project, by=cast["other_student"], tutor=cast["tutor"])

    with pytest.raises(services.ProjectError) as refused:
        services.tutor_request_create(
            project=project, by=cast["other_student"], tutor=cast["other_tutor"]
        )

    assert refused.value.code == "request_pending"
    assert "ждёт ответа тьютора" in refused.value.message
    assert notified(cast["tutor"], "project_tutor_request")


def test_a_tutor_who_accepts_becomes_the_projects_tutor_and_the_authors_are_told(cast):
    project = make_project(cast["other_student"])
    request = services.tutor_request_create(
        project=project, by=cast["other_student"], tutor=cast["other_tutor"], message="Помогите"
    )

    services.tutor_request_answer(request_id=request.pk, by=cast["other_tutor"], accept=True)

    project.refresh_from_db()
    assert project.tutor == cast["other_tutor"]
    assert notified(cast["other_student"], "project_tutor_answer")
    with pytest.raises(services.ProjectError):
        services.tutor_request_answer(request_id=request.pk, by=cast["other_tutor"], accept=True)


def test_a_declined_request_lets_the_pupil_ask_another_tutor(cast):
    project = make_project(cast["other_student"])
    request = services.tutor_request_create(
        project=project, by=cast["other_student"], tutor=cast["tutor"]
    )
    with pytest.raises(PermissionDenied):
        services.tutor_request_answer(request_id=request.pk, by=cast["other_tutor"], accept=True)
    services.tutor_request_answer(request_id=request.pk, by=cast["tutor"], accept=False)

    services.tutor_request_create(
        project=project, by=cast["other_student"], tutor=cast["other_tutor"]
    )
    assert TutorRequest.objects.filter(project=project, status="pending").count() == 1
    assert project.tutor_id is None


@pytest.mark.parametrize("who", ["parent", "consultant", "tutor"])
def test_only_an_author_asks_for_a_tutor(cast, who):
    with pytest.raises(PermissionDenied):
        services.tutor_request_create(
            project=cast["other_project"], by=cast[who], tutor=cast["tutor"]
        )


def test_each_submission_is_a_new_version_and_the_tutor_is_told(cast):
    stage = cast["project"].stages.get(position=1)

    first = services.stage_submit(stage=stage, by=cast["author"], text="Тема и цель")
    second = services.stage_submit(stage=stage, by=cast["coauthor"], links=["https://x.example"])

    stage.refresh_from_db()
    assert (first.version, second.version, stage.status) == (1, 2, StageStatus.SUBMITTED)
    assert len(notified(cast["tutor"], "project_stage_submitted")) == 2
    assert verbs(cast["project"]).count("stage_submitted") == 2


@pytest.mark.parametrize("who", ["tutor", "parent", "consultant", "other_student", "staff"])
def test_only_an_author_hands_in_a_stage(cast, who):
    stage = cast["project"].stages.get(position=1)
    with pytest.raises(PermissionDenied):
        services.stage_submit(stage=stage, by=cast[who], text="Не моё")
    assert not stage.submissions.exists()


def test_an_empty_submission_and_a_link_that_is_not_a_web_address_are_refused(cast):
    stage = cast["project"].stages.get(position=1)
    with pytest.raises(services.ProjectError) as empty:
        services.stage_submit(stage=stage, by=cast["author"], text="  ")
    with pytest.raises(services.ProjectError) as link:
        services.stage_submit(stage=stage, by=cast["author"], links=["javascript:alert(1)"])
    assert (empty.value.code, link.value.code) == ("empty_submission", "invalid_link")


def test_returning_a_stage_needs_feedback_and_tells_the_authors_and_their_parents(cast):
    stage = cast["project"].stages.get(position=1)
    services.stage_submit(stage=stage, by=cast["author"], text="Черновик")

    with pytest.raises(services.ProjectError) as refused:
        services.stage_decide(stage=stage, by=cast["tutor"], accepted=False, feedback=" ")
    assert refused.value.field == "feedback"
    services.stage_decide(stage=stage, by=cast["tutor"], accepted=False, feedback="Уточните цель")

    stage.refresh_from_db()
    assert stage.status == StageStatus.RETURNED
    for who in ("author", "coauthor", "parent"):
        [note] = notified(cast[who], "project_stage_decided")
        assert "возвращён" in note.title and note.body == "Уточните цель"
        assert note.url == f"/ru/cabinet/projects/?project={cast['project'].pk}"
    assert not notified(cast["consultant"], "project_stage_decided")
    assert not notified(cast["other_parent"], "project_stage_decided")


def test_only_the_tutor_decides_and_only_a_submitted_stage(cast):
    stage = cast["project"].stages.get(position=1)
    with pytest.raises(services.ProjectError) as not_submitted:
        services.stage_decide(stage=stage, by=cast["tutor"], accepted=True)
    services.stage_submit(stage=stage, by=cast["author"], text="Готово")
    for who in ("author", "other_tutor", "staff", "consultant"):
        with pytest.raises(PermissionDenied):
            services.stage_decide(stage=stage, by=cast[who], accepted=True)
    assert not_submitted.value.code == "not_submitted"


def test_an_accepted_stage_is_not_handed_in_again(cast):
    stage = cast["project"].stages.get(position=1)
    services.stage_submit(stage=stage, by=cast["author"], text="Готово")
    services.stage_decide(stage=stage, by=cast["tutor"], accepted=True)

    with pytest.raises(services.ProjectError) as refused:
        services.stage_submit(stage=stage, by=cast["author"], text="Ещё раз")
    assert refused.value.code == "stage_accepted"


def test_the_project_is_finished_when_its_last_stage_is_accepted(cast):
    project = make_project(cast["other_student"], tutor=cast["other_tutor"], stages=2)
    for stage in project.stages.order_by("position"):
        project.refresh_from_db()
        assert project.status == ProjectStatus.ACTIVE
        services.stage_start(stage=stage, by=cast["other_student"])
        services.stage_submit(stage=stage, by=cast["other_student"], text="Готово")
        services.stage_decide(stage=stage, by=cast["other_tutor"], accepted=True)

    project.refresh_from_db()
    assert project.status == ProjectStatus.FINISHED
    assert verbs(project)[0] == "finished"


def test_a_comment_reaches_the_projects_people_except_its_writer(cast):
    services.comment_create(project=cast["project"], by=cast["parent"], body="Молодцы!")

    for who in ("author", "coauthor", "tutor", "consultant"):
        assert notified(cast[who], "project_comment"), who
    for who in ("parent", "other_parent", "other_student", "expert"):
        assert not notified(cast[who], "project_comment"), who


def test_a_consultant_comments_only_while_the_project_has_a_tutor(cast):
    project = cast["project"]
    services.comment_create(project=project, by=cast["consultant"], body="Совет")
    project.tutor = None
    project.save()

    with pytest.raises(PermissionDenied):
        services.comment_create(project=project, by=cast["consultant"], body="Наедине")


@pytest.mark.parametrize("who", ["other_student", "other_parent", "other_consultant", "expert"])
def test_outsiders_do_not_comment(cast, who):
    with pytest.raises(PermissionDenied):
        services.comment_create(project=cast["project"], by=cast[who], body="Чужой")


def test_notifications_never_carry_anyones_email(cast):
    project = cast["project"]
    services.comment_create(project=project, by=cast["author"], body="Привет")
    stage = project.stages.get(position=1)
    services.stage_submit(stage=stage, by=cast["author"], text="Версия")
    services.stage_decide(stage=stage, by=cast["tutor"], accepted=False, feedback="Ещё")

    texts = " ".join(f"{n.title} {n.body}" for n in Notification.objects.all())
    for person in cast.values():
        if getattr(person, "email", ""):
            assert person.email not in texts
