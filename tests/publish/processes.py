"""Real `manage.py` and gunicorn processes working on the test's own database and site directory."""

from __future__ import annotations

import http.client
import os
import queue
import re
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

from django.conf import settings

BASE_DIR = Path(settings.BASE_DIR)
PROGRESS = re.compile(r"pages: (\d+)/(\d+)")
LISTENING = re.compile(r"Listening at: http://127\.0\.0\.1:(\d+)")


def database_url() -> str:
    """The test database (not the configured one) as a DATABASE_URL a child process can read."""
    db = settings.DATABASES["default"]
    if db["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{db['NAME']}"
    credentials = quote(db["USER"], safe="") + ":" + quote(db["PASSWORD"] or "", safe="")
    return f"postgres://{credentials}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def django_env(*, site_dir: Path, media_root: Path, var_dir: Path) -> dict[str, str]:
    """Environment for a child Django process sharing this test's database, site and media.

    The dev settings, not the test ones: cms.settings.test pins SITE_DIR and MEDIA_ROOT to a
    scratch directory of its own, so a child on those settings would publish somewhere else.
    """
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="cms.settings.dev",
        DATABASE_URL=database_url(),
        SITE_DIR=str(site_dir),
        MEDIA_ROOT=str(media_root),
        VAR_DIR=str(var_dir),
        PUBLISH_ON_CHANGE="0",
        PYTHONUNBUFFERED="1",
    )
    return env


def manage(*args: str, env: dict[str, str], timeout: float = 120) -> subprocess.CompletedProcess:
    """Run `manage.py <args>` to completion; a non-zero exit fails with the command's output."""
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if result.returncode != 0:
        raise AssertionError(
            f"manage.py {' '.join(args)} exited with {result.returncode}\n"
            f"stdout:\n{result.stdout}\nstderr:\n{result.stderr}"
        )
    return result


class ChildProcess:
    """A started process whose stderr is read line by line as it is written."""

    def __init__(self, argv: list[str], env: dict[str, str]):
        self.process = subprocess.Popen(
            argv,
            cwd=BASE_DIR,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        self.lines: list[str] = []
        self._queue: queue.Queue[str | None] = queue.Queue()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        for line in self.process.stderr:
            self._queue.put(line.rstrip("\n"))
        self._queue.put(None)

    def wait_for_line(self, pattern: re.Pattern, accept=lambda match: True, timeout: float = 60):
        """The first stderr match that `accept` takes; fails if the process ends or time is up."""
        deadline = time.monotonic() + timeout
        while (remaining := deadline - time.monotonic()) > 0:
            try:
                line = self._queue.get(timeout=remaining)
            except queue.Empty:
                break
            if line is None:
                self.process.wait(timeout=10)
                code = self.process.returncode
                raise AssertionError(
                    f"process exited with {code} before printing {pattern.pattern!r}\nstderr:\n"
                    + "\n".join(self.lines)
                )
            self.lines.append(line)
            match = pattern.search(line)
            if match and accept(match):
                return match
        raise AssertionError(
            f"no {pattern.pattern!r} within {timeout} s\nstderr:\n" + "\n".join(self.lines)
        )

    def kill(self) -> int:
        """SIGKILL: no handler, no cleanup, like the OOM killer or a power cut to the worker."""
        self.process.send_signal(signal.SIGKILL)
        return self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        self._reader.join(timeout=10)
        for stream in (self.process.stdout, self.process.stderr):
            if stream is not None:
                stream.close()


@contextmanager
def started_manage(*args: str, env: dict[str, str]) -> Iterator[ChildProcess]:
    child = ChildProcess([sys.executable, "manage.py", *args], env)
    try:
        yield child
    finally:
        child.stop()


@contextmanager
def gunicorn(*, env: dict[str, str], ready_path: str = "/", timeout: float = 30) -> Iterator[str]:
    """The product's WSGI stack (cms.wsgi) under gunicorn on a free port of 127.0.0.1.

    Yields the base URL once a worker has answered `ready_path`.
    """
    argv = [
        sys.executable, "-m", "gunicorn", "cms.wsgi:application",
        "--bind", "127.0.0.1:0", "--workers", "2", "--threads", "4", "--graceful-timeout", "2",
    ]  # fmt: skip
    child = ChildProcess(argv, env)
    try:
        port = int(child.wait_for_line(LISTENING, timeout=timeout).group(1))
        deadline = time.monotonic() + timeout
        while True:
            try:
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
                connection.request("GET", ready_path)
                connection.getresponse().read()
                connection.close()
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.05)
        yield f"http://127.0.0.1:{port}"
    finally:
        child.stop()
