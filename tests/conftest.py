import pytest
from django.conf import settings


@pytest.fixture
def site_dir(tmp_path, settings):
    """A private SITE_DIR per test, so builds never see each other."""
    settings.SITE_DIR = tmp_path / "site"
    return settings.SITE_DIR


@pytest.fixture
def media_root(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def pytest_report_header(config):
    return f"database: {settings.DATABASES['default']['ENGINE']}"


class Inbox:
    """What a real SMTP server (aiosmtpd, on 127.0.0.1) received, as parsed messages."""

    def __init__(self):
        import threading

        self.messages = []
        self.refuse = False
        self._lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        import email
        import email.policy

        if self.refuse:
            return "451 4.3.0 Try again later"
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        with self._lock:
            self.messages.append(message)
        return "250 OK"

    def clear(self):
        with self._lock:
            self.messages.clear()
        self.refuse = False

    def to(self, address: str) -> list:
        return [m for m in self.messages if address in m["To"]]


@pytest.fixture(scope="session")
def redis_url() -> str:
    """The Redis server the test command started; a missing one fails in CI and skips locally."""
    import os

    url = os.environ.get("TEST_REDIS_URL", "")
    if not url:
        message = "no Redis for the tests: run `make test`, or start tests/services/redis.sh"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return url


@pytest.fixture(scope="session")
def smtp_server():
    """One real SMTP server for the session; tests take it through the `smtp` fixture."""
    import socket

    from aiosmtpd.controller import Controller

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    yield inbox, port
    controller.stop()


@pytest.fixture
def smtp(smtp_server, settings):
    """Django sends through SMTP to the real server; returns its inbox, empty at the start."""
    inbox, port = smtp_server
    inbox.clear()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_USE_TLS = False
    yield inbox
    inbox.clear()


def pytest_collection_modifyitems(items):
    """Transactional tests flush the database; none of them restores a serialized copy.

    Serialized rollback cannot be mixed with plain transactional tests: after a plain test's
    flush, Django's post-migrate signal makes the content types again with new ids, and a
    later restore of the serialized ones collides with them. So no test uses it, and
    `migrated_rows` below puts back what the data migrations made before each such test.
    """
    for item in items:
        marker = item.get_closest_marker("django_db")
        if marker is None or not marker.kwargs.get("serialized_rollback"):
            continue
        kwargs = {**marker.kwargs, "serialized_rollback": False}
        item.add_marker(pytest.mark.django_db(*marker.args, **kwargs), append=False)


@pytest.fixture(autouse=True)
def empty_cache():
    """No test sees an answer an earlier test left in the cache (the cabinet's address)."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def migrated_rows(request):
    """Before a transactional test, the rows Wagtail's data migrations make and an earlier
    test's flush removed: the default locale, the root page and the root collection."""
    marker = request.node.get_closest_marker("django_db")
    if marker is None or not marker.kwargs.get("transaction"):
        return
    from django.conf import settings as django_settings
    from wagtail.models import Collection, Locale, Page

    Locale.objects.get_or_create(language_code=django_settings.LANGUAGE_CODE)
    if Page.get_first_root_node() is None:
        Page.add_root(instance=Page(title="Root", slug="root"))
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    _run_data_migrations()


def _run_data_migrations() -> None:
    """Our own data migrations' rows (the default project stages and rubric, the
    psychologist's crisis list), made again the way the migrations make them; each skips what
    is already there."""
    from importlib import import_module

    from django.apps import apps

    for module in (
        "cms.projects.migrations.0002_default_stage_template",
        "cms.reviews.migrations.0002_default_rubric",
        "cms.wellbeing.migrations.0002_crisis_words",
    ):
        import_module(module).create(apps, None)
