"""Pages do not go public showing an image whose people refused consent to publication."""

import datetime

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from cms.core.blocks import BaseStreamBlock
from media.models import Consent
from media.selectors import images_used_by, live_pages_showing
from media.services import consent_errors, publish_check
from site_content.pages.models import StandardPage
from tests.factories import make_image, make_site

pytestmark = pytest.mark.django_db


def image_with(consent: str, title: str = "Фото класса"):
    image = make_image(title)
    image.consent = consent
    image.save()
    return image


def image_block(image):
    return {"image": image.pk, "alt_text": "Ученики на хакатоне", "caption": "", "credit": "Лицей"}


def body_with(image):
    block = BaseStreamBlock()
    return [("image", block.child_blocks["image"].to_python(image_block(image)))]


def standard_page(parent, title, *, body=(), live=True):
    page = StandardPage(
        title=title, slug=title.lower().replace(" ", "-"), body=list(body), live=live
    )
    parent.add_child(instance=page)
    revision = page.save_revision()
    if live:
        revision.publish()
    return page


def page_form(title, slug, image=None, **extra):
    body = [("image", image_block(image))] if image else []
    return nested_form_data(
        {
            "title": title,
            "slug": slug,
            "lead": "",
            "body": streamfield(body),
            "comments": inline_formset([]),
            "action-publish": "action-publish",
            **extra,
        }
    )


def messages_of(response) -> str:
    return " ".join(str(m) for m in response.context["messages"])


@pytest.fixture
def home(media_root):
    return make_site(english=False)["ru"]


def test_images_need_no_consent_by_default_and_the_admin_form_asks_for_it(admin_client):
    image = make_image()

    response = admin_client.get(reverse("wagtailimages:edit", args=[image.pk]))

    assert image.consent == Consent.NOT_REQUIRED
    assert 'name="consent"' in response.content.decode()
    assert 'name="credit"' in response.content.decode()
    assert {"credit", "consent"} <= set(get_image_model().admin_form_fields)


def test_images_used_by_finds_images_in_blocks_galleries_and_rich_text(home):
    direct, in_gallery, in_text, unused = (make_image(t) for t in ("A", "B", "C", "D"))
    block = BaseStreamBlock()
    body = [
        ("image", block.child_blocks["image"].to_python(image_block(direct))),
        (
            "gallery",
            block.child_blocks["gallery"].to_python(
                {"title": "", "images": [image_block(in_gallery)]}
            ),
        ),
        (
            "rich_text",
            block.child_blocks["rich_text"].to_python(
                f'<p>Текст</p><embed embedtype="image" id="{in_text.pk}" format="fullwidth" '
                'alt="Снимок"/>'
            ),
        ),
    ]
    page = standard_page(home, "Галерея", body=body)

    found = images_used_by(page=page)

    assert {i.pk for i in found} == {direct.pk, in_gallery.pk, in_text.pk}
    assert unused.pk not in {i.pk for i in found}


def test_images_used_by_follows_image_foreign_keys(media_root):
    from media.models import CustomRendition

    image = make_image()
    # Any model with an image foreign key (cover, photo, logo) is read the same way.
    holder = CustomRendition(image=image, filter_spec="original")

    assert [i.pk for i in images_used_by(page=holder)] == [image.pk]


def test_publish_check_names_the_image_without_consent(home):
    refused = image_with(Consent.REFUSED, "Выпускной 11А")
    page = StandardPage(title="Выпускной", slug="graduation", body=body_with(refused))

    problems = publish_check(page=page)

    assert len(problems) == 1
    assert "«Выпускной 11А»" in problems[0] and "нет согласия" in problems[0]


@pytest.mark.parametrize("consent", [Consent.NOT_REQUIRED, Consent.ON_FILE])
def test_images_with_consent_or_without_people_publish(admin_client, home, consent):
    image = image_with(consent)

    response = admin_client.post(
        reverse("wagtailadmin_pages:add", args=["pages", "standardpage", home.pk]),
        page_form("Хакатон", "hackathon", image),
    )

    assert response.status_code == 302
    assert StandardPage.objects.get(slug="hackathon").live


def test_a_new_page_with_a_refused_image_stays_unpublished_and_the_editor_is_told(
    admin_client, home
):
    refused = image_with(Consent.REFUSED, "Выпускной 11А")

    response = admin_client.post(
        reverse("wagtailadmin_pages:add", args=["pages", "standardpage", home.pk]),
        page_form("Выпускной", "graduation", refused),
        follow=True,
    )

    page = StandardPage.objects.get(slug="graduation")
    assert not page.live
    assert page.get_latest_revision() is not None, "the editor's draft is kept"
    assert response.redirect_chain[-1][0] == reverse("wagtailadmin_pages:edit", args=[page.pk])
    assert "Выпускной 11А" in messages_of(response)
    assert "нет согласия" in messages_of(response)


def test_a_live_page_keeps_its_published_content_when_an_edit_adds_a_refused_image(
    admin_client, home
):
    fine = image_with(Consent.ON_FILE, "Хакатон")
    page = standard_page(home, "Хакатон", body=body_with(fine))
    refused = image_with(Consent.REFUSED, "Выпускной 11А")
    page.refresh_from_db()
    live_revision = page.live_revision_id

    response = admin_client.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]),
        page_form("Хакатон", page.slug, refused),
        follow=True,
    )

    page.refresh_from_db()
    assert page.live and page.live_revision_id == live_revision
    assert [i.pk for i in images_used_by(page=page)] == [fine.pk]
    assert page.has_unpublished_changes
    assert "нет согласия" in messages_of(response)


def test_scheduling_a_page_with_a_refused_image_is_refused_too(admin_client, home):
    refused = image_with(Consent.REFUSED)
    go_live = (timezone.now() + datetime.timedelta(days=2)).strftime("%Y-%m-%d %H:%M")

    admin_client.post(
        reverse("wagtailadmin_pages:add", args=["pages", "standardpage", home.pk]),
        page_form("Анонс", "announcement", refused, go_live_at=go_live),
    )

    page = StandardPage.objects.get(slug="announcement")
    assert not page.live
    assert not page.revisions.filter(approved_go_live_at__isnull=False).exists()


def test_bulk_publishing_refuses_pages_with_a_refused_image(admin_client, home):
    page = standard_page(home, "Черновик", body=body_with(image_with(Consent.REFUSED)), live=False)

    response = admin_client.post(
        reverse("wagtail_bulk_action", args=["wagtailcore", "page", "publish"])
        + f"?id={page.pk}&next=/admin/pages/{home.pk}/",
        {"include_descendants": ""},
        follow=True,
    )

    page.refresh_from_db()
    assert not page.live
    assert "нет согласия" in messages_of(response)


def test_publishing_in_code_takes_the_page_down_again(home):
    page = standard_page(home, "Из кода", body=body_with(image_with(Consent.REFUSED)))

    page.refresh_from_db()
    assert not page.live


def test_scheduled_publishing_does_not_put_the_page_online(home):
    page = standard_page(
        home, "По расписанию", body=body_with(image_with(Consent.REFUSED)), live=False
    )
    revision = page.get_latest_revision()
    revision.approved_go_live_at = timezone.now() - datetime.timedelta(minutes=1)
    revision.save()

    call_command("publish_scheduled")

    page.refresh_from_db()
    assert not page.live


def test_consent_cannot_be_refused_while_a_live_page_shows_the_image(admin_client, home):
    image = image_with(Consent.ON_FILE, "Хакатон")
    page = standard_page(home, "Хакатон", body=body_with(image))

    response = admin_client.post(
        reverse("wagtailimages:edit", args=[image.pk]),
        {"title": image.title, "credit": "Лицей", "consent": Consent.REFUSED},
    )

    image.refresh_from_db()
    assert image.consent == Consent.ON_FILE
    errors = " ".join(response.context["form"].errors["consent"])
    assert f"«{page.title}»" in errors
    assert live_pages_showing(image=image) == [page.specific]


def test_consent_can_be_refused_for_an_image_no_live_page_shows(admin_client, home):
    image = image_with(Consent.ON_FILE)
    standard_page(home, "Черновик", body=body_with(image), live=False)

    response = admin_client.post(
        reverse("wagtailimages:edit", args=[image.pk]),
        {"title": image.title, "credit": "Лицей", "consent": Consent.REFUSED},
    )

    assert response.status_code == 302
    image.refresh_from_db()
    assert image.consent == Consent.REFUSED


def test_the_builder_check_names_live_pages_showing_images_without_consent(home):
    image = image_with(Consent.ON_FILE, "Хакатон")
    page = standard_page(home, "Хакатон", body=body_with(image))
    other = standard_page(home, "Другая")
    # Consent withdrawn behind the admin's back (shell, data import): the build must notice.
    get_image_model().objects.filter(pk=image.pk).update(consent=Consent.REFUSED)

    errors = consent_errors(page_ids=[home.pk, page.pk, other.pk])

    assert len(errors) == 1
    assert f"«{page.title}» (id {page.pk}" in errors[0]
    assert "«Хакатон»" in errors[0] and "refused consent" in errors[0]


def test_the_builder_check_costs_one_query_when_no_image_is_refused(
    home, django_assert_num_queries
):
    page = standard_page(home, "Хакатон", body=body_with(image_with(Consent.ON_FILE)))

    with django_assert_num_queries(1):
        assert consent_errors(page_ids=[page.pk]) == []
