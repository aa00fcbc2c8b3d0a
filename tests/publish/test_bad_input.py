"""A page that cannot be built is reported with the reason, and the live site stays as it was."""

from pathlib import Path

import pytest
from wagtail.models import Page

from publish.builder import BuildFailed
from tests.factories import add_page, make_image, make_site

from .helpers import live, publish_full, tree_digest

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(site_dir, media_root):
    home = make_site()["ru"]
    about = add_page(home, "О модели", slug="about")
    publish_full()
    return {"home": home, "about": about, "before": tree_digest(live()), "live": live()}


def assert_live_site_unchanged(published):
    assert live() == published["live"]
    assert tree_digest(live()) == published["before"]


def test_a_page_whose_address_would_escape_the_build_directory_is_refused(published):
    page = add_page(published["home"], "Взлом", slug="escape")
    Page.objects.filter(pk=page.pk).update(url_path="/coworking/../../../etc/")

    with pytest.raises(BuildFailed) as failure:
        publish_full()

    assert "«Взлом»" in str(failure.value)
    assert "outside the build directory" in str(failure.value)
    assert_live_site_unchanged(published)


def test_a_theme_without_the_page_template_fails_naming_every_page(published, settings, tmp_path):
    empty_theme = tmp_path / "theme"
    (empty_theme / "templates").mkdir(parents=True)
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [empty_theme / "templates"]}]

    with pytest.raises(BuildFailed) as failure:
        publish_full()

    message = str(failure.value)
    assert "«О модели»" in message and "«Коворкинг»" in message
    assert "pages/standard_page.html" in message and "is missing" in message
    assert_live_site_unchanged(published)


def test_a_broken_image_file_fails_the_build_naming_the_page_and_the_image(published):
    image = make_image("Испорченное фото")
    Path(image.file.path).write_bytes(b"this is not a JPEG")
    add_page(
        published["about"],
        "Выставка",
        slug="exhibition",
        body=[("image", {"image": image, "alt_text": "Фото", "caption": "", "credit": "Лицей"})],
    )

    with pytest.raises(BuildFailed) as failure:
        publish_full()

    message = str(failure.value)
    assert "«Выставка»" in message and "«Испорченное фото»" in message
    assert "re-upload" in message
    assert_live_site_unchanged(published)


def test_a_failed_build_leaves_no_half_written_directory_behind(published, site_dir):
    add_page(published["home"], "Взлом", slug="escape")
    Page.objects.filter(slug="escape").update(url_path="/coworking/../x/")

    with pytest.raises(BuildFailed):
        publish_full()

    builds = sorted(p.name for p in (site_dir / "builds").iterdir() if p.is_dir())
    assert builds == [published["live"].name]
