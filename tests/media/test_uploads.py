"""Uploads through the real Wagtail admin views are judged by content, within size limits."""

import json

import pytest
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from .helpers import (
    EXE,
    GPS,
    exif_of,
    office_document,
    photo_bytes,
    plain_image_bytes,
    upload,
)

pytestmark = pytest.mark.django_db


def add_image(client, name, content, title="Фото"):
    return client.post(
        reverse("wagtailimages:add"),
        {"title": title, "file": upload(name, content), "consent": "not_required"},
    )


def add_images_with_the_multiple_uploader(client, name, content):
    response = client.post(
        reverse("wagtailimages:add_multiple"), {"files[]": upload(name, content)}
    )
    return json.loads(response.content)


def add_document(client, name, content, title="Документ"):
    return client.post(reverse("wagtaildocs:add"), {"title": title, "file": upload(name, content)})


def form_errors(response) -> str:
    return " ".join(str(e) for e in response.context["form"].errors.get("file", []))


def test_gps_position_is_gone_from_a_photo_uploaded_in_the_admin(admin_client):
    original = photo_bytes()
    assert exif_of(original)["gps:2"] == GPS[2]

    response = add_image(admin_client, "walk.jpg", original)

    assert response.status_code == 302
    image = get_image_model().objects.get()
    stored = image.file.read()
    assert exif_of(stored) == {}
    assert b"PhoneMaker" not in stored


def test_gps_position_is_gone_from_a_photo_uploaded_with_the_multiple_uploader(admin_client):
    result = add_images_with_the_multiple_uploader(admin_client, "walk.jpg", photo_bytes())

    assert result["success"] is True
    image = get_image_model().objects.get()
    assert exif_of(image.file.read()) == {}
    assert image.file_size == image.file.size


def test_a_jpeg_named_png_is_accepted_by_its_content_and_stored_as_jpg(admin_client):
    response = add_image(admin_client, "drawing.png", photo_bytes(gps=False))

    assert response.status_code == 302
    image = get_image_model().objects.get()
    assert image.file.name.endswith(".jpg")
    assert image.width == 120


def test_a_text_file_named_jpg_is_refused_with_a_message_in_russian(admin_client):
    response = add_image(admin_client, "notes.jpg", "Просто текст, а не картинка".encode())

    assert response.status_code == 200
    assert "Это не изображение или файл повреждён" in form_errors(response)
    assert not get_image_model().objects.exists()


def test_the_multiple_uploader_shows_the_same_refusal(admin_client):
    result = add_images_with_the_multiple_uploader(admin_client, "virus.jpg", EXE)

    assert result["success"] is False
    assert "Это не изображение" in result["error_message"]
    assert not get_image_model().objects.exists()


def test_an_image_over_the_size_limit_is_refused(admin_client, settings):
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 1000
    response = add_image(admin_client, "big.png", plain_image_bytes(size=(400, 400)))

    assert "Файл слишком большой" in form_errors(response)
    assert not get_image_model().objects.exists()


def test_an_image_with_too_many_pixels_is_refused(admin_client, settings):
    settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS = 100 * 100
    response = add_image(admin_client, "wide.png", plain_image_bytes(size=(200, 100)))

    assert "слишком много точек" in form_errors(response)


def test_formats_outside_the_allow_list_are_refused_even_when_pillow_reads_them(admin_client):
    response = add_image(admin_client, "scan.bmp", plain_image_bytes(image_format="BMP"))

    assert "Формат BMP не поддерживается" in form_errors(response)


def test_the_size_limits_default_to_15_mb_and_40_megapixels_and_50_mb_for_documents(
    admin_client,
):
    from media.files import max_document_size, max_image_pixels, max_image_size

    assert max_image_size() == 15 * 1024 * 1024
    assert max_image_pixels() == 40_000_000
    assert max_document_size() == 50 * 1024 * 1024


@pytest.mark.parametrize(
    "name, content, stored_as",
    [
        ("programme.pdf", b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF", ".pdf"),
        ("report.docx", office_document("docx"), ".docx"),
        ("budget.xlsx", office_document("xlsx"), ".xlsx"),
        ("slides.pptx", office_document("pptx"), ".pptx"),
        ("minutes.odt", office_document("odt"), ".odt"),
        ("readme.txt", "Программа семинара\n".encode(), ".txt"),
        ("list.csv", "класс;фамилия\n10А;Иванов\n".encode(), ".csv"),
        ("programme.docx", b"%PDF-1.4\n%%EOF", ".pdf"),
    ],
)
def test_documents_are_accepted_by_content(admin_client, name, content, stored_as):
    response = add_document(admin_client, name, content)

    assert response.status_code == 302, form_errors(response)
    assert get_document_model().objects.get().file.name.endswith(stored_as)


@pytest.mark.parametrize("name", ["programme.pdf", "setup.exe", "report.docx", "notes.txt"])
def test_a_renamed_program_is_refused_as_a_document(admin_client, name):
    response = add_document(admin_client, name, EXE)

    assert "по содержимому это не документ разрешённого типа" in form_errors(response)
    assert not get_document_model().objects.exists()


def test_an_office_document_with_macros_is_refused(admin_client):
    response = add_document(admin_client, "report.docx", office_document("docm"))

    assert "с макросами" in form_errors(response)


def test_a_zip_archive_that_is_not_an_office_document_is_refused(admin_client):
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("photos/1.jpg", b"...")
    response = add_document(admin_client, "report.docx", buffer.getvalue())

    assert "Архив не похож на документ" in form_errors(response)


def test_a_document_over_the_size_limit_is_refused(admin_client, settings):
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 100
    response = add_document(admin_client, "long.txt", b"x" * 500)

    assert "Файл слишком большой" in form_errors(response)
    assert not get_document_model().objects.exists()
