"""Benchmark the static publishing pipeline and print one table.

    python -m tests.benchmarks.run [--sizes 1000,4000] [--quick] [--samples 30] [--profile]

For each size N it makes a scratch database (PostgreSQL when DATABASE_URL points at one: a
pristine migrated `coworking_bench` cloned per size; SQLite under a temp dir otherwise) and a
scratch VAR_DIR (media, static, site), generates N demo pages, then measures:

- a full `manage.py publish --quiet` in a subprocess: wall time, pages/s, whole-process CPU and
  peak RSS (from wait4), and Hugo building the same pages exported as Markdown;
- a full build in-process: CPU time of `SiteBuilder.build_full()` and its SQL queries;
- publish latency: save + publish a revision with PUBLISH_ON_CHANGE on, until the live file
  shows the new title, for a nested section, a leaf and a top-level (menu) section.

Image renditions are made before the timed build, as they exist after a site's first publish.
Nothing here asserts: the table says PASS or MISS against the targets.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[2]
PYTHON = sys.executable
HUGO_RUNS = 3

TARGET_HUGO_RATIO = 8.0
TARGET_CPU_MS = 3.0
TARGET_QUERIES = 2.0
TARGET_P95 = 2.0
TARGET_RSS_MIB = 1024.0


@dataclass
class Run:
    """One finished subprocess: wall seconds, CPU seconds, peak RSS and its output."""

    seconds: float
    cpu: float
    max_rss_mib: float
    returncode: int
    stdout: str
    stderr: str


def measure(cmd: list[str], env: dict, cwd: Path = ROOT) -> Run:
    """Run cmd; wait4 gives this child's own CPU time and RSS high-water mark."""
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        started = time.perf_counter()
        proc = subprocess.Popen(cmd, env=env, cwd=cwd, stdout=out, stderr=err, text=True)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - started
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return Run(
            seconds=seconds,
            cpu=usage.ru_utime + usage.ru_stime,
            max_rss_mib=usage.ru_maxrss / 1024,
            returncode=proc.returncode,
            stdout=out.read(),
            stderr=err.read(),
        )


def checked(cmd: list[str], env: dict, what: str) -> Run:
    run = measure(cmd, env)
    if run.returncode != 0:
        sys.stderr.write(
            f"\n{what} failed ({' '.join(cmd)}):\n{run.stdout[-3000:]}\n{run.stderr[-5000:]}\n"
        )
        raise SystemExit(1)
    return run


def log(message: str) -> None:
    sys.stderr.write(f"[bench {time.strftime('%H:%M:%S')}] {message}\n")
    sys.stderr.flush()


class Databases:
    """A pristine migrated database, cloned once per size."""

    def __init__(self, url: str | None, scratch: Path):
        self.url = url
        self.scratch = scratch
        self.postgres = bool(url) and urlsplit(url).scheme.startswith("postgres")
        if url and not self.postgres:
            raise SystemExit(
                f"DATABASE_URL must be PostgreSQL or unset (SQLite), not {urlsplit(url).scheme}"
            )
        if self.postgres:
            name = urlsplit(url).path.lstrip("/")
            self.base = name if "bench" in name else "coworking_bench"

    def url_for(self, name: str) -> str:
        if not self.postgres:
            return f"sqlite:///{self.scratch / (name + '.sqlite3')}"
        parts = urlsplit(self.url)
        return urlunsplit(parts._replace(path="/" + name))

    def _admin(self):
        import psycopg

        parts = urlsplit(self.url)
        return psycopg.connect(
            host=parts.hostname or "127.0.0.1",
            port=parts.port or 5432,
            user=unquote(parts.username or ""),
            password=unquote(parts.password or ""),
            dbname="postgres",
            autocommit=True,
        )

    def _recreate(self, name: str, template: str | None = None) -> None:
        with self._admin() as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            conn.execute(
                f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else "")
            )

    def pristine(self, env: dict) -> str:
        """Recreate and migrate the base database; returns its name."""
        name = self.base if self.postgres else "base"
        if self.postgres:
            self._recreate(name)
        checked(
            [PYTHON, "manage.py", "migrate", "--noinput", "-v0"],
            {**env, "DATABASE_URL": self.url_for(name)},
            "migrate",
        )
        return name

    def clone(self, base: str, size: int) -> str:
        name = f"{base}_{size}"
        if self.postgres:
            self._recreate(name, template=base)
        else:
            source = self.scratch / f"{base}.sqlite3"
            with (
                sqlite3.connect(source) as src,
                sqlite3.connect(self.scratch / f"{name}.sqlite3") as dst,
            ):
                src.backup(dst)
        return self.url_for(name)

    def drop(self, names: list[str]) -> None:
        if self.postgres:
            with self._admin() as conn:
                for name in names:
                    conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def ensure_hugo() -> str | None:
    hugo = shutil.which("hugo")
    if hugo:
        return hugo
    log("hugo is missing; installing Debian's hugo package")
    apt = ["apt-get", "-qq", "-y"]
    if os.geteuid() != 0:
        apt = ["sudo", "-n", *apt]
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
    subprocess.run([*apt[:-2], "update"], check=False, **quiet)
    subprocess.run(
        [*apt, "install", "hugo"],
        check=False,
        env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"},
        **quiet,
    )
    return shutil.which("hugo")


def bench_size(
    size: int, args, dbs: Databases, base: str, scratch: Path, base_env: dict, hugo: str | None
) -> dict:
    var = scratch / f"n{size}"
    env = {**base_env, "VAR_DIR": str(var), "DATABASE_URL": dbs.clone(base, size)}
    result: dict = {"size": size}

    log(f"N={size}: generating demo content")
    run = checked(
        [
            PYTHON,
            "manage.py",
            "generate_demo_content",
            "--pages",
            str(size),
            "--seed",
            str(args.seed),
            "--quiet",
        ],
        env,
        "generate_demo_content",
    )
    result["generate_seconds"] = run.seconds
    checked([PYTHON, "manage.py", "collectstatic", "--noinput", "-v0"], env, "collectstatic")
    log(f"N={size}: making renditions, exporting the Hugo site")
    run = checked(
        [PYTHON, "-m", "tests.benchmarks.worker", "prepare", "--hugo-dir", str(var / "hugo")],
        env,
        "prepare",
    )
    result["prepare"] = json.loads(run.stdout.strip().splitlines()[-1])

    log(f"N={size}: timed full build (manage.py publish --quiet)")
    # Other work on the machine inflates every timing here; the table shows how busy it was.
    result["load"] = os.getloadavg()[0]
    run = checked([PYTHON, "manage.py", "publish", "--quiet"], env, "publish")
    pages = int(run.stdout.split("full build: ", 1)[1].split(" ", 1)[0])
    result.update(
        build_seconds=run.seconds, build_cpu=run.cpu, build_rss=run.max_rss_mib, pages=pages
    )

    if hugo:
        log(f"N={size}: Hugo ({HUGO_RUNS} runs)")
        runs = []
        for _ in range(HUGO_RUNS):
            shutil.rmtree(var / "hugo-public", ignore_errors=True)
            runs.append(
                checked(
                    [
                        hugo,
                        "--quiet",
                        "--source",
                        str(var / "hugo"),
                        "--destination",
                        str(var / "hugo-public"),
                    ],
                    env,
                    "hugo",
                )
            )
        result["hugo_seconds"] = statistics.median(r.seconds for r in runs)
        result["hugo_rss"] = max(r.max_rss_mib for r in runs)
        result["hugo_pages"] = sum(1 for _ in (var / "hugo-public").rglob("index.html"))

    log(f"N={size}: in-process build (queries, CPU) and publish latency")
    samples = args.samples if args.samples is not None else (5 if args.quick else 30)
    menu_samples = 2 if args.quick else 5
    run = checked(
        [
            PYTHON,
            "-m",
            "tests.benchmarks.worker",
            "measure",
            "--samples",
            str(samples),
            "--menu-samples",
            str(menu_samples),
        ],
        env,
        "measure",
    )
    result["measure"] = json.loads(run.stdout.strip().splitlines()[-1])

    if args.profile:
        log(f"N={size}: profiling a full build")
        run = checked(
            [
                PYTHON,
                "-m",
                "tests.benchmarks.worker",
                "profile",
                "--out",
                str(scratch / f"build-{size}.prof"),
            ],
            env,
            "profile",
        )
        result["profile"] = json.loads(run.stdout.strip().splitlines()[-1])
    return result


def _fmt(value, spec: str, suffix: str = "") -> str:
    return "—" if value is None else f"{value:{spec}}{suffix}"


def _verdict(values: list, ok) -> str:
    if not values or any(v is None for v in values):
        return "n/a"
    marks = ["PASS" if ok(v) else "MISS" for v in values]
    return marks[0] if len(set(marks)) == 1 else " / ".join(marks)


def table(results: list[dict], database: str) -> str:
    """One aligned plain-text table: a row per metric, a column per size, target, result."""
    rows: list[tuple[str, list[str], str, str]] = []

    def row(label, values, spec, suffix="", target="", ok=None):
        cells = [_fmt(v, spec, suffix) for v in values]
        rows.append((label, cells, target, _verdict(values, ok) if ok else ""))

    def col(key):
        return [r.get(key) for r in results]

    def measured(key):
        return [r["measure"].get(key) for r in results]

    def latency(kind, key):
        return [r["measure"]["latency"].get(kind, {}).get(key) for r in results]

    pages = col("pages")
    row("pages built (incl. homes)", pages, ",d")
    row("demo content generation, s", col("generate_seconds"), ".1f")
    row("load average (1 min) before the build", col("load"), ".1f")
    row("full build (manage.py publish), s", col("build_seconds"), ".2f")
    row("  pages/s", [p / s for p, s in zip(pages, col("build_seconds"), strict=True)], ",.0f")
    row("Hugo, same pages, s (median of 3)", col("hugo_seconds"), ".2f")
    ratios = [
        b / h if h else None for b, h in zip(col("build_seconds"), col("hugo_seconds"), strict=True)
    ]
    row(
        "  build time / Hugo",
        ratios,
        ".1f",
        "x",
        f"<= {TARGET_HUGO_RATIO:g}x",
        lambda v: v <= TARGET_HUGO_RATIO,
    )
    row(
        "peak memory (RSS) of the build, MiB",
        col("build_rss"),
        ",.0f",
        "",
        f"< {TARGET_RSS_MIB:,.0f} MiB",
        lambda v: v < TARGET_RSS_MIB,
    )
    row("  Hugo peak memory, MiB", col("hugo_rss"), ",.0f")
    cpu = [m["build_cpu"] * 1000 / m["pages"] for m in (r["measure"] for r in results)]
    row(
        "CPU per page, build_full(), ms",
        cpu,
        ".2f",
        "",
        f"<= {TARGET_CPU_MS:g} ms",
        lambda v: v <= TARGET_CPU_MS,
    )
    row(
        "  CPU per page, whole process, ms",
        [r["build_cpu"] * 1000 / r["pages"] for r in results],
        ".2f",
    )
    queries = [m["queries"] / m["pages"] for m in (r["measure"] for r in results)]
    row(
        "SQL queries per page",
        queries,
        ".2f",
        "",
        f"<= {TARGET_QUERIES:g}",
        lambda v: v <= TARGET_QUERIES,
    )
    row("  SQL queries, whole build", measured("queries"), ",d")
    for kind in ("nested section", "leaf", "menu section"):
        if not any(kind in r["measure"]["latency"] for r in results):
            continue
        row(f"publish {kind}: samples", latency(kind, "samples"), "d")
        row("  its descendants", latency(kind, "descendants"), ",d")
        row("  p50, s", latency(kind, "p50"), ".2f")
        row(
            "  p95, s",
            latency(kind, "p95"),
            ".2f",
            "",
            f"< {TARGET_P95:g} s",
            lambda v: v < TARGET_P95,
        )
        row("  editor's publish call returned, p50, s", latency(kind, "returns_p50"), ".2f")
        row("  pages re-rendered per publish", latency(kind, "rendered"), ",d")
        failures = latency(kind, "failures")
        if any(failures):
            row("  publishes not live within 120 s", failures, "d")

    header = ("metric", [f"N={r['size']:,}" for r in results], "target", "result")
    widths = [max(len(header[0]), *(len(r[0]) for r in rows))]
    for i in range(len(results)):
        widths.append(max(len(header[1][i]), *(len(r[1][i]) for r in rows)))
    widths.append(max(len(header[2]), *(len(r[2]) for r in rows)))
    widths.append(max(len(header[3]), *(len(r[3]) for r in rows)))

    def line(label, cells, target, verdict):
        parts = [label.ljust(widths[0])]
        parts += [c.rjust(widths[i + 1]) for i, c in enumerate(cells)]
        parts += [target.ljust(widths[-2]), verdict.ljust(widths[-1])]
        return "  ".join(parts).rstrip()

    load = "/".join(f"{v:.1f}" for v in os.getloadavg())
    out = [
        f"Static publishing benchmark ({database}, {os.cpu_count()} CPUs, load average at the end "
        f"{load}; result column in size order)"
    ]
    out.append(line(*header))
    out.append("  ".join("-" * w for w in widths))
    out += [line(*r) for r in rows]
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tests.benchmarks.run", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument(
        "--sizes", default=None, help="comma-separated page counts (default 1000,4000)"
    )
    parser.add_argument("--quick", action="store_true", help="N=200 only and fewer latency samples")
    parser.add_argument(
        "--samples", type=int, default=None, help="publish latency samples (default 30)"
    )
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--profile", action="store_true", help="also cProfile a full build per size"
    )
    parser.add_argument(
        "--keep", action="store_true", help="keep the scratch directory and databases"
    )
    args = parser.parse_args(argv)
    sizes = [
        int(s)
        for s in (args.sizes or ("200" if args.quick else "1000,4000")).split(",")
        if s.strip()
    ]

    scratch = Path(tempfile.mkdtemp(prefix="coworking-bench-"))
    dbs = Databases(os.environ.get("DATABASE_URL"), scratch)
    base_env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.dev",
        "SECRET_KEY": os.environ.get("SECRET_KEY") or "bench-only-key",
        "DEBUG": "0",
        "PUBLISH_ON_CHANGE": "0",
        "LOG_LEVEL": "ERROR",
        "VAR_DIR": str(scratch / "base"),
        "PYTHONUNBUFFERED": "1",
    }
    for leftover in ("SITE_DIR", "MEDIA_ROOT"):
        base_env.pop(leftover, None)
    hugo = ensure_hugo()
    if hugo is None:
        log("hugo could not be installed; the Hugo rows will be empty")
    database = "PostgreSQL" if dbs.postgres else "SQLite"
    log(f"scratch {scratch}; {database}; sizes {sizes}")
    created = []
    try:
        base = dbs.pristine(base_env)
        created.append(base)
        results = []
        for size in sizes:
            results.append(bench_size(size, args, dbs, base, scratch, base_env, hugo))
            created.append(f"{base}_{size}")
    finally:
        if not args.keep:
            shutil.rmtree(scratch, ignore_errors=True)
            dbs.drop(created)
    for result in results:
        if "profile" in result:
            _print_profile(result)
    print(table(results, database))
    if args.keep:
        print(f"scratch kept in {scratch}")
    return 0


def _print_profile(result: dict) -> None:
    profile = result["profile"]
    print(
        f"\n=== profile of a full build, N={result['size']}: {profile['pages']} pages, "
        f"{profile['seconds']:.2f} s, {profile['queries']} queries"
    )
    print("SQL by statement shape:")
    for shape, count in profile["shapes"]:
        print(f"  {count:6d}  {shape}")
    print("SQL by origin:")
    for origin, count in profile["origins"]:
        print(f"  {count:6d}  {origin}")
    print(profile["profile"])
    for incremental in profile.get("incremental", []):
        print(
            f"\n=== profile of an incremental publish after retitling a {incremental['kind']}: "
            f"{incremental['rendered']} pages rendered, {incremental['seconds']:.2f} s"
        )
        print(incremental["profile"])


if __name__ == "__main__":
    sys.exit(main())
