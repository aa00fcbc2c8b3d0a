"""Benchmark search and print one table.

    python -m tests.benchmarks.search [--pages 10000] [--queries 1000] [--no-relevance]
                                      [--reuse VAR_DIR [--only-queries]]

Makes a scratch database (`coworking_bench_search` on the PostgreSQL server of DATABASE_URL,
SQLite otherwise) and a scratch VAR_DIR, generates N demo pages and publishes them (each phase
timed), then measures:

- indexing throughput (documents/s): reading the published pages into documents, the
  database index, and an Elasticsearch bulk rebuild into a new index behind the alias;
- query latency p50/p95 over mixed queries (one to three words, filters, later pages) on each
  backend, through the same code the API runs;
- relevance: hit@10 and MRR of tests/search/relevance.yaml on each backend (runs
  tests/search/test_relevance.py).

Elasticsearch is the server at TEST_ELASTICSEARCH_URL or ELASTICSEARCH_URL (the test command
starts one: `bash tests/services/elasticsearch.sh start`); without one its rows say so.
Generating and publishing 10,000 pages takes a long time on a loaded machine, so a run prints
its VAR_DIR: `--reuse VAR_DIR` measures again on that site and database without generating,
and `--only-queries` also skips re-reading and re-indexing (the Elasticsearch index of the
previous run, `bench-search-pages`, is kept for this). The table notes the load average, as
tests/benchmarks/run.py does: on a shared machine it explains slow numbers.
Nothing here asserts: the table says PASS or MISS against the targets.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PYTHON = sys.executable
BENCH_DB = "coworking_bench_search"
ES_PREFIX = "bench-search"
TARGET_P95_MS = {"elasticsearch": 50.0, "database": 150.0}
TARGET_HIT = {"elasticsearch": 0.95, "database": 0.85}


def log(message: str) -> None:
    print(f"[bench search] {message}", file=sys.stderr, flush=True)


def scratch_database(url: str | None, scratch: Path) -> str:
    if not url or not url.startswith("postgres"):
        return f"sqlite:///{scratch / 'bench.sqlite3'}"
    import psycopg

    base, _, _ = url.rpartition("/")
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{BENCH_DB}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{BENCH_DB}"')
    return f"{base}/{BENCH_DB}"


def run(cmd: list[str], env: dict, what: str) -> float:
    started = time.perf_counter()
    done = subprocess.run(cmd, env=env, cwd=ROOT, capture_output=True, text=True)
    if done.returncode != 0:
        sys.stderr.write(done.stdout + done.stderr)
        raise SystemExit(f"{what} failed")
    return time.perf_counter() - started


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def mixed_queries(count: int, seed: int = 7) -> list[dict]:
    """One- to three-word queries from the demo vocabulary, some with filters or later pages."""
    from site_content.demo import RU_WORDS

    words = RU_WORDS.split() if isinstance(RU_WORDS, str) else list(RU_WORDS)
    rng = random.Random(seed)
    queries = []
    for _ in range(count):
        text = " ".join(rng.sample(words, rng.choice([1, 1, 2, 2, 3])))
        params: dict = {"text": text, "locale": rng.choice(["ru", "ru", "ru", None])}
        if rng.random() < 0.2:
            params["page"] = rng.choice([2, 3])
        if rng.random() < 0.15:
            params["year"] = rng.choice([2021, 2022, 2023, 2024])
        queries.append(params)
    return queries


def latency(queries: list[dict]) -> tuple[list[float], str]:
    from search.backends import Query
    from search.selectors import search_run

    search_run(query=Query(text="лицей"))  # warm caches and connections
    timings = []
    backend = ""
    for params in queries:
        started = time.perf_counter()
        data = search_run(query=Query(**params))
        timings.append((time.perf_counter() - started) * 1000)
        backend = data["backend"]
    return timings, backend


def relevance(env: dict) -> dict[str, tuple[float, float]]:
    """{backend: (hit@10, MRR)} from the relevance test's own report."""
    done = subprocess.run(
        [
            PYTHON,
            "-m",
            "pytest",
            "tests/search/test_relevance.py",
            "-q",
            "-s",
            "-p",
            "no:cacheprovider",
        ],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    found = {}
    for match in re.finditer(
        # pytest's progress dots may precede a report line.
        r"\b(database|elasticsearch): hit@10 ([\d.]+)% \(\d+/\d+\), MRR ([\d.]+)",
        done.stdout,
    ):
        found[match.group(1)] = (float(match.group(2)) / 100, float(match.group(3)))
    if not found:
        sys.stderr.write(done.stdout[-3000:] + done.stderr[-3000:])
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=10_000)
    parser.add_argument("--queries", type=int, default=1000)
    parser.add_argument("--no-relevance", action="store_true")
    parser.add_argument(
        "--reuse",
        metavar="VAR_DIR",
        help="Measure again on the site a previous run generated (its VAR_DIR, printed).",
    )
    parser.add_argument(
        "--only-queries",
        action="store_true",
        help="With --reuse: measure queries on the indexes as they are, without re-indexing.",
    )
    args = parser.parse_args(argv)
    if args.only_queries and not args.reuse:
        parser.error("--only-queries needs --reuse")
    phases: list[tuple[str, float]] = []
    loads = [os.getloadavg()[0]]

    es_url = os.environ.get("TEST_ELASTICSEARCH_URL") or os.environ.get("ELASTICSEARCH_URL", "")
    test_env = {**os.environ, "DJANGO_SETTINGS_MODULE": "cms.settings.test"}
    if args.reuse:
        scratch = Path(args.reuse)
        url = os.environ.get("DATABASE_URL", "")
        database = (
            f"{url.rpartition('/')[0]}/{BENCH_DB}"
            if url.startswith("postgres")
            else f"sqlite:///{scratch / 'bench.sqlite3'}"
        )
    else:
        scratch = Path(tempfile.mkdtemp(prefix="coworking-bench-search-"))
        database = scratch_database(os.environ.get("DATABASE_URL"), scratch)
    env = {
        **os.environ,
        "DATABASE_URL": database,
        "TEST_ELASTICSEARCH_URL": "",
        "VAR_DIR": str(scratch),
        "DJANGO_SETTINGS_MODULE": "cms.settings.dev",
        "ELASTICSEARCH_URL": "",
        "PUBLISH_ON_CHANGE": "0",
    }
    manage = [PYTHON, "manage.py"]
    log(f"database {database.rsplit('@', 1)[-1]}, VAR_DIR {scratch}")
    if not args.reuse:
        phases.append(("migrate", run([*manage, "migrate", "--noinput", "-v0"], env, "migrate")))
        seconds = run(
            [*manage, "generate_demo_content", "--pages", str(args.pages), "--quiet"], env, "demo"
        )
        phases.append((f"generate {args.pages:,} pages", seconds))
        log(f"generated {args.pages} pages in {seconds:.0f} s")
        run([*manage, "collectstatic", "--noinput", "-v0"], env, "collectstatic")
        seconds = run([*manage, "publish", "--quiet"], env, "publish")
        phases.append(("publish (and index in the database)", seconds))
        log(f"published (and indexed in the database) in {seconds:.0f} s")
        log(f"measure again without generating: --reuse {scratch}")

    os.environ.update({k: env[k] for k in ("DATABASE_URL", "VAR_DIR", "DJANGO_SETTINGS_MODULE")})
    os.environ["ELASTICSEARCH_URL"] = es_url
    import django

    django.setup()
    from django.conf import settings

    from publish import swap
    from publish.site_index import SiteIndex
    from search import backends, services
    from search.models import SearchDocument

    settings.ELASTICSEARCH_URL = ""
    settings.ELASTICSEARCH_INDEX_PREFIX = ES_PREFIX
    count = SearchDocument.objects.count()
    extract_rate = db_rate = es_rate = None
    if not args.only_queries:
        index = SiteIndex.load()
        live = swap.live_dir(Path(settings.SITE_DIR))
        started = time.perf_counter()
        docs = []
        ids = sorted(index.pages)
        for start in range(0, len(ids), 200):
            docs += services.documents_from_build(
                build_dir=live, page_ids=ids[start : start + 200], index=index
            )
        seconds = time.perf_counter() - started
        phases.append(("read published pages into documents", seconds))
        extract_rate = len(docs) / seconds
        log(f"{count} documents; reading pages {extract_rate:,.0f}/s")

        db = backends.database_backend()
        started = time.perf_counter()
        db.clear()
        db.rebuild(services._all_documents())
        seconds = time.perf_counter() - started
        phases.append(("database index rebuild", seconds))
        db_rate = count / seconds
        log(f"database index {db_rate:,.0f} docs/s")

    queries = mixed_queries(args.queries)
    loads.append(os.getloadavg()[0])
    started = time.perf_counter()
    db_times, _ = latency(queries)
    phases.append((f"{len(queries)} database queries", time.perf_counter() - started))
    log(f"database p95 {percentile(db_times, 0.95):.1f} ms")

    es_times: list[float] = []
    if es_url:
        settings.ELASTICSEARCH_URL = es_url
        es = backends.elasticsearch_backend()
        if not args.only_queries or not es.count():
            started = time.perf_counter()
            es.rebuild(services._all_documents())
            seconds = time.perf_counter() - started
            phases.append(("elasticsearch bulk rebuild", seconds))
            es_rate = count / seconds
            log(f"elasticsearch bulk {es_rate:,.0f} docs/s")
        loads.append(os.getloadavg()[0])
        started = time.perf_counter()
        es_times, answered = latency(queries)
        phases.append((f"{len(queries)} elasticsearch queries", time.perf_counter() - started))
        if answered != "elasticsearch":
            log(f"WARNING: queries were answered by {answered}")
        log(f"elasticsearch p95 {percentile(es_times, 0.95):.1f} ms")

    scores = {}
    if not args.no_relevance:
        log("relevance set on both backends (pytest)")
        scores = relevance({**test_env, "TEST_ELASTICSEARCH_URL": es_url})

    def rate(value: float | None, absent: str = "not measured") -> str:
        return f"{value:,.0f} docs/s" if value else absent

    rows = [("documents indexed", f"{count:,}", "", "")]
    rows.append(("reading published pages", rate(extract_rate), "", ""))
    rows.append(("database index (bulk)", rate(db_rate), "", ""))
    es_absent = "not measured" if es_url else "no server"
    rows.append(("elasticsearch bulk rebuild", rate(es_rate, es_absent), "", ""))
    for name, times in (("database", db_times), ("elasticsearch", es_times)):
        if not times:
            rows.append(
                (f"{name} query p50 / p95", "no server", f"< {TARGET_P95_MS[name]:.0f} ms", "")
            )
            continue
        p50, p95 = statistics.median(times), percentile(times, 0.95)
        rows.append(
            (
                f"{name} query p50 / p95 ({len(times)})",
                f"{p50:.1f} / {p95:.1f} ms",
                f"p95 < {TARGET_P95_MS[name]:.0f} ms",
                "PASS" if p95 < TARGET_P95_MS[name] else "MISS",
            )
        )
    for name in ("database", "elasticsearch"):
        if name in scores:
            hit, mrr = scores[name]
            rows.append(
                (
                    f"{name} relevance hit@10 / MRR",
                    f"{hit:.1%} / {mrr:.3f}",
                    f"hit@10 ≥ {TARGET_HIT[name]:.0%}",
                    "PASS" if hit >= TARGET_HIT[name] else "MISS",
                )
            )
    rows.append(
        ("load average (1 min) at start / db / es", " / ".join(f"{v:.1f}" for v in loads), "", "")
    )
    for what, seconds in phases:
        rows.append((f"time: {what}", f"{seconds:,.1f} s", "", ""))
    width = max(len(r[0]) for r in rows)
    print(f"\nSearch benchmark: {count:,} documents, {os.cpu_count()} CPUs")
    for label, value, target, verdict in rows:
        print(f"  {label:<{width}}  {value:>22}  {target:<16} {verdict}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
