"""Queries and CPU per page, per page type, for one full build of the current database.

    DATABASE_URL=... python -m tests.benchmarks.page_types [--sql 3] [--keep DIR]

Runs `SiteBuilder.build_full()` in-process and times every page's render (the page and its
static routes, as the builder renders them) with its own query count, then prints one row per
page type, the biggest total of queries first. The builder's own queries (the site index, the
batch `.specific()` load, consent checks) are shown as one "builder" row. `--sql N` lists each
type's N most frequent statements (literals blanked) to show where the queries come from;
`--keep DIR` copies the finished build to DIR, to `diff -r` two builds.

Build the demo content, collect static files and make renditions first (see `run.py`); like
that benchmark, this one asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import time
from collections import Counter, defaultdict
from pathlib import Path


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m tests.benchmarks.page_types")
    parser.add_argument("--sql", type=int, default=0, help="show each type's N commonest queries")
    parser.add_argument("--keep", type=Path, help="copy the finished build to this directory")
    args = parser.parse_args(argv)

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")
    import django

    django.setup()
    stats, builder_queries, result = measure()
    print(table(stats, builder_queries, result.pages))
    if args.sql:
        print(top_statements(stats, args.sql))
    if args.keep:
        shutil.rmtree(args.keep, ignore_errors=True)
        shutil.copytree(result.build_dir, args.keep)


class TypeStats:
    """What rendering the pages of one type cost."""

    def __init__(self) -> None:
        self.pages = 0
        self.queries = 0
        self.cpu = 0.0
        self.statements: Counter[str] = Counter()


def measure():
    """Build the whole site once; returns per-type stats, the builder's own query count and
    the build result."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from publish.builder import SiteBuilder

    stats: dict[str, TypeStats] = defaultdict(TypeStats)

    class CountingBuilder(SiteBuilder):
        def _render_one(self, build_dir, page, info):
            with CaptureQueriesContext(connection) as queries:
                started = time.process_time()
                output = super()._render_one(build_dir, page, info)
                cpu = time.process_time() - started
            row = stats[type(page).__name__]
            row.pages += 1
            row.cpu += cpu
            row.queries += len(queries.captured_queries)
            row.statements.update(_shape(q["sql"]) for q in queries.captured_queries)
            return output

    with CaptureQueriesContext(connection) as everything:
        result = CountingBuilder(progress=False).build_full()
    rendered = sum(row.queries for row in stats.values())
    return stats, len(everything.captured_queries) - rendered, result


def table(stats: dict[str, TypeStats], builder_queries: int, pages: int) -> str:
    rows = sorted(stats.items(), key=lambda item: (-item[1].queries, item[0]))
    lines = [
        f"{'page type':<28} {'pages':>6} {'queries':>8} {'q/page':>8} {'ms/page':>8} {'ms':>8}",
    ]
    for name, row in rows:
        lines.append(
            f"{name:<28} {row.pages:>6} {row.queries:>8} {row.queries / row.pages:>8.2f} "
            f"{1000 * row.cpu / row.pages:>8.2f} {1000 * row.cpu:>8.0f}"
        )
    total_queries = sum(r.queries for r in stats.values()) + builder_queries
    total_cpu = sum(r.cpu for r in stats.values())
    lines.append(f"{'builder':<28} {'':>6} {builder_queries:>8}")
    lines.append(
        f"{'all':<28} {pages:>6} {total_queries:>8} {total_queries / max(pages, 1):>8.2f} "
        f"{1000 * total_cpu / max(pages, 1):>8.2f} {1000 * total_cpu:>8.0f}"
    )
    return "\n".join(lines)


def top_statements(stats: dict[str, TypeStats], count: int) -> str:
    lines = []
    for name, row in sorted(stats.items(), key=lambda item: -item[1].queries):
        if not row.queries:
            continue
        lines.append(f"\n{name} ({row.queries / row.pages:.2f} queries/page)")
        for sql, times in row.statements.most_common(count):
            lines.append(f"  {times / row.pages:6.2f}/page  {sql[:220]}")
    return "\n".join(lines)


_LITERALS = re.compile(r"'(?:[^']|'')*'|\b\d+\b")
_LISTS = re.compile(r"\((?:\s*\?\s*,)+\s*\?\s*\)")


def _shape(sql: str) -> str:
    """The statement with its literals blanked, so the same query for other rows counts once."""
    return _LISTS.sub("(?…)", _LITERALS.sub("?", sql))


if __name__ == "__main__":
    main()
