"""The workspace in "download my data" and "delete my account", and nothing of it in the
search index."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.search import index

from cms.projects import services
from cms.projects.models import Comment, Project, ProjectMember, StageSubmission
from cms.users.selectors import personal_data_export
from cms.users.services import account_delete
from tests.cms.projects.factories import make_project

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n%%EOF\n"


def test_my_export_lists_my_projects_submissions_and_comments(cast):
    stage = cast["project"].stages.get(position=1)
    services.stage_submit(
        stage=stage,
        by=cast["author"],
        text="Наша тема",
        files=[SimpleUploadedFile("plan.pdf", PDF)],
    )
    services.comment_create(project=cast["project"], by=cast["author"], body="Мой комментарий")

    section = personal_data_export(person=cast["author"])["sections"]["projects"]

    assert [p["project"] for p in section["projects"]] == ["Умная теплица"]
    [submission] = section["stage_submissions"]
    assert (submission["text"], submission["files"]) == ("Наша тема", ["plan.pdf"])
    assert [c["body"] for c in section["project_comments"]] == ["Мой комментарий"]
    assert personal_data_export(person=cast["tutor"])["sections"]["projects"][
        "projects_tutored"
    ] == ["Умная теплица"]


def test_deleting_the_only_authors_account_removes_the_project_and_its_files(cast):
    project = make_project(cast["other_student"], tutor=cast["other_tutor"])
    stage = project.stages.get(position=1)
    submission = services.stage_submit(
        stage=stage, by=cast["other_student"], files=[SimpleUploadedFile("plan.pdf", PDF)]
    )
    path = Path(submission.files.get().file.path)
    assert path.exists()

    account_delete(user=cast["other_student"])

    assert not Project.objects.filter(pk=project.pk).exists()
    assert not path.exists()


def test_in_a_shared_project_the_co_authors_work_stays_without_the_deleted_persons_name(cast):
    project = cast["project"]
    stage = project.stages.get(position=1)
    services.stage_submit(stage=stage, by=cast["coauthor"], text="Общая работа")
    services.comment_create(project=project, by=cast["coauthor"], body="Мои слова")

    account_delete(user=cast["coauthor"])

    assert Project.objects.filter(pk=project.pk).exists()
    assert not ProjectMember.objects.filter(person=cast["coauthor"]).exists()
    assert StageSubmission.objects.get(stage=stage).author is None
    assert not Comment.objects.filter(body="Мои слова").exists()


def test_a_tutors_deleted_account_leaves_the_project_without_a_tutor(cast):
    account_delete(user=cast["tutor"])

    assert Project.objects.get(pk=cast["project"].pk).tutor is None


def test_nothing_of_the_workspace_is_in_the_search_index():
    indexed = [
        model.__name__
        for model in apps.get_app_config("projects").get_models()
        if issubclass(model, index.Indexed) and model.__name__ != "ProjectsPage"
    ]

    assert indexed == []
