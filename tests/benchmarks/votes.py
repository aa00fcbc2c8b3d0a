"""Benchmark casting secret ballots when everyone votes at once; one table.

    python -m tests.benchmarks.votes [--clients 200] [--rounds 3] [--workers 5] [--threads 1]

It makes a scratch PostgreSQL database (from DATABASE_URL), migrates it, creates one pupil per
client with a signed-in session each and, per round, a fresh vote open to the pupils. Gunicorn
serves the product's WSGI stack (`cms.wsgi`, as `make run` does). Each round every client sends
one `POST /api/votes/<code>/ballots` at the same moment (a barrier releases them all), then
every client sends its ballot again at once (all refused: one person, one vote). Rate limits
stay on with allowances above the load. Nothing asserts: the table says PASS or MISS against
the targets (≥ 300 ballots/s, p95 < 200 ms) and counts ballots, marks and duplicates.
"""

from __future__ import annotations

import argparse
import json
import os
import sys

from tests.benchmarks.api import all_at_once, manage, scratch_env, start_gunicorn

BENCH_DB = "coworking_bench_votes"
TARGET_RPS = 300.0
TARGET_P95_MS = 200.0

SETUP_SCRIPT = """
import json
from datetime import timedelta
from django.contrib.auth import get_user_model
from django.contrib.sessions.backends.db import SessionStore
from django.utils import timezone
from cms.security.sessions import LAST_SEEN, STARTED
from cms.users.models import SchoolClass, UserRole
from cms.votes.services import vote_create
import time

now = timezone.now()
votes = []
for r in range({rounds}):
    vote = vote_create(
        code=f"bench-{{r}}", title=f"Голосование {{r}}", question="Вводим тихий час?",
        opens_at=now - timedelta(hours=1), closes_at=now + timedelta(days=1),
        audience_roles=["student"], audience_grades="8–11",
    )
    votes.append({{"code": vote.code, "option": vote.options.first().pk}})
User = get_user_model()
grade9, _ = SchoolClass.objects.get_or_create(name="9А")
User.objects.bulk_create(
    User(username=f"voter{{i}}", email=f"voter{{i}}@example.org", school_class=grade9)
    for i in range({clients})
)
people = list(User.objects.filter(username__startswith="voter").order_by("pk"))
UserRole.objects.bulk_create(UserRole(user=p, role="student") for p in people)
keys = []
for person in people:
    session = SessionStore()
    session["_auth_user_id"] = str(person.pk)
    session["_auth_user_backend"] = "django.contrib.auth.backends.ModelBackend"
    session["_auth_user_hash"] = person.get_session_auth_hash()
    # The voter has the page open: its widget asked /api/me a moment ago, which is when the
    # session's idle clock was last moved (at most once a minute), not at the cast.
    session[LAST_SEEN] = session[STARTED] = int(time.time())
    session.create()
    keys.append(session.session_key)
print(json.dumps({{"votes": votes, "keys": keys}}))
"""

COUNT_SCRIPT = """
import json
from django.db.models import Count
from cms.votes.models import Ballot, Vote, VoterMark
vote = Vote.objects.get(code="{code}")
marks = VoterMark.objects.filter(vote=vote)
print(json.dumps({{
    "ballots": Ballot.objects.filter(vote=vote).count(),
    "marks": marks.count(),
    "duplicates": marks.values("person").annotate(n=Count("id")).filter(n__gt=1).count(),
}}))
"""


def log(message: str) -> None:
    print(f"[bench votes] {message}", file=sys.stderr, flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1) + 1)
    parser.add_argument("--threads", type=int, default=1)
    args = parser.parse_args()
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        raise SystemExit("DATABASE_URL must point at PostgreSQL (make bench starts one)")
    env = scratch_env(url, name="votes", database=BENCH_DB)
    log(f"creating {args.rounds} votes and {args.clients} signed-in pupils")
    script = SETUP_SCRIPT.format(rounds=args.rounds, clients=args.clients)
    setup = json.loads(manage("shell", "-c", script, env=env).strip().splitlines()[-1])
    keys = setup["keys"]
    if args.threads > 1:
        env["GUNICORN_CMD_ARGS"] = f"--threads {args.threads}"
    process, port = start_gunicorn(env, args.workers)
    rows = []
    try:
        for vote in setup["votes"]:
            path = f"/api/votes/{vote['code']}/ballots"
            all_at_once(port, "GET", f"/api/votes/{vote['code']}", keys[:10])  # warm up
            body = json.dumps({"option_id": vote["option"]}).encode()
            log(f"{vote['code']}: {args.clients} ballots at once")
            cast = all_at_once(port, "POST", path, keys, body)
            log(f"{vote['code']}: the same {args.clients} again at once")
            again = all_at_once(port, "POST", path, keys, body)
            counts = json.loads(
                manage("shell", "-c", COUNT_SCRIPT.format(code=vote["code"]), env=env)
                .strip()
                .splitlines()[-1]
            )
            cast["counts"] = counts
            cast["check"] = (
                cast["statuses"].count(201) == args.clients
                and counts["ballots"] == counts["marks"] == args.clients
                and counts["duplicates"] == 0
            )
            again["counts"] = counts
            again["check"] = again["statuses"].count(409) == args.clients
            rows.append(("POST ballot (all at once)", cast))
            rows.append(("POST ballot again (all refused)", again))
    finally:
        process.terminate()
        try:
            process.wait(timeout=35)
        except TimeoutError:
            process.kill()
    print(
        f"\nSecret ballots under contention: {args.clients} signed-in pupils at once, "
        f"{args.rounds} rounds; gunicorn {args.workers} sync workers"
        f"{f' x {args.threads} threads' if args.threads > 1 else ''}, PostgreSQL, "
        f"{os.cpu_count()} CPUs shared with the clients\n"
        "A cast is one transaction: the voter's mark and the ballot, two inserts with their "
        "unique constraints; no lock on the vote, so ballots of different people never wait "
        "for each other.\n"
    )
    print(
        f"{'scenario':34} {'round':>5} {'reqs':>5} {'wall s':>7} {'ballot/s':>8} "
        f"{'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7} {'5xx':>4} {'ballots':>7} {'marks':>6} "
        f"{'dups':>5}  target"
    )
    for i, (label, r) in enumerate(rows):
        p99 = r["p99"]
        ok = r["rps"] >= TARGET_RPS and r["p95"] < TARGET_P95_MS and not r["server_errors"]
        target = (
            f">= {TARGET_RPS:.0f}/s, p95 < {TARGET_P95_MS:.0f} ms: {'PASS' if ok else 'MISS'}"
            if "all at once" in label
            else "every one refused"
        )
        c = r["counts"]
        print(
            f"{label:34} {i // 2 + 1:5d} {r['requests']:5d} {r['wall']:7.2f} {r['rps']:8.0f} "
            f"{r['p50']:7.1f} {r['p95']:7.1f} {p99:7.1f} {r['server_errors']:4d} "
            f"{c['ballots']:7d} {c['marks']:6d} {c['duplicates']:5d}  "
            f"{'right' if r['check'] else 'WRONG'}: {target}"
        )


if __name__ == "__main__":
    main()
