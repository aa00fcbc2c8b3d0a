"""Files handed in with a stage: checked by content, stripped of location data, kept outside
the public media path, and downloadable only by those who may see the project's material."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from cms.projects import services
from cms.projects.models import StageFile, StageSubmission
from tests.cms.projects.factories import make_evaluation

pytestmark = pytest.mark.django_db

GPS_IFD = 0x8825


def jpeg_with_gps() -> bytes:
    image = Image.new("RGB", (32, 24), "green")
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    exif.get_ifd(GPS_IFD).update({1: "N", 2: (59.0, 56.0, 15.0), 3: "E", 4: (30.0, 18.0, 5.0)})
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif)
    return out.getvalue()


def program() -> bytes:
    return b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + bytes(range(256)) * 4


def pdf() -> bytes:
    return b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def submit_files(cast, *uploads):
    stage = cast["project"].stages.get(position=1)
    return services.stage_submit(stage=stage, by=cast["author"], text="Файлы", files=uploads)


def test_a_photo_loses_its_gps_location_before_it_is_stored(cast):
    original = jpeg_with_gps()
    assert Image.open(io.BytesIO(original)).getexif().get_ifd(GPS_IFD)

    submission = submit_files(cast, SimpleUploadedFile("IMG_0001.JPG", original))

    [stored] = submission.files.all()
    with stored.file.open("rb") as handle:
        kept = Image.open(io.BytesIO(handle.read()))
    assert not kept.getexif().get_ifd(GPS_IFD)
    assert not kept.getexif()
    assert stored.content_type == "image/jpeg"


def test_a_program_named_pdf_is_refused_and_nothing_is_saved(cast):
    before = {p for p in Path(settings.PROJECT_FILES_ROOT).rglob("*") if p.is_file()}

    with pytest.raises(services.ProjectError) as refused:
        submit_files(
            cast,
            SimpleUploadedFile("plan.pdf", pdf()),
            SimpleUploadedFile("report.pdf", program()),
        )

    assert refused.value.field == "files"
    assert "«report.pdf»" in refused.value.message
    assert "нельзя" in refused.value.message
    assert not StageSubmission.objects.exists() and not StageFile.objects.exists()
    after = {p for p in Path(settings.PROJECT_FILES_ROOT).rglob("*") if p.is_file()}
    assert after == before
    stage = cast["project"].stages.get(position=1)
    assert stage.status == "not_started"


def test_the_file_is_stored_privately_never_under_the_public_media_path(cast):
    submission = submit_files(cast, SimpleUploadedFile("plan.pdf", pdf()))

    [stored] = submission.files.all()
    path = Path(stored.file.path).resolve()
    assert path.is_relative_to(Path(settings.PROJECT_FILES_ROOT).resolve())
    assert not path.is_relative_to(Path(settings.MEDIA_ROOT).resolve())
    assert not any(Path(settings.MEDIA_ROOT).rglob("plan.pdf"))


def test_a_too_large_file_is_refused_with_the_limit(cast, settings):
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 1024
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 1024

    with pytest.raises(services.ProjectError) as refused:
        submit_files(cast, SimpleUploadedFile("big.pdf", pdf() + b"0" * 4096))
    assert "слишком большой" in refused.value.message


@pytest.fixture
def handed_in(cast):
    submission = submit_files(cast, SimpleUploadedFile("plan.pdf", pdf()))
    stored = submission.files.get()
    make_evaluation(cast["project"], cast["expert"])
    return f"/api/projects/{cast['project'].pk}/files/{stored.pk}"


@pytest.mark.parametrize(
    "who", ["author", "coauthor", "tutor", "parent", "consultant", "staff", "expert"]
)
def test_the_projects_people_and_its_assigned_expert_download_the_file(ask, handed_in, who):
    response = ask(who, "get", handed_in)

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == pdf()
    assert response["Cache-Control"] == "private, no-store"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith("attachment;")
    assert 'filename="plan.pdf"' in response["Content-Disposition"]


@pytest.mark.parametrize(
    "who",
    ["other_student", "other_parent", "other_consultant", "other_tutor", "other_expert"],
)
def test_nobody_outside_the_project_downloads_its_file(ask, handed_in, who):
    response = ask(who, "get", handed_in)

    assert response.status_code == 404
    assert b"%PDF" not in response.content


def test_an_anonymous_visitor_is_asked_to_sign_in_and_gets_no_file(ask, handed_in):
    response = ask("anonymous", "get", handed_in)

    assert response.status_code == 401
    assert b"%PDF" not in response.content


def test_a_file_is_not_found_under_another_projects_address(ask, cast, handed_in):
    file_id = handed_in.rsplit("/", 1)[1]
    response = ask(
        "other_student", "get", f"/api/projects/{cast['other_project'].pk}/files/{file_id}"
    )

    assert response.status_code == 404
