"""An editor's change goes live through the background worker: the save returns before the build,
a burst of saves costs one build, nothing is lost when a build fails or its worker dies, and the
admin dashboard says whether the change is live yet."""

from __future__ import annotations

import contextlib
import time

import pytest
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from publish.builder import BuildFailed, SiteBuilder
from publish.models import PublishRequest, PublishRun
from publish.services import publish_pending
from publish.tasks import publish_changes
from site_content.pages.models import StandardPage
from tests.factories import add_page, make_site
from tests.tasks import run_worker

from .helpers import differing_from_a_full_build, page_html, publish_full

# The worker runs in the test's process (as `manage.py db_worker --batch`) and closes its
# database connection when done, so the tests commit for real; serialized_rollback restores
# Wagtail's root page that the flush between tests removes.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def site(site_dir, media_root):
    homes = make_site(english=False)
    about = add_page(homes["ru"], "О модели", slug="about")
    zones = add_page(about, "Зоны", slug="zones")
    publish_full()
    return {"home": homes["ru"], "about": about, "zones": zones}


@pytest.fixture
def in_background(settings, django_capture_on_commit_callbacks):
    """Within the block, editors' actions record a request and enqueue a publish on the
    database queue after their transaction commits, as in production."""

    @contextlib.contextmanager
    def committed():
        settings.PUBLISH_ON_CHANGE = True
        settings.PUBLISH_IN_BACKGROUND = True
        with django_capture_on_commit_callbacks(execute=True):
            yield
        settings.PUBLISH_ON_CHANGE = False

    return committed


def rename(page_id: int, title: str) -> None:
    page = StandardPage.objects.get(pk=page_id)
    page.title = title
    page.save_revision().publish()


def test_a_save_returns_before_the_build_and_the_worker_then_publishes_it(site, in_background):
    with in_background():
        rename(site["zones"].pk, "Зоны пространства")

    assert "Зоны пространства" not in page_html("/ru/about/zones/")
    assert PublishRequest.objects.count() == 1
    assert DBTaskResult.objects.filter(queue_name="publish").count() == 1

    run_worker("publish")

    assert "Зоны пространства" in page_html("/ru/about/zones/")
    assert "Зоны пространства" in page_html("/ru/about/")
    assert not PublishRequest.objects.exists()
    [run] = PublishRun.objects.all()
    assert run.status == PublishRun.Status.DONE and run.requests == 1


def test_a_burst_of_five_saves_is_published_by_one_build(site, in_background, tmp_path):
    for number in range(5):
        with in_background():
            rename(site["zones"].pk, f"Зоны, правка {number}")

    run_worker("publish")

    assert "Зоны, правка 4" in page_html("/ru/about/zones/")
    [run] = PublishRun.objects.all()
    assert run.requests == 5
    assert differing_from_a_full_build(tmp_path) == []


def test_one_transaction_of_many_changes_is_one_request(site, in_background):
    with in_background(), transaction.atomic():
        rename(site["zones"].pk, "Зоны пространства")
        add_page(site["about"], "Правила", slug="rules")
        site["about"].unpublish()

    assert PublishRequest.objects.count() == 1


def test_a_change_saved_while_a_build_runs_is_published_by_the_next_run(
    site, in_background, monkeypatch, tmp_path
):
    build_changes = SiteBuilder.build_changes
    builds = []

    def build_while_an_editor_saves(self, extra_keys=None):
        if not builds:
            with in_background():
                rename(site["about"].pk, "О коворкинге")
        builds.append(extra_keys)
        return build_changes(self, extra_keys)

    monkeypatch.setattr(SiteBuilder, "build_changes", build_while_an_editor_saves)
    with in_background():
        rename(site["zones"].pk, "Зоны пространства")

    run_worker("publish")

    assert len(builds) == 2
    assert "О коворкинге" in page_html("/ru/about/")
    assert "О коворкинге" in page_html("/ru/about/zones/")
    assert not PublishRequest.objects.exists()
    assert PublishRun.objects.filter(status=PublishRun.Status.DONE).count() == 2
    assert differing_from_a_full_build(tmp_path) == []


def test_a_failed_build_keeps_the_change_waiting_retries_later_and_the_dashboard_says_why(
    site, in_background, monkeypatch, admin_client, caplog
):
    def fail(self, extra_keys=None):
        raise BuildFailed(["page «Зоны» (id 5, /ru/about/zones/): template x.html is missing"])

    monkeypatch.setattr(SiteBuilder, "build_changes", fail)
    with in_background():
        rename(site["zones"].pk, "Зоны пространства")

    run_worker("publish")

    assert "Зоны пространства" not in page_html("/ru/about/zones/")
    assert PublishRequest.objects.filter(claimed_by=None).count() == 1
    retry = DBTaskResult.objects.get(queue_name="publish", status="READY")
    assert retry.run_after is not None and retry.args_kwargs["args"] == [2]
    assert "The static site was not updated" in caplog.text
    dashboard = admin_client.get(reverse("wagtailadmin_home")).content.decode()
    assert "template x.html is missing" in dashboard
    assert "Изменений ждут публикации: 1" in dashboard

    monkeypatch.undo()
    publish_changes.call(attempt=2)

    assert "Зоны пространства" in page_html("/ru/about/zones/")
    assert not PublishRequest.objects.exists()


def test_the_dashboard_shows_an_unpublished_page_waiting_until_the_worker_takes_it_off_the_site(
    site, in_background, admin_client
):
    with in_background():
        response = admin_client.post(
            reverse("wagtailadmin_pages:unpublish", args=[site["zones"].pk]), follow=True
        )

    assert "Сайт обновится через несколько секунд" in response.content.decode()
    dashboard = admin_client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Изменений ждут публикации: 1" in dashboard
    assert "Все изменения на сайте" not in dashboard

    run_worker("publish")

    dashboard = admin_client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Изменений ждут публикации" not in dashboard
    assert "Все изменения на сайте" in dashboard
    assert "/ru/about/zones/" not in page_html("/ru/about/")


def test_publishing_by_hand_also_publishes_the_waiting_changes(site, in_background):
    with in_background():
        rename(site["zones"].pk, "Зоны пространства")

    call_command("publish", "--changes", "--quiet", stdout=open("/dev/null", "w"))

    assert "Зоны пространства" in page_html("/ru/about/zones/")
    assert not PublishRequest.objects.exists()
    # The queued task then finds nothing to do.
    assert publish_pending() is None


@pytest.mark.slow
def test_a_worker_killed_mid_build_leaves_the_change_waiting_for_the_next_run(
    site_dir, media_root, tmp_path, settings
):
    from tests.publish import processes

    from .test_atomic_swap import add_many_pages

    homes = make_site(english=False)
    section = add_page(homes["ru"], "Раздел", slug="section")
    add_many_pages(section, 150, prefix="Заметка")
    publish_full()
    env = processes.django_env(site_dir=site_dir, media_root=media_root, var_dir=tmp_path / "var")
    processes.manage("collectstatic", "--noinput", "-v0", env=env)
    settings.PUBLISH_ON_CHANGE = settings.PUBLISH_IN_BACKGROUND = True
    # A renamed section re-renders every page under it: a build long enough to be killed in.
    rename(section.pk, "Раздел заметок")
    settings.PUBLISH_ON_CHANGE = False
    worker_args = ["db_worker", "--backend", "background", "--queue-name", "publish"]

    with processes.started_manage(*worker_args, "--no-startup-delay", env=env) as worker:
        deadline = time.monotonic() + 60
        while not PublishRun.objects.filter(status=PublishRun.Status.RUNNING).exists():
            assert time.monotonic() < deadline, "the worker never started the publish"
            time.sleep(0.02)
        worker.kill()

    assert "Раздел заметок" not in page_html("/ru/section/")
    assert PublishRequest.objects.count() == 1

    publish_changes.enqueue()  # as the next editor's save would
    processes.manage(*worker_args, "--batch", "--no-startup-delay", env=env, timeout=300)

    assert "Раздел заметок" in page_html("/ru/section/")
    assert "Раздел заметок" in page_html("/ru/section/note-7/")
    assert not PublishRequest.objects.exists()
    statuses = sorted(PublishRun.objects.values_list("status", flat=True))
    assert statuses == [PublishRun.Status.DONE, PublishRun.Status.INTERRUPTED]


@pytest.mark.slow
def test_a_publish_enqueued_on_redis_is_run_by_an_rq_worker(
    site, site_dir, media_root, tmp_path, redis_url
):
    from tests.publish import processes

    env = processes.django_env(site_dir=site_dir, media_root=media_root, var_dir=tmp_path / "var")
    env.update(TASKS_REDIS_URL=redis_url, PUBLISH_ON_CHANGE="1", PUBLISH_IN_BACKGROUND="1")
    processes.manage("collectstatic", "--noinput", "-v0", env=env)
    edit = (
        "from site_content.pages.models import StandardPage; "
        f"page = StandardPage.objects.get(pk={site['zones'].pk}); "
        "page.title = 'Зоны через Redis'; page.save_revision().publish()"
    )

    processes.manage("shell", "-c", edit, env=env)
    assert "Зоны через Redis" not in page_html("/ru/about/zones/")
    processes.manage(
        "rqworker", "publish", "--burst", "--job-class", "django_tasks_rq.backend.Job", env=env
    )

    assert "Зоны через Redis" in page_html("/ru/about/zones/")
    assert not PublishRequest.objects.exists()
    assert PublishRun.objects.get().status == PublishRun.Status.DONE
