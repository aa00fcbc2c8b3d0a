"""The live site's directory layout, the publish lock, and the atomic swap.

    SITE_DIR/live            symlink to the build that readers get
    SITE_DIR/builds/<id>/    one complete build per directory
    SITE_DIR/builds/<id>.json  its manifest (what each page showed), outside the served tree
    SITE_DIR/retired/        old builds waiting to be deleted outside the publish lock

A new build is written beside the live one and becomes live by renaming a fresh symlink over
`live`: rename(2) is atomic, so a reader sees either the whole old site or the whole new one,
and a build that fails or is killed never touches the live site.
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import time
from contextlib import contextmanager
from pathlib import Path

LIVE = "live"
BUILDS = "builds"
RETIRED = "retired"


def live_dir(site_dir: Path) -> Path | None:
    """The directory readers are served from now, or None before the first publish."""
    link = site_dir / LIVE
    if not link.is_symlink():
        return None
    target = link.resolve()
    return target if target.is_dir() else None


def new_build_dir(site_dir: Path) -> Path:
    builds = site_dir / BUILDS
    builds.mkdir(parents=True, exist_ok=True)
    stamp = time.strftime("%Y%m%dT%H%M%S")
    path = builds / f"{stamp}-{os.getpid()}-{time.monotonic_ns() % 1_000_000:06d}"
    path.mkdir()
    return path


def manifest_path(build_dir: Path) -> Path:
    return build_dir.with_name(build_dir.name + ".json")


def read_manifest(build_dir: Path) -> dict | None:
    try:
        return json.loads(manifest_path(build_dir).read_text(encoding="utf-8"))
    except (FileNotFoundError, json.JSONDecodeError):
        return None


def write_manifest(build_dir: Path, manifest: dict) -> None:
    path = manifest_path(build_dir)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(manifest, ensure_ascii=False, sort_keys=True), encoding="utf-8")
    os.replace(tmp, path)


def swap_live(site_dir: Path, build_dir: Path) -> None:
    """Point `live` at build_dir in one rename."""
    _fsync_dir(build_dir)
    tmp = site_dir / f".{LIVE}-{os.getpid()}"
    if tmp.is_symlink() or tmp.exists():
        tmp.unlink()
    os.symlink(os.path.relpath(build_dir, site_dir), tmp)
    os.replace(tmp, site_dir / LIVE)
    _fsync_dir(site_dir)


def retire_old_builds(site_dir: Path, keep: set[Path]) -> int:
    """Move builds other than `keep` (the live one and the one before it, for readers still
    streaming from it) out of `builds/`, including leftovers of builds that failed or were
    killed. A rename is instant.

    Called under the publish lock, where no other build can be in progress; the slow
    deletion (`delete_retired`) can then run after the lock is released."""
    builds = site_dir / BUILDS
    retired = site_dir / RETIRED
    removed = 0
    keep_names = {p.name for p in keep if p is not None}
    for entry in builds.iterdir() if builds.is_dir() else []:
        name = entry.name.removesuffix(".json").removesuffix(".tmp")
        if name in keep_names:
            continue
        if entry.is_dir() and not entry.is_symlink():
            retired.mkdir(exist_ok=True)
            os.rename(entry, retired / f"{entry.name}-{os.getpid()}-{time.monotonic_ns()}")
            removed += 1
        else:
            entry.unlink(missing_ok=True)
    return removed


def delete_retired(site_dir: Path) -> None:
    """Delete retired builds; safe to run while another publish works (they are never live)."""
    retired = site_dir / RETIRED
    for entry in retired.iterdir() if retired.is_dir() else []:
        shutil.rmtree(entry, ignore_errors=True)


@contextmanager
def publish_lock(site_dir: Path):
    """One publish at a time; a second one waits for the first to finish."""
    site_dir.mkdir(parents=True, exist_ok=True)
    with open(site_dir / ".publish.lock", "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
