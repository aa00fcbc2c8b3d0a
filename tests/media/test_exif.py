"""Images are stored without the metadata cameras and phones write into them."""

import hashlib
import io

import pytest
from django.core.files.base import ContentFile
from PIL import Image, PngImagePlugin
from wagtail.images import get_image_model

from .helpers import (
    ORIENTATION_ROTATE_90_CW,
    exif_of,
    photo_bytes,
    plain_image_bytes,
)

pytestmark = pytest.mark.django_db


def create_image(name: str, content: bytes):
    return get_image_model().objects.create(title="Фото", file=ContentFile(content, name=name))


def stored_bytes(image) -> bytes:
    with image.open_file() as f:
        return f.read()


def test_gps_position_is_gone_from_an_image_created_in_code(media_root):
    image = create_image("walk.jpg", photo_bytes())

    stored = stored_bytes(image)
    assert exif_of(stored) == {}
    assert b"PhoneMaker" not in stored


def test_a_sideways_phone_photo_is_stored_upright(media_root):
    image = create_image(
        "portrait.jpg", photo_bytes(size=(120, 80), orientation=ORIENTATION_ROTATE_90_CW)
    )

    with Image.open(io.BytesIO(stored_bytes(image))) as stored:
        assert stored.size == (80, 120)
        assert stored.getexif().get(0x0112) is None
    assert (image.width, image.height) == (80, 120)


def test_size_and_hash_describe_the_stored_file(media_root):
    image = create_image("walk.jpg", photo_bytes())

    stored = stored_bytes(image)
    assert image.file_size == len(stored)
    assert image.file_hash == hashlib.sha1(stored).hexdigest()


def test_a_photo_without_metadata_is_kept_byte_for_byte(media_root):
    original = plain_image_bytes(image_format="JPEG")

    image = create_image("clean.jpg", original)

    assert stored_bytes(image) == original


def test_comments_are_removed_from_jpeg(media_root):
    image = create_image("note.jpg", photo_bytes(gps=False, comment=b"Ivanov family, Nevsky 28"))

    assert b"Ivanov family" not in stored_bytes(image)


def test_png_text_chunks_and_exif_are_removed(media_root):
    info = PngImagePlugin.PngInfo()
    info.add_text("Author", "Ivan Ivanov")
    info.add_itxt("XML:com.adobe.xmp", "<x:xmpmeta>GPSLatitude 59,56N</x:xmpmeta>")
    buffer = io.BytesIO()
    Image.new("RGBA", (40, 30), (0, 0, 0, 0)).save(buffer, "PNG", pnginfo=info, exif=b"Exif\0\0")

    stored = stored_bytes(create_image("drawing.png", buffer.getvalue()))

    assert b"Ivan Ivanov" not in stored and b"GPSLatitude" not in stored
    with Image.open(io.BytesIO(stored)) as image:
        assert image.mode == "RGBA"


def test_webp_exif_and_xmp_are_removed(media_root):
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30)).save(
        buffer, "WEBP", exif=photo_exif(), xmp=b"<x:xmpmeta>GPSLatitude</x:xmpmeta>"
    )

    stored = stored_bytes(create_image("photo.webp", buffer.getvalue()))

    assert b"GPSLatitude" not in stored and b"PhoneMaker" not in stored


def test_an_animated_gif_keeps_its_frames_and_loses_its_comment(media_root):
    frames = [Image.new("RGB", (20, 20), (i * 80, 0, 0)) for i in range(3)]
    buffer = io.BytesIO()
    frames[0].save(
        buffer,
        "GIF",
        save_all=True,
        append_images=frames[1:],
        duration=120,
        loop=0,
        comment=b"made at home, Nevsky 28",
    )

    stored = stored_bytes(create_image("anim.gif", buffer.getvalue()))

    assert b"Nevsky" not in stored
    with Image.open(io.BytesIO(stored)) as image:
        assert image.n_frames == 3


def test_saving_an_existing_image_leaves_its_file_alone(media_root):
    image = create_image("walk.jpg", photo_bytes())
    name = image.file.name

    image.title = "Прогулка"
    image.save()

    assert image.file.name == name


def test_renditions_carry_no_metadata_either(media_root):
    image = create_image("walk.jpg", photo_bytes(size=(400, 300)))

    rendition = image.get_rendition("width-200|format-webp")

    with rendition.file.open() as f:
        assert exif_of(f.read()) == {}


def photo_exif():
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    return exif
