"""Factories for the road into the solution bank: a site with the bank, and a project that is
finished, evaluated and full of private things (a returned version with the tutor's feedback,
comments, an expert's private note, people's emails) that must never be published."""

from __future__ import annotations

import io

from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image

from cms.projects.models import Comment, ProjectStatus, StageFile
from cms.users.choices import RoleChoices
from cms.users.models import Guardianship
from site_content.solutions.models import SolutionIndexPage
from tests.cms.users.conftest import make_person
from tests.factories import make_site

from .factories import make_evaluation, stage_accept, stage_submit

__all__ = [
    "PRIVATE",
    "evaluated_project",
    "jpeg_with_gps",
    "make_bank",
]

# Words that live only in the private workspace; none may ever reach the site or the index.
PRIVATE = {
    "returned": "Черновиксотрывкомиздневника",
    "feedback": "Переделайтевведениеполностью",
    "comment": "Комментарийзавтравконтрольной",
    "note": "Заметкакоординаторуосомнениях",
}


def make_bank() -> SolutionIndexPage:
    """A Russian site with the solution bank published under its home page."""
    home = make_site(english=False)["ru"]
    bank = SolutionIndexPage(title="Банк проектных решений", slug="solutions")
    home.add_child(instance=bank)
    bank.save_revision().publish()
    return bank


def jpeg_with_gps() -> bytes:
    """A photo whose EXIF holds GPS coordinates, as a phone writes it."""
    image = Image.new("RGB", (64, 48), (200, 80, 40))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    exif.get_ifd(0x8825)[2] = (59.0, 56.0, 0.0)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif)
    return buffer.getvalue()


def evaluated_project(cast: dict, *, with_files: bool = False):
    """`cast`'s project, finished: every stage accepted (the first one returned once with
    feedback), a comment, two experts' scores with a private note, the result released.
    The coauthor gets a parent too, so every pupil has one."""
    project = cast["project"]
    cast["coparent"] = make_person("coparent", RoleChoices.PARENT, email="father@home.example")
    Guardianship.objects.create(parent=cast["coparent"], child=cast["coauthor"])
    project.result = "Теплица поливает себя сама две недели."
    project.product_kind = "действующий макет"
    project.save()
    stages = list(project.stages.order_by("position"))
    first = stages[0]
    stage_submit(first, author=cast["author"], text=PRIVATE["returned"])
    stage_accept(first, tutor=cast["tutor"], accepted=False, feedback=PRIVATE["feedback"])
    for stage in stages:
        submission = stage_submit(
            stage, author=cast["author"], text=f"Сделали этап «{stage.title}»."
        )
        if with_files and stage is first:
            StageFile.objects.create(
                submission=submission,
                file=ContentFile(jpeg_with_gps(), name="Соколова_фото.jpg"),
                name="Соколова_фото.jpg",
                size=100,
                content_type="image/jpeg",
            )
            StageFile.objects.create(
                submission=submission,
                file=ContentFile(b"%PDF-1.4 report", name="Соколова_отчёт.pdf"),
                name="Соколова_отчёт.pdf",
                size=15,
                content_type="application/pdf",
            )
        stage_accept(stage, tutor=cast["tutor"])
    Comment.objects.create(project=project, author=cast["parent"], body=PRIVATE["comment"])
    project.status = ProjectStatus.FINISHED
    project.save()
    evaluation = make_evaluation(
        project, cast["expert"], cast["expert2"], coordinator=cast["staff"]
    )
    now = timezone.now()
    for index, assignment in enumerate(evaluation.assignments.order_by("pk")):
        assignment.scores = {
            criterion["id"]: criterion["levels"][-1 - index]["score"]
            for criterion in evaluation.criteria
        }
        assignment.comment = "Хорошая работа."
        assignment.private_note = PRIVATE["note"] if index == 0 else ""
        assignment.submitted_at = now
        assignment.save()
    evaluation.released_at = now
    evaluation.released_by = cast["staff"]
    evaluation.save()
    return project
