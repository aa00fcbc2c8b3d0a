"""The index follows the public site: publishing adds, every way of leaving removes."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction

from search.backends import elasticsearch_backend
from search.models import SearchDocument
from tests.factories import add_page, make_site
from tests.publish.helpers import publish_changes, publish_full

from .helpers import body, search, urls

pytestmark = pytest.mark.django_db


@pytest.fixture
def home(backend, site_dir, morphology):
    home = make_site(english=False)["ru"]
    publish_full()
    return home


def found(q) -> list[str]:
    return urls(search(q, locale="ru"))


def test_a_published_page_is_findable_as_soon_as_its_publish_returns(home):
    # How soon that is, is measured by the publishing benchmark (the editor's publish call).
    page = add_page(home, "Шахматный клуб", slug="chess", body=body("Турнир по шахматам."))

    publish_changes()

    assert "/ru/chess/" in found("шахматного клуба")
    assert page.pk in set(SearchDocument.objects.values_list("page_id", flat=True))


def test_a_full_publish_rewrites_only_the_documents_that_changed(home):
    kept = add_page(home, "Кружок керамики", slug="ceramics", body=body("Глина и гончарный круг."))
    edited = add_page(home, "Кружок астрономии", slug="astronomy", body=body("Телескоп."))
    publish_full()
    written = dict(SearchDocument.objects.values_list("page_id", "updated_at"))
    edited.body = body("Телескоп и звёздные карты.")
    edited.save_revision().publish()

    publish_full()

    now = dict(SearchDocument.objects.values_list("page_id", "updated_at"))
    assert now[kept.pk] == written[kept.pk]
    assert now[edited.pk] > written[edited.pk]
    assert found("звездная карта") == ["/ru/astronomy/"]


def test_a_new_revision_replaces_the_old_text(home):
    page = add_page(home, "Кружок", slug="circle", body=body("Занятия по керамике."))
    publish_changes()
    page.body = body("Занятия по астрономии.")
    page.save_revision().publish()

    publish_changes()

    assert found("астрономия") == ["/ru/circle/"]
    assert found("керамика") == []


def test_an_unpublished_page_leaves_the_index_at_once(home, django_capture_on_commit_callbacks):
    page = add_page(home, "Летняя школа", slug="summer")
    publish_changes()

    with django_capture_on_commit_callbacks(execute=True):
        page.unpublish()

    assert found("летней школы") == []


def test_a_deleted_page_leaves_the_index(home, django_capture_on_commit_callbacks):
    page = add_page(home, "Архив объявлений", slug="archive")
    publish_changes()

    with django_capture_on_commit_callbacks(execute=True):
        Page.objects.get(pk=page.pk).delete()

    assert found("архив") == []
    assert not SearchDocument.objects.filter(page_id=page.pk).exists()


def test_a_restricted_section_leaves_the_index_with_its_pages(
    home, django_capture_on_commit_callbacks
):
    section = add_page(home, "Для педагогов", slug="staff")
    add_page(section, "Методическое объединение", slug="guild")
    publish_changes()

    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(
            page=section, restriction_type=PageViewRestriction.PASSWORD, password="секрет"
        )

    assert found("педагогов") == []
    assert found("методического объединения") == []


def test_a_page_moved_under_a_restricted_section_leaves_the_index(
    home, django_capture_on_commit_callbacks
):
    closed = add_page(home, "Закрытый раздел", slug="closed")
    PageViewRestriction.objects.create(
        page=closed, restriction_type=PageViewRestriction.PASSWORD, password="секрет"
    )
    page = add_page(home, "Протокол совета", slug="minutes")
    publish_changes()
    assert found("протокол") == ["/ru/minutes/"]

    with django_capture_on_commit_callbacks(execute=True):
        Page.objects.get(pk=page.pk).move(closed, pos="last-child")

    assert found("протокол") == []


def test_an_expired_page_leaves_the_index_with_the_next_publish(home):
    page = add_page(home, "Набор в кружок", slug="enrolment")
    publish_changes()
    Page.objects.filter(pk=page.pk).update(expire_at=timezone.now() - timedelta(minutes=1))

    publish_changes()

    assert found("набор") == []


def test_a_full_publish_drops_documents_of_pages_that_are_gone(home):
    page = add_page(home, "Старая новость", slug="old-news")
    publish_changes()
    Page.objects.filter(pk=page.pk).update(live=False)

    publish_full()

    assert found("старой новости") == []


def test_the_rebuild_command_reads_the_live_site_again(home, capsys):
    add_page(home, "Фотокружок", slug="photo")
    publish_changes()
    SearchDocument.objects.all().delete()

    call_command("search_index", "--rebuild", "--quiet")

    assert found("фотокружок") == ["/ru/photo/"]
    assert "indexed" in capsys.readouterr().out


@pytest.mark.es
def test_a_rebuild_switches_the_alias_and_searches_keep_working_meanwhile(
    use_elasticsearch, site_dir, monkeypatch
):
    home = make_site(english=False)["ru"]
    add_page(home, "Театральная студия", slug="theatre")
    publish_full()
    es = elasticsearch_backend()
    before = es._aliased_indices()
    seen_during = []

    from search import backends

    real_bulk = backends.ElasticsearchBackend._bulk

    def bulk_and_search(self, index, docs, *, refresh):
        seen_during.append(found("театральной студии"))
        return real_bulk(self, index, docs, refresh=refresh)

    monkeypatch.setattr(backends.ElasticsearchBackend, "_bulk", bulk_and_search)
    call_command("search_index", "--rebuild", "--quiet")

    after = es._aliased_indices()
    assert seen_during and all(r == ["/ru/theatre/"] for r in seen_during)
    assert len(after) == 1 and after != before
    assert not es.client.indices.exists(index=before[0])
    assert found("театральной студии") == ["/ru/theatre/"]


@pytest.mark.es
def test_a_publish_while_elasticsearch_is_down_is_caught_up_by_a_rebuild(
    use_elasticsearch, site_dir, settings
):
    home = make_site(english=False)["ru"]
    publish_full()
    url = settings.ELASTICSEARCH_URL
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"
    add_page(home, "Хоровая студия", slug="choir")

    publish_changes()

    assert search("хоровая")["backend"] == "database"
    from search.backends import reset_circuit

    settings.ELASTICSEARCH_URL = url
    reset_circuit()
    assert found("хоровая") == []
    call_command("search_index", "--rebuild", "--quiet")
    assert found("хоровая") == ["/ru/choir/"]
