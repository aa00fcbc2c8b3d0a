"""Translating content with PO files: a Russian event goes out to a translator and comes back
as the English page, through wagtail-localize's own workflow (submit, export, import, save)."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import polib
import pytest
from django.contrib.auth import get_user_model
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.models import Locale
from wagtail.users.models import UserProfile
from wagtail_localize.models import StringTranslation, Translation, UnknownString
from wagtail_localize.operations import TranslationCreator

from site_content.events.models import EventIndexPage, EventPage
from site_content.taxonomy.models import EventType
from tests.factories import make_site, translate
from tests.publish.helpers import page_html, publish_full

pytestmark = pytest.mark.django_db

MSK = ZoneInfo("Europe/Moscow")

# What a translator's tool would fill in: every Russian segment of the event and its type.
ENGLISH = {
    "Семинар по робототехнике": "Robotics seminar",
    "Собираем и программируем робота за один вечер.": (
        "We build and program a robot in one evening."
    ),
    "Приносите ноутбук: среда разработки установлена в классе.": (
        "Bring a laptop: the development environment is installed in the classroom."
    ),
    "Лучший способ понять алгоритм — собрать робота.": (
        "The best way to understand an algorithm is to build a robot."
    ),
    "Анна Петрова": "Anna Petrova",
    "Учитель информатики": "Computer science teacher",
    "Лицей, кабинет 214": "Lyceum, room 214",
    "seminar-robotics": "robotics-seminar",
    "Семинар": "Seminar",
}


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """wagtail-localize publishes a translated page once the transaction commits; tests run
    inside one, so the commit callbacks are run by hand."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def editor():
    """A translator who works in the English admin."""
    user = get_user_model().objects.create_superuser("editor", "editor@example.org", "x")
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    return user


@pytest.fixture
def russian_event():
    """A published Russian event with a StreamField body and an event type snippet; the events
    index already has its English version, as on the real site."""
    homes = make_site()
    ru = Locale.objects.get(language_code="ru")
    index = EventIndexPage(title="События", slug="events")
    homes["ru"].add_child(instance=index)
    index.save_revision().publish()
    translate(index, "en", "Events")
    seminar = EventType.objects.create(name="Семинар", slug="seminar", locale=ru)
    event = EventPage(
        title="Семинар по робототехнике",
        slug="seminar-robotics",
        lead="Собираем и программируем робота за один вечер.",
        start=datetime(2026, 12, 1, 15, tzinfo=MSK),
        end=datetime(2026, 12, 1, 17, tzinfo=MSK),
        place="Лицей, кабинет 214",
        event_type=seminar,
        body=[
            ("rich_text", "<p>Приносите ноутбук: среда разработки установлена в классе.</p>"),
            (
                "quote",
                {
                    "quote": "Лучший способ понять алгоритм — собрать робота.",
                    "author": "Анна Петрова",
                    "role": "Учитель информатики",
                },
            ),
        ],
    )
    index.add_child(instance=event)
    event.save_revision().publish()
    return event


def submit_for_english(instance, user) -> Translation:
    """What the admin's "Translate" button does: the object and the snippets it uses are
    submitted, and a synced English copy is created straight away."""
    english = Locale.objects.get(language_code="en")
    TranslationCreator(user, [english]).create_translations(instance)
    return Translation.objects.get(
        source__object_id=instance.translation_key, target_locale=english
    )


def filled_in(po: polib.POFile) -> polib.POFile:
    """The PO file round-tripped through text, the way a translator's tool reads and writes it."""
    edited = polib.pofile(str(po))
    for entry in edited:
        entry.msgstr = ENGLISH.get(entry.msgid, entry.msgstr)
    return polib.pofile(str(edited))


def test_the_exported_po_file_holds_every_russian_segment_of_the_page(russian_event, editor):
    translation = submit_for_english(russian_event, editor)

    msgids = {entry.msgid for entry in translation.export_po()}

    assert {
        "Семинар по робототехнике",
        "Собираем и программируем робота за один вечер.",
        "Приносите ноутбук: среда разработки установлена в классе.",
        "Лучший способ понять алгоритм — собрать робота.",
        "Анна Петрова",
        "Учитель информатики",
        "Лицей, кабинет 214",
    } <= msgids
    assert "Семинар" not in msgids, "the event type is a snippet with a PO file of its own"


def test_an_imported_po_file_becomes_the_published_english_event(
    russian_event, editor, commit, site_dir
):
    page_translation = submit_for_english(russian_event, editor)
    type_translation = submit_for_english(russian_event.event_type, editor)

    for translation in (type_translation, page_translation):
        warnings = translation.import_po(filled_in(translation.export_po()), user=editor)
        assert warnings == []
        with commit():
            translation.save_target(user=editor, publish=True)

    english = russian_event.get_translation(Locale.objects.get(language_code="en")).specific
    assert english.live
    assert english.title == "Robotics seminar"
    assert english.lead == "We build and program a robot in one evening."
    assert english.place == "Lyceum, room 214"
    assert english.event_type.name == "Seminar"
    assert english.event_type.locale.language_code == "en"
    body = {block.block_type: block.value for block in english.body}
    assert "Bring a laptop" in body["rich_text"].source
    assert body["quote"]["quote"] == "The best way to understand an algorithm is to build a robot."
    assert body["quote"]["role"] == "Computer science teacher"

    publish_full(strict=True)
    html = page_html(english.url)
    assert "Robotics seminar" in html and "Seminar" in html
    assert "Bring a laptop" in html and "Anna Petrova" in html
    assert "Computer science teacher" in html
    assert "Семинар" not in html and "Приносите" not in html


def test_a_second_import_updates_the_english_page_that_already_exists(
    russian_event, editor, commit
):
    translation = submit_for_english(russian_event, editor)
    translation.import_po(filled_in(translation.export_po()), user=editor)
    with commit():
        translation.save_target(user=editor, publish=True)
    english = russian_event.get_translation(Locale.objects.get(language_code="en"))

    po = translation.export_po()
    for entry in po:
        if entry.msgid == "Семинар по робототехнике":
            entry.msgstr = "Robotics workshop"
    translation.import_po(polib.pofile(str(po)), user=editor)
    with commit():
        translation.save_target(user=editor, publish=True)

    english.refresh_from_db()
    assert english.live
    assert english.title == "Robotics workshop"
    assert english.specific.place == "Lyceum, room 214", "earlier translations are kept"


def test_a_po_entry_the_page_does_not_contain_is_reported_and_changes_nothing(
    russian_event, editor
):
    translation = submit_for_english(russian_event, editor)
    po = translation.export_po()
    stale = polib.POFile()
    stale.metadata = po.metadata
    title_context = next(e.msgctxt for e in po if e.msgid == "Семинар по робототехнике")
    stale.append(
        polib.POEntry(
            msgid="Семинар по робототехнике (старое название)",
            msgctxt=title_context,
            msgstr="Robotics seminar (old title)",
        )
    )
    before = list(StringTranslation.objects.values_list("pk", "data"))

    warnings = translation.import_po(polib.pofile(str(stale)), user=editor)

    assert warnings == [UnknownString(0, "Семинар по робототехнике (старое название)")]
    assert list(StringTranslation.objects.values_list("pk", "data")) == before


def test_uploading_a_po_file_made_for_another_translation_is_refused_with_a_message(
    russian_event, editor, client
):
    page_translation = submit_for_english(russian_event, editor)
    type_translation = submit_for_english(russian_event.event_type, editor)
    wrong = filled_in(type_translation.export_po())
    before = list(StringTranslation.objects.values_list("pk", "data"))
    client.force_login(editor)

    response = client.post(
        reverse("wagtail_localize:upload_pofile", args=[page_translation.id]),
        {"file": SimpleUploadedFile("event-en.po", str(wrong).encode("utf-8"))},
    )

    assert response.status_code == 302
    messages = [str(m).strip() for m in get_messages(response.wsgi_request)]
    assert messages == ["Cannot import PO file that was created for a different translation."]
    assert list(StringTranslation.objects.values_list("pk", "data")) == before
    english = russian_event.get_translation(Locale.objects.get(language_code="en"))
    assert english.title == "Семинар по робототехнике", "the synced copy is still the source"


def test_uploading_a_file_that_is_not_a_po_file_is_refused_with_a_message(
    russian_event, editor, client
):
    translation = submit_for_english(russian_event, editor)
    before = list(StringTranslation.objects.values_list("pk", "data"))
    client.force_login(editor)

    response = client.post(
        reverse("wagtail_localize:upload_pofile", args=[translation.id]),
        {"file": SimpleUploadedFile("event-en.po", b'msgid "\xff\xfe broken')},
    )

    messages = [str(m).strip() for m in get_messages(response.wsgi_request)]
    assert messages == ["Please upload a valid PO file."]
    assert list(StringTranslation.objects.values_list("pk", "data")) == before
