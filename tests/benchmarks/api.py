"""Benchmark the JSON API under concurrent signed-in clients and print one table.

    python -m tests.benchmarks.api [--clients 50] [--seconds 15] [--pace 1] [--workers 5]

It makes a scratch PostgreSQL database (from DATABASE_URL), migrates it, creates one person per
client with a handful of notifications and a signed-in session each, starts gunicorn with the
product's WSGI stack (`cms.wsgi`, as `make run` does) and then, endpoint by endpoint, has every
client send requests with its own session cookie for the given time: first paced (one request
every `--pace` seconds each, people clicking through the cabinet: the latency they see), then
back to back (the server's capacity). Rate limits
stay on (their shared-store cost is part of every request) with allowances above the load.
Nothing here asserts: the table says PASS or MISS against the targets.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import re
import secrets
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PYTHON = sys.executable
BENCH_DB = "coworking_bench_api"
TARGET_P95_MS = 50.0
ENDPOINTS = [
    ("GET /api/me", "/api/me"),
    ("GET /api/notifications (signed-in read)", "/api/notifications"),
    ("GET /api/ (anonymous)", "/api/"),
]
LISTENING = re.compile(r"Listening at: http://127\.0\.0\.1:(\d+)")

PEOPLE_SCRIPT = """
import json, sys
from django.contrib.auth import get_user_model
from django.contrib.sessions.backends.db import SessionStore
from cms.notifications.models import Notification
User = get_user_model()
keys = []
for i in range({clients}):
    user, _ = User.objects.get_or_create(
        username=f"bench{{i}}", defaults={{"email": f"bench{{i}}@example.org"}}
    )
    Notification.objects.bulk_create(
        [Notification(recipient=user, kind="general", title=f"n{{j}}") for j in range(12)]
    )
    session = SessionStore()
    session["_auth_user_id"] = str(user.pk)
    session["_auth_user_backend"] = "django.contrib.auth.backends.ModelBackend"
    session["_auth_user_hash"] = user.get_session_auth_hash()
    session.create()
    keys.append(session.session_key)
print(json.dumps(keys))
"""


def log(message: str) -> None:
    print(f"[bench api] {message}", file=sys.stderr, flush=True)


def scratch_database(url: str, name: str = BENCH_DB) -> str:
    import psycopg

    base, _, _ = url.rpartition("/")
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    return f"{base}/{name}"


def manage(*args: str, env: dict) -> str:
    done = subprocess.run(
        [PYTHON, "manage.py", *args], env=env, cwd=ROOT, capture_output=True, text=True
    )
    if done.returncode != 0:
        sys.stderr.write(done.stdout + done.stderr)
        raise SystemExit(f"manage.py {args[0]} failed")
    return done.stdout


def scratch_env(url: str, *, name: str, database: str = BENCH_DB) -> dict:
    """The environment of a benchmark's children: a fresh, migrated PostgreSQL database and
    scratch folders, and rate-limit allowances far above the load, so that every request pays
    for its checks but none is refused."""
    scratch = Path(tempfile.mkdtemp(prefix=f"coworking-bench-{name}-"))
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="cms.settings.dev",
        DATABASE_URL=scratch_database(url, database),
        VAR_DIR=str(scratch),
        SITE_DIR=str(scratch / "site"),
        PUBLISH_ON_CHANGE="0",
        API_RATE_LIMITS="address=100000,100000;user=100000,100000;write=100000,100000",
    )
    log("migrating the scratch database")
    manage("migrate", "--noinput", "-v0", env=env)
    return env


def start_gunicorn(env: dict, workers: int) -> tuple[subprocess.Popen, int]:
    process = subprocess.Popen(
        [PYTHON, "-m", "gunicorn", "cms.wsgi:application", "--bind", "127.0.0.1:0",
         "--workers", str(workers)],
        env=env, cwd=ROOT, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True,
    )  # fmt: skip
    deadline = time.monotonic() + 60
    for line in process.stderr:
        if match := LISTENING.search(line):
            port = int(match.group(1))
            break
        if time.monotonic() > deadline:
            raise SystemExit("gunicorn did not start within 60 s")
    else:
        raise SystemExit("gunicorn exited before listening")
    threading.Thread(target=lambda: [None for _ in process.stderr], daemon=True).start()
    return process, port


def all_at_once(port: int, method: str, path: str, keys: list[str], body: bytes = b"{}") -> dict:
    """Every session (`keys`: session cookies' values) sends one request, released together by
    a barrier; wall time, latencies in ms (p50, p95, p99), statuses and answers. A POST
    sends `body`."""
    gate = threading.Barrier(len(keys) + 1)
    results: list[tuple[int, float, object]] = [(0, 0.0, {})] * len(keys)

    def send(i: int) -> None:
        csrf = secrets.token_hex(16)
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        connection.connect()
        gate.wait()
        began = time.perf_counter()
        try:
            connection.request(
                method,
                path,
                body=body if method == "POST" else None,
                headers={
                    "Cookie": f"sessionid={keys[i]}; csrftoken={csrf}",
                    "X-CSRFToken": csrf,
                    "Content-Type": "application/json",
                },
            )
            response = connection.getresponse()
            answer = json.loads(response.read() or b"null")
            status = response.status
        except (OSError, ValueError):
            status, answer = 0, {}
        results[i] = (status, (time.perf_counter() - began) * 1000, answer)
        connection.close()

    with ThreadPoolExecutor(max_workers=len(keys)) as pool:
        futures = [pool.submit(send, i) for i in range(len(keys))]
        gate.wait()
        began = time.perf_counter()
        for future in futures:
            future.result()
        wall = time.perf_counter() - began
    timings = sorted(ms for _, ms, _ in results)

    def at(share: float) -> float:
        return timings[int(share * (len(timings) - 1))]

    return {
        "requests": len(keys),
        "wall": wall,
        "rps": len(keys) / wall,
        "p50": statistics.median(timings),
        "p95": at(0.95),
        "p99": at(0.99),
        "server_errors": sum(1 for status, _, _ in results if status >= 500 or status == 0),
        "statuses": [status for status, _, _ in results],
        "bodies": [answer for _, _, answer in results],
    }


def load(port: int, path: str, cookies: list[str], seconds: float, pace: float = 0.0) -> dict:
    """Every client sends requests for `seconds`, back to back (`pace=0`: the server's
    saturation) or one every `pace` seconds (people reading between clicks); latencies in ms."""
    timings: list[float] = []
    errors = 0
    lock = threading.Lock()
    start = threading.Barrier(len(cookies) + 1)
    stop_at = [0.0]

    def client(cookie: str) -> None:
        nonlocal errors
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        headers = {"Cookie": f"sessionid={cookie}"} if cookie else {}
        mine, failed = [], 0
        start.wait()
        # Paced clients start spread over one interval, as people do not all click at once.
        due = time.perf_counter() + random.uniform(0, pace)
        while time.perf_counter() < stop_at[0]:
            if pace:
                time.sleep(max(0.0, due - time.perf_counter()))
                due += pace
            began = time.perf_counter()
            try:
                connection.request("GET", path, headers=headers)
                response = connection.getresponse()
                response.read()
                if response.status >= 400:
                    failed += 1
            except OSError:
                failed += 1
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            mine.append((time.perf_counter() - began) * 1000)
        connection.close()
        with lock:
            timings.extend(mine)
            errors += failed

    threads = [threading.Thread(target=client, args=(c,)) for c in cookies]
    for thread in threads:
        thread.start()
    stop_at[0] = time.perf_counter() + seconds
    began = time.perf_counter()
    start.wait()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - began
    ordered = sorted(timings)
    return {
        "requests": len(ordered),
        "rps": len(ordered) / elapsed,
        "p50": statistics.median(ordered),
        "p95": ordered[int(0.95 * (len(ordered) - 1))],
        "errors": errors,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=15)
    parser.add_argument(
        "--pace", type=float, default=1.0, help="seconds between a paced client's requests"
    )
    parser.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1) + 1)
    args = parser.parse_args()
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        raise SystemExit("DATABASE_URL must point at PostgreSQL (make bench starts one)")
    env = scratch_env(url, name="api")
    log(f"creating {args.clients} signed-in people")
    import json

    output = manage("shell", "-c", PEOPLE_SCRIPT.format(clients=args.clients), env=env)
    keys = json.loads(output.strip().splitlines()[-1])
    process, port = start_gunicorn(env, args.workers)
    rows = []
    try:
        for label, path in ENDPOINTS:
            cookies = [""] * args.clients if "anonymous" in label else keys
            load(port, path, cookies[:5], 1.0)  # warm the workers
            for pace in (args.pace, 0.0):
                how = f"one every {pace * 1000:.0f} ms" if pace else "back to back"
                log(f"{label}: {args.clients} clients, {how}, for {args.seconds:.0f} s")
                rows.append((label, pace, load(port, path, cookies, args.seconds, pace)))
    finally:
        process.terminate()
        process.wait(timeout=10)
    print(
        f"\nAPI under {args.clients} concurrent clients, gunicorn {args.workers} workers, "
        f"PostgreSQL, {os.cpu_count()} CPUs (clients on the same machine)\n"
        f"paced: each client sends one request every {args.pace * 1000:.0f} ms "
        f"({args.clients / args.pace:.0f} requests/s offered): the latency people see, judged "
        f"against the target\nback to back: no pause at all; req/s is the server's capacity, "
        f"and p95 is about clients / capacity (Little's law), so it is not judged\n"
    )
    print(
        f"{'endpoint':40} {'load':>12} {'req/s':>7} {'p50 ms':>7} {'p95 ms':>7} {'errors':>6}"
        "  target"
    )
    for label, pace, r in rows:
        verdict = "PASS" if r["p95"] < TARGET_P95_MS and not r["errors"] else "MISS"
        target = f"p95 < {TARGET_P95_MS:.0f} ms, no errors: {verdict}" if pace else "capacity"
        print(
            f"{label:40} {'paced' if pace else 'back to back':>12} {r['rps']:7.0f} "
            f"{r['p50']:7.1f} {r['p95']:7.1f} {r['errors']:6d}  {target}"
        )


if __name__ == "__main__":
    main()
