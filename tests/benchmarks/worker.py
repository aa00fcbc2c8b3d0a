"""The in-process half of the benchmark: runs inside Django against one scratch database.

    python -m tests.benchmarks.worker prepare --hugo-dir DIR   renditions made, Hugo export
    python -m tests.benchmarks.worker measure --samples 30     queries, CPU, publish latency
    python -m tests.benchmarks.worker profile --out FILE       cProfile of a full build, SQL origins

Each prints one JSON object on its last stdout line; `run.py` starts it with the environment
(DATABASE_URL, VAR_DIR) of the size being measured.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import math
import os
import pstats
import re
import sys
import threading
import time
import traceback
from collections import Counter
from pathlib import Path

PROJECT = str(Path(__file__).resolve().parents[2])


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m tests.benchmarks.worker")
    sub = parser.add_subparsers(dest="command", required=True)
    prepare = sub.add_parser("prepare")
    prepare.add_argument("--hugo-dir", type=Path, required=True)
    measure = sub.add_parser("measure")
    measure.add_argument("--samples", type=int, default=30)
    measure.add_argument("--menu-samples", type=int, default=5)
    profile = sub.add_parser("profile")
    profile.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")
    import django

    django.setup()
    if args.command == "prepare":
        result = prepare_site(args.hugo_dir)
    elif args.command == "measure":
        result = measure_site(args.samples, args.menu_samples)
    else:
        result = profile_build(args.out)
    print(json.dumps(result))


def prepare_site(hugo_dir: Path) -> dict:
    """Make every image's renditions (as a first publish would) and export the Hugo site."""
    from wagtail.images import get_image_model

    from publish.assets import FALLBACK_WIDTH, RESPONSIVE_WIDTHS

    from .hugo import export_site

    specs = [f"width-{w}|format-webp" for w in RESPONSIVE_WIDTHS] + [f"width-{FALLBACK_WIDTH}"]
    images = list(get_image_model().objects.all())
    for image in images:
        image.get_renditions(*specs)
    return {"renditions": len(images) * len(specs), "hugo_pages": export_site(hugo_dir)}


def measure_site(samples: int, menu_samples: int) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from publish.builder import SiteBuilder

    cpu = time.process_time()
    wall = time.perf_counter()
    with CaptureQueriesContext(connection) as queries:
        result = SiteBuilder(progress=False).build_full()
    out = {
        "pages": result.pages,
        "build_cpu": time.process_time() - cpu,
        "build_wall": time.perf_counter() - wall,
        "queries": len(queries.captured_queries),
        "latency": {},
    }
    for kind, page_id, descendants in _latency_pages():
        count = menu_samples if kind == "menu section" else samples
        out["latency"][kind] = {"descendants": descendants, **_publish_latency(page_id, count)}
    return out


def _latency_pages():
    """A nested section (its title is in its descendants' breadcrumbs), a leaf, and a top-level
    section (its title is also in the menu of every page of its language).

    With demo content of every type, the nested section is the biggest of the second level
    (a standard section, an exhibition, a support section or a course), the leaf one from the
    middle of the deepest leaves, and the menu section the biggest zone in the menu.
    """
    from publish.site_index import SiteIndex

    index = SiteIndex.load()
    root = index.roots["ru"]

    def descendants(page_id: int) -> int:
        return sum(1 + descendants(c) for c in index.pages[page_id].children)

    ru = [p for p in index.pages.values() if p.language == "ru" and p.depth > 2]
    nested = [p for p in ru if p.depth == root.depth + 2 and p.children]
    leaves = sorted((p for p in ru if not p.children), key=lambda p: (-p.depth, p.id))
    top = [p for p in ru if p.depth == root.depth + 1 and p.children and p.show_in_menus]
    chosen = []
    if nested:
        chosen.append(
            ("nested section", max(nested, key=lambda p: (descendants(p.id), -p.id)).id, 0)
        )
    if leaves:
        chosen.append(("leaf", leaves[len(leaves) // 2].id, 0))
    if top:
        chosen.append(("menu section", max(top, key=lambda p: (descendants(p.id), -p.id)).id, 0))
    return [(kind, page_id, descendants(page_id)) for kind, page_id, _ in chosen]


def _publish_latency(page_id: int, samples: int) -> dict:
    """Save and publish a new title as an editor would; time until the live file shows it."""
    from django.conf import settings
    from django.db import transaction
    from django.test.utils import override_settings
    from django.utils.html import escape
    from wagtail.models import Page

    from publish.builder import SiteBuilder
    from publish.site_index import SiteIndex

    output_path = SiteIndex.load().pages[page_id].output_path
    live_file = Path(settings.SITE_DIR) / "live" / output_path
    results: list = []
    original = SiteBuilder.build_changes

    def recording(self, *args, **kwargs):
        result = original(self, *args, **kwargs)
        results.append(result)
        return result

    timings, returns, rendered, failures = [], [], [], 0
    SiteBuilder.build_changes = recording
    try:
        # Inline, not through the worker: this measures the build that follows a save, not
        # how soon a worker polls its queue.
        with override_settings(PUBLISH_ON_CHANGE=True, PUBLISH_IN_BACKGROUND=False):
            for number in range(samples):
                page = Page.objects.get(pk=page_id).specific
                title = f"{page.title.split(' · ')[0]} · v{number + 1}"
                results.clear()
                watcher = _Watcher(live_file, f"<h1>{escape(title)}</h1>")
                started = watcher.start()
                with transaction.atomic():
                    page.title = title
                    page.save_revision(log_action=True).publish()
                returns.append(time.perf_counter() - started)
                seen = watcher.result(timeout=120)
                if seen is None:
                    failures += 1
                    continue
                timings.append(seen)
                rendered.append(sum(r.rendered for r in results))
    finally:
        SiteBuilder.build_changes = original
    return {
        "samples": len(timings),
        "failures": failures,
        "p50": _percentile(timings, 50),
        "p95": _percentile(timings, 95),
        "returns_p50": _percentile(returns, 50),
        "rendered": max(rendered) if rendered else None,
        "rendered_min": min(rendered) if rendered else None,
        "output": output_path,
    }


class _Watcher:
    """Polls a live file from another thread, as a reader would, and notes when it changes:
    the publish may go on (removing old builds) after the new file is already live."""

    def __init__(self, path: Path, marker: str):
        self.path = path
        self.marker = marker
        self.seen: float | None = None
        self.started = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._poll, daemon=True)

    def start(self) -> float:
        self.started = time.perf_counter()
        self._thread.start()
        return self.started

    def _poll(self) -> None:
        while not self._stop.is_set():
            try:
                if self.marker in self.path.read_text(encoding="utf-8"):
                    self.seen = time.perf_counter() - self.started
                    return
            except FileNotFoundError:
                pass
            time.sleep(0.005)

    def result(self, timeout: float) -> float | None:
        self._thread.join(timeout)
        self._stop.set()
        return self.seen


def _percentile(values: list[float], percent: float) -> float | None:
    """Nearest-rank percentile."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(0, math.ceil(percent / 100 * len(ordered)) - 1)]


def profile_build(out: Path) -> dict:
    """cProfile a full build; count its SQL by statement shape and by the code that ran it."""
    from django.db import connection

    from publish.builder import SiteBuilder

    shapes: Counter = Counter()
    origins: Counter = Counter()

    def record(execute, sql, params, many, context):
        shapes[_shape(sql)] += 1
        origins[_origin()] += 1
        return execute(sql, params, many, context)

    profiler = cProfile.Profile()
    with connection.execute_wrapper(record):
        profiler.enable()
        result = SiteBuilder(progress=False).build_full()
        profiler.disable()
    profiler.dump_stats(str(out))
    text = io.StringIO()
    stats = pstats.Stats(profiler, stream=text)
    stats.sort_stats("cumulative").print_stats(45)
    stats.sort_stats("tottime").print_stats(30)
    return {
        "pages": result.pages,
        "seconds": result.seconds,
        "queries": sum(shapes.values()),
        "shapes": shapes.most_common(15),
        "origins": origins.most_common(15),
        "profile": text.getvalue(),
        "incremental": [
            _profile_incremental(kind, page_id) for kind, page_id, _ in _latency_pages()
        ],
    }


def _profile_incremental(kind: str, page_id: int) -> dict:
    """cProfile the incremental publish that follows a new title on one page."""
    from django.test.utils import override_settings
    from wagtail.models import Page

    from publish.builder import SiteBuilder

    with override_settings(PUBLISH_ON_CHANGE=False):
        page = Page.objects.get(pk=page_id).specific
        page.title = f"{page.title} · profiled"
        page.save_revision().publish()
    profiler = cProfile.Profile()
    profiler.enable()
    result = SiteBuilder(progress=False).build_changes()
    profiler.disable()
    text = io.StringIO()
    pstats.Stats(profiler, stream=text).sort_stats("cumulative").print_stats(30)
    return {
        "kind": kind,
        "rendered": result.rendered,
        "seconds": result.seconds,
        "profile": text.getvalue(),
    }


def _shape(sql: str) -> str:
    sql = re.sub(r"'[^']*'", "?", sql)
    sql = re.sub(r"\b\d+\b", "?", sql)
    sql = re.sub(r"(\?, )+\?", "?…", sql)
    return sql[:160]


def _origin() -> str:
    """The innermost frames of our own code, and the library frame it called, that ran a query."""
    frames = traceback.extract_stack()[:-3]
    ours = [f for f in frames if f.filename.startswith(PROJECT) and "/.venv/" not in f.filename]
    ours = [f for f in ours if "tests/benchmarks" not in f.filename]
    library = [
        f for f in frames if "/site-packages/" in f.filename and "/django/db/" not in f.filename
    ]
    where = " < ".join(f"{Path(f.filename).name}:{f.lineno} {f.name}" for f in reversed(ours[-2:]))
    if library:
        last = library[-1]
        where = f"{last.filename.split('site-packages/')[-1]}:{last.lineno} {last.name} < {where}"
    return where


if __name__ == "__main__":
    sys.exit(main())
