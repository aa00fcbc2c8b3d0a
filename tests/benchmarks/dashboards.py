"""Benchmark the tutor dashboard with 200 projects and print one row.

    python -m tests.benchmarks.dashboards [--projects 200] [--clients 4] [--seconds 10]
                                          [--pace 0.2] [--workers 3]

In the API benchmark's scratch environment (a fresh PostgreSQL database, gunicorn with the
product's WSGI stack, rate limits on with allowances above the load) one tutor accompanies
`--projects` projects of six stages each, with submissions and decisions at different stages.
A few clients, all signed in as that tutor, ask `GET /api/projects/dashboard/tutor`: paced
(one request every `--pace` seconds each, about 200 requests in all by default: the latency the
tutor sees, judged against the target) and then back to back (the server's capacity). The
number of SQL queries of one request is counted in-process with `CaptureQueriesContext`.
Nothing here asserts: the row says PASS or MISS.
"""

from __future__ import annotations

import argparse
import json
import os

from tests.benchmarks.api import load, log, manage, scratch_env, start_gunicorn

TARGET_P95_MS = 100.0
PATH = "/api/projects/dashboard/tutor"

SETUP_SCRIPT = """
import json
from datetime import timedelta
from django.contrib.auth import get_user_model
from django.contrib.sessions.backends.db import SessionStore
from django.utils import timezone
from cms.projects.models import (
    Project, ProjectMember, Stage, StageDecision, StageSubmission, StageTemplate, TutorRequest,
)
from cms.users.models import SchoolClass, UserRole
User = get_user_model()
tutor = User.objects.create_user(username="bench-tutor", email="bench-tutor@example.org")
UserRole.objects.create(user=tutor, role="tutor")
school_class, _ = SchoolClass.objects.get_or_create(name="9А")
steps = list(StageTemplate.objects.get(is_default=True).steps.all())[:6]
today = timezone.localdate()
pupils = User.objects.bulk_create(
    [User(username=f"bench-pupil{{i}}", school_class=school_class) for i in range({projects})]
)
UserRole.objects.bulk_create([UserRole(user=p, role="student") for p in pupils])
projects = Project.objects.bulk_create(
    [Project(title=f"Проект {{i}}", tutor=tutor, created_by=p) for i, p in enumerate(pupils)]
)
ProjectMember.objects.bulk_create(
    [ProjectMember(project=pr, person=p, role="author", status="accepted")
     for pr, p in zip(projects, pupils)]
)
stages, submissions, decisions = [], [], []
for i, project in enumerate(projects):
    # Project i has accepted the first (i % 5) stages and handed in the next one.
    done = i % 5
    for position, step in enumerate(steps, start=1):
        status = "accepted" if position <= done else (
            "submitted" if position == done + 1 else "not_started")
        due = today + timedelta(weeks=2 * position - 4)
        stages.append(Stage(project=project, position=position, title=step.title,
                            due_date=due, status=status))
Stage.objects.bulk_create(stages)
for stage in stages:
    if stage.status in ("accepted", "submitted"):
        author = stage.project.created_by_id
        submissions.append(StageSubmission(stage=stage, version=1, author_id=author, text="Ok"))
StageSubmission.objects.bulk_create(submissions)
for submission in submissions:
    if submission.stage.status == "accepted":
        decisions.append(StageDecision(submission=submission, accepted=True, decided_by=tutor))
StageDecision.objects.bulk_create(decisions)
for project, pupil in list(zip(projects, pupils))[:10]:
    fresh = Project.objects.create(title=f"Новый {{project.pk}}", created_by=pupil)
    TutorRequest.objects.create(project=fresh, tutor=tutor, requested_by=pupil)
session = SessionStore()
session["_auth_user_id"] = str(tutor.pk)
session["_auth_user_backend"] = "django.contrib.auth.backends.ModelBackend"
session["_auth_user_hash"] = tutor.get_session_auth_hash()
session.create()
print(json.dumps({{"session": session.session_key, "stages": len(stages),
                  "submissions": len(submissions)}}))
"""

QUERIES_SCRIPT = """
import json
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
client = Client(HTTP_HOST="127.0.0.1")
client.force_login(get_user_model().objects.get(username="bench-tutor"))
client.get("{path}")
with CaptureQueriesContext(connection) as queries:
    response = client.get("{path}")
body = response.json()
print(json.dumps({{"status": response.status_code, "queries": len(queries),
                  "projects": len(body.get("projects", [])),
                  "bytes": len(response.content)}}))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--projects", type=int, default=200)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--pace", type=float, default=0.2)
    parser.add_argument("--workers", type=int, default=min(2 * (os.cpu_count() or 1) + 1, 5))
    args = parser.parse_args()
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        raise SystemExit("DATABASE_URL must point at PostgreSQL (make bench starts one)")
    env = scratch_env(url, name="dashboards", database="coworking_bench_dashboards")
    log(f"creating one tutor with {args.projects} projects of six stages")
    setup = json.loads(
        manage("shell", "-c", SETUP_SCRIPT.format(projects=args.projects), env=env)
        .strip()
        .splitlines()[-1]
    )
    counted = json.loads(
        manage("shell", "-c", QUERIES_SCRIPT.format(path=PATH), env=env).strip().splitlines()[-1]
    )
    cookies = [setup["session"]] * args.clients
    process, port = start_gunicorn(env, args.workers)
    rows = []
    try:
        load(port, PATH, cookies, 1.0)  # warm the workers
        for pace in (args.pace, 0.0):
            how = f"one every {pace * 1000:.0f} ms" if pace else "back to back"
            log(f"tutor dashboard: {args.clients} clients, {how}, for {args.seconds:.0f} s")
            rows.append((pace, load(port, PATH, cookies, args.seconds, pace)))
    finally:
        process.terminate()
        process.wait(timeout=10)
    print(
        f"\nTutor dashboard: {counted['projects']} projects ({setup['stages']} stages, "
        f"{setup['submissions']} submissions), answer {counted['bytes'] / 1024:.0f} KiB, "
        f"{counted['queries']} SQL queries per request (HTTP {counted['status']}); "
        f"gunicorn {args.workers} workers, PostgreSQL, {os.cpu_count()} CPUs, "
        f"{args.clients} clients on the same machine\n"
    )
    print(
        f"{'endpoint':40} {'load':>12} {'requests':>8} {'req/s':>7} {'p50 ms':>7} "
        f"{'p95 ms':>7} {'errors':>6}  target"
    )
    for pace, r in rows:
        verdict = "PASS" if r["p95"] < TARGET_P95_MS and not r["errors"] else "MISS"
        target = f"p95 < {TARGET_P95_MS:.0f} ms, no errors: {verdict}" if pace else "capacity"
        label = f"GET {PATH}"
        print(
            f"{label:40} {'paced' if pace else 'back to back':>12} {r['requests']:8d} "
            f"{r['rps']:7.0f} {r['p50']:7.1f} {r['p95']:7.1f} {r['errors']:6d}  {target}"
        )


if __name__ == "__main__":
    main()
